package dev.sluice.execution.connector;

import java.util.Set;

/**
 * Creates sinks of one connector type; found by {@link #name()} through {@link
 * java.util.ServiceLoader} ({@code META-INF/services/dev.sluice.execution.connector.SinkProvider}).
 */
public interface SinkProvider {
  /** The name users write in {@code format(...)} or {@code connector = '...'}, lower case. */
  String name();

  /** Every option the connector accepts; anything else is refused naming it. */
  Set<String> optionNames();

  /**
   * The output modes this sink can take; the planner refuses others naming the ones that work. A
   * sink that takes {@link OutputMode#CHANGELOG} gets rows with a leading {@code op} column and
   * must show or keep it.
   */
  default Set<OutputMode> supportedOutputModes() {
    return Set.of(OutputMode.APPEND, OutputMode.UPDATE, OutputMode.COMPLETE);
  }

  Sink create(SinkContext context);
}
