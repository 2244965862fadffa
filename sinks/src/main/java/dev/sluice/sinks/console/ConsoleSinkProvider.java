package dev.sluice.sinks.console;

import dev.sluice.execution.connector.ConnectorOptions;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.connector.Sink;
import dev.sluice.execution.connector.SinkContext;
import dev.sluice.execution.connector.SinkProvider;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code console} sink: prints every batch to the session's console (see {@link ConsoleSink}).
 * Options: {@code numRows} (default 20), rows printed per batch; {@code truncate} (default true),
 * cut cells longer than 20 characters.
 */
public final class ConsoleSinkProvider implements SinkProvider {
  static final String NUM_ROWS = "numRows";
  static final String TRUNCATE = "truncate";

  @Override
  public String name() {
    return "console";
  }

  /** Every mode: a changelog's {@code op} column is just the first column of each row. */
  @Override
  public Set<OutputMode> supportedOutputModes() {
    return EnumSet.allOf(OutputMode.class);
  }

  @Override
  public Set<String> optionNames() {
    return Set.of(NUM_ROWS, TRUNCATE);
  }

  /**
   * @throws SluiceException INVALID_OPTION when {@code numRows} is not a positive integer or {@code
   *     truncate} is not a boolean
   */
  @Override
  public Sink create(SinkContext context) {
    ConnectorOptions options = context.options();
    long numRows = options.getPositiveLong(NUM_ROWS, 20);
    if (numRows > Integer.MAX_VALUE) {
      throw new SluiceException(
          ErrorCode.INVALID_OPTION,
          "option '"
              + NUM_ROWS
              + "' of connector 'console' is '"
              + numRows
              + "' but must be a positive integer up to "
              + Integer.MAX_VALUE);
    }
    return new ConsoleSink(
        context.schema(), context.console(), (int) numRows, options.getBoolean(TRUNCATE, true));
  }
}
