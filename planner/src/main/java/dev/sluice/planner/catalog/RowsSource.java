package dev.sluice.planner.catalog;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.Source;
import dev.sluice.execution.connector.memory.MemoryStream;
import dev.sluice.execution.driver.Clock;
import dev.sluice.execution.type.Schema;
import java.util.List;
import java.util.function.Supplier;

/**
 * A table of rows held in memory (VALUES, tables made from Java lists, a memory sink's result).
 * {@code rows} is read each time a query starts, so a live result is seen as it is then.
 */
public record RowsSource(String name, Schema schema, Supplier<List<Row>> rows, String description)
    implements SourceFactory {
  public RowsSource {
    requireNonNull(name, "name is null");
    requireNonNull(schema, "schema is null");
    requireNonNull(rows, "rows is null");
    requireNonNull(description, "description is null");
  }

  /** Fixed rows. */
  public static RowsSource of(String name, Schema schema, List<Row> rows, String description) {
    List<Row> copy = List.copyOf(rows);
    return new RowsSource(name, schema, () -> copy, description);
  }

  @Override
  public Source create(Clock clock) {
    MemoryStream stream = new MemoryStream(name, schema, 1);
    stream.addData(List.copyOf(rows.get()));
    return stream;
  }
}
