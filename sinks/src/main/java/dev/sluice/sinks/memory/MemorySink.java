package dev.sluice.sinks.memory;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.CollectedRows;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.connector.RowCollectingWriter;
import dev.sluice.execution.connector.Sink;
import dev.sluice.execution.connector.SinkWriter;
import dev.sluice.execution.connector.WriterCommitMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Keeps a query's output in memory, by batch id, as the table {@link #allRows()} that the provider
 * publishes under the query's name.
 *
 * <p>Committing a batch id again replaces its rows, so a batch re-run after a crash appears once.
 * In append and update mode the table is every batch's rows in batch order; in complete mode each
 * batch is the whole result, so only the latest batch is kept (a late re-commit of an older batch
 * is ignored, since a newer result has replaced it).
 *
 * <p>Commits come from the query's thread while the shell or a test may read at any time; every
 * method is synchronized and returns a copy.
 */
public final class MemorySink implements Sink {
  private final String queryName;
  private final OutputMode outputMode;
  private final NavigableMap<Long, List<Row>> batches = new TreeMap<>();

  public MemorySink(String queryName, OutputMode outputMode) {
    this.queryName = requireNonNull(queryName, "queryName is null");
    this.outputMode = requireNonNull(outputMode, "outputMode is null");
  }

  @Override
  public SinkWriter createWriter(long batchId, int partition, BufferAllocator allocator) {
    return new RowCollectingWriter();
  }

  @Override
  public synchronized void commit(long batchId, List<WriterCommitMessage> messages) {
    List<Row> rows = List.copyOf(CollectedRows.concat(messages));
    if (outputMode == OutputMode.COMPLETE) {
      if (!batches.isEmpty() && batchId < batches.lastKey()) {
        return;
      }
      batches.clear();
    }
    batches.put(batchId, rows);
  }

  /** The rows committed for {@code batchId}; empty if there are none. */
  public synchronized List<Row> rowsOf(long batchId) {
    return batches.getOrDefault(batchId, List.of());
  }

  /** The ids of the batches kept, ascending. */
  public synchronized List<Long> batchIds() {
    return List.copyOf(batches.keySet());
  }

  /** The result table: the kept batches' rows in batch order. */
  public synchronized List<Row> allRows() {
    List<Row> rows = new ArrayList<>();
    batches.values().forEach(rows::addAll);
    return rows;
  }

  @Override
  public String description() {
    return "MemorySink[" + queryName + "]";
  }
}
