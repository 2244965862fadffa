package dev.sluice.execution.connector;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.type.Schema;
import java.util.List;
import java.util.function.Supplier;

/**
 * The session's registry of tables that sinks publish (the memory sink's result under the query
 * name), so that {@code sluice.sql("SELECT * FROM name")} can read them as static tables.
 */
public interface ResultTables {
  /** Publishes (or replaces) table {@code name}; {@code rows} is read at query time. */
  void publish(String name, Schema schema, Supplier<List<Row>> rows);
}
