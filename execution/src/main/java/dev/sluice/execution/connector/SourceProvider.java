package dev.sluice.execution.connector;

import java.util.Set;

/**
 * Creates sources of one connector type. Implementations are found by {@link #name()} through
 * {@link java.util.ServiceLoader} (a {@code
 * META-INF/services/dev.sluice.execution.connector.SourceProvider} entry), so the planner never
 * imports a connector.
 */
public interface SourceProvider {
  /** The name users write in {@code format(...)} or {@code connector = '...'}, lower case. */
  String name();

  /** Every option the connector accepts; anything else is refused naming it. */
  Set<String> optionNames();

  /**
   * Creates a source. Fails with INVALID_OPTION / MISSING_OPTION naming the option when the options
   * are wrong.
   */
  Source create(SourceContext context);
}
