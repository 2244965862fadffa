package dev.sluice.sources;

import dev.sluice.execution.connector.ConnectorOptions;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;

/** Option getters the source connectors share beyond those of {@link ConnectorOptions}. */
public final class SourceOptions {
  private SourceOptions() {}

  /**
   * A positive option that must fit an {@code int}, such as a partition count.
   *
   * @throws SluiceException INVALID_OPTION naming the option when it is not a positive integer
   */
  public static int positiveInt(ConnectorOptions options, String key, int defaultValue) {
    long value = options.getPositiveLong(key, defaultValue);
    if (value > Integer.MAX_VALUE) {
      throw new SluiceException(
          ErrorCode.INVALID_OPTION,
          "option '"
              + key
              + "' of connector '"
              + options.connector()
              + "' is '"
              + value
              + "' but must be a positive integer up to "
              + Integer.MAX_VALUE);
    }
    return (int) value;
  }
}
