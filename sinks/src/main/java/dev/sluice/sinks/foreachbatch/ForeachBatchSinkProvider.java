package dev.sluice.sinks.foreachbatch;

import dev.sluice.execution.connector.BatchFunction;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.connector.Sink;
import dev.sluice.execution.connector.SinkContext;
import dev.sluice.execution.connector.SinkProvider;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code foreachBatch} sink: calls the {@link BatchFunction} the API hands over as the
 * context's user function with every committed batch (see {@link ForeachBatchSink}). No options.
 */
public final class ForeachBatchSinkProvider implements SinkProvider {
  @Override
  public String name() {
    return "foreachbatch";
  }

  /** Every mode: a changelog's {@code op} column is just the first column of each row. */
  @Override
  public Set<OutputMode> supportedOutputModes() {
    return EnumSet.allOf(OutputMode.class);
  }

  @Override
  public Set<String> optionNames() {
    return Set.of();
  }

  /**
   * @throws SluiceException INVALID_OPTION when the context carries no {@link BatchFunction}
   */
  @Override
  public Sink create(SinkContext context) {
    Object function = context.userFunction().orElse(null);
    if (!(function instanceof BatchFunction batchFunction)) {
      throw new SluiceException(
          ErrorCode.INVALID_OPTION,
          "the foreachBatch sink needs a BatchFunction, which the API passes from"
              + " foreachBatch(...); it cannot be chosen with format(\"foreachBatch\") alone"
              + (function == null ? "" : "; got a " + function.getClass().getName()));
    }
    return new ForeachBatchSink(context.schema(), batchFunction);
  }
}
