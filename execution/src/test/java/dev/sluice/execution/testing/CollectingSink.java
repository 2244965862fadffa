package dev.sluice.execution.testing;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.CollectedRows;
import dev.sluice.execution.connector.RowCollectingWriter;
import dev.sluice.execution.connector.Sink;
import dev.sluice.execution.connector.SinkWriter;
import dev.sluice.execution.connector.WriterCommitMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A test sink that keeps each committed batch's rows by batch id (idempotent: a re-committed batch
 * replaces itself) and can be told to fail a given batch at commit, to simulate a crash.
 */
public final class CollectingSink implements Sink {
  private final Map<Long, List<Row>> batches = new TreeMap<>();
  private long failCommitOfBatch = -1;
  private int commitCalls;

  @Override
  public SinkWriter createWriter(long batchId, int partition, BufferAllocator allocator) {
    return new RowCollectingWriter();
  }

  @Override
  public synchronized void commit(long batchId, List<WriterCommitMessage> messages) {
    commitCalls++;
    if (batchId == failCommitOfBatch) {
      failCommitOfBatch = -1;
      throw new IllegalStateException("injected failure committing batch " + batchId);
    }
    batches.put(batchId, CollectedRows.concat(messages));
  }

  public synchronized void failCommitOf(long batchId) {
    failCommitOfBatch = batchId;
  }

  public synchronized Map<Long, List<Row>> batches() {
    return new TreeMap<>(batches);
  }

  public synchronized List<Row> allRows() {
    List<Row> all = new ArrayList<>();
    batches.values().forEach(all::addAll);
    return all;
  }

  public synchronized int commitCalls() {
    return commitCalls;
  }

  @Override
  public String description() {
    return "CollectingSink";
  }
}
