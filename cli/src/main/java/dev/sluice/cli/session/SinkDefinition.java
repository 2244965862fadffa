package dev.sluice.cli.session;

import java.util.Map;

/**
 * A sink declared with {@code CREATE SINK name WITH (connector = '...', ...)}: where the query
 * {@code INSERT INTO name} starts writes. A {@code memory} sink keeps what each batch delivered for
 * {@code SHOW OUTPUT}.
 */
record SinkDefinition(String name, String connector, Map<String, String> options)
    implements QueryTarget {
  static final String MEMORY = "memory";
  static final String FOREACH_BATCH = "foreachbatch";

  SinkDefinition {
    options = Map.copyOf(options);
  }

  boolean isMemory() {
    return connector.equalsIgnoreCase(MEMORY);
  }

  @Override
  public String describe() {
    return name + " (" + connector + ")";
  }

  @Override
  public boolean keepsOutput() {
    return isMemory();
  }
}
