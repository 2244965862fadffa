package dev.sluice.execution.connector;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.batch.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * A writer that copies the rows of every batch it gets out of Arrow memory, closes the batch, and
 * hands the rows to its sink as {@link CollectedRows}. For sinks whose output is small and
 * row-shaped (memory, console, foreachBatch).
 */
public final class RowCollectingWriter implements SinkWriter {
  private final List<Row> rows = new ArrayList<>();

  @Override
  public void write(Batch batch) {
    try (batch) {
      rows.addAll(batch.toRows());
    }
  }

  @Override
  public CollectedRows commit() {
    return new CollectedRows(rows);
  }

  @Override
  public void abort() {
    rows.clear();
  }
}
