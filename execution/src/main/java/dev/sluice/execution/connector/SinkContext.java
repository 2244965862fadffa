package dev.sluice.execution.connector;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.type.Schema;
import java.io.PrintStream;
import java.util.Optional;

/**
 * What a sink is created with.
 *
 * @param options the user's options, already checked against {@link SinkProvider#optionNames()}
 * @param schema the schema of the rows the query writes
 * @param outputMode append, update or complete
 * @param queryName the query's name, if it has one (the memory sink publishes its table under it)
 * @param console where console output goes (the shell redirects it)
 * @param tables where a sink publishes a queryable result table
 * @param userFunction a user object the API hands over (the foreachBatch function), if any
 */
public record SinkContext(
    ConnectorOptions options,
    Schema schema,
    OutputMode outputMode,
    Optional<String> queryName,
    PrintStream console,
    ResultTables tables,
    Optional<Object> userFunction) {
  public SinkContext {
    requireNonNull(options, "options is null");
    requireNonNull(schema, "schema is null");
    requireNonNull(outputMode, "outputMode is null");
    requireNonNull(queryName, "queryName is null");
    requireNonNull(console, "console is null");
    requireNonNull(tables, "tables is null");
    requireNonNull(userFunction, "userFunction is null");
  }
}
