package dev.sluice.sinks.memory;

import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.connector.Sink;
import dev.sluice.execution.connector.SinkContext;
import dev.sluice.execution.connector.SinkProvider;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code memory} sink: keeps the output in a {@link MemorySink} and publishes it as a table
 * named after the query, so {@code SELECT * FROM <queryName>} reads it. No options.
 */
public final class MemorySinkProvider implements SinkProvider {
  @Override
  public String name() {
    return "memory";
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
   * Creates the sink and publishes its table.
   *
   * @throws SluiceException MISSING_OPTION when the query has no name
   */
  @Override
  public Sink create(SinkContext context) {
    String queryName =
        context
            .queryName()
            .orElseThrow(
                () ->
                    new SluiceException(
                        ErrorCode.MISSING_OPTION,
                        "the memory sink needs a query name: call queryName(...)"));
    MemorySink sink = new MemorySink(queryName, context.outputMode());
    context.tables().publish(queryName, context.schema(), sink::allRows);
    return sink;
  }
}
