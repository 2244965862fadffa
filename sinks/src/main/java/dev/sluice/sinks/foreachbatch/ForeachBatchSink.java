package dev.sluice.sinks.foreachbatch;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.connector.BatchFunction;
import dev.sluice.execution.connector.CollectedRows;
import dev.sluice.execution.connector.RowCollectingWriter;
import dev.sluice.execution.connector.Sink;
import dev.sluice.execution.connector.SinkWriter;
import dev.sluice.execution.connector.WriterCommitMessage;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.Schema;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Hands each committed batch to a user's {@link BatchFunction}: all partitions' rows, in partition
 * order, on the query's thread. As in Spark, a batch re-run after a crash calls the function again
 * with the same batch id and rows; a function that must write exactly once dedupes by batch id.
 */
public final class ForeachBatchSink implements Sink {
  private final Schema schema;
  private final BatchFunction function;

  public ForeachBatchSink(Schema schema, BatchFunction function) {
    this.schema = requireNonNull(schema, "schema is null");
    this.function = requireNonNull(function, "function is null");
  }

  @Override
  public SinkWriter createWriter(long batchId, int partition, BufferAllocator allocator) {
    return new RowCollectingWriter();
  }

  /**
   * Calls the function.
   *
   * @throws SluiceException QUERY_FAILED, with the function's exception as the cause, when it
   *     throws
   */
  @Override
  public void commit(long batchId, List<WriterCommitMessage> messages) {
    try {
      function.accept(batchId, schema, CollectedRows.concat(messages));
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new SluiceException(
          ErrorCode.QUERY_FAILED, "foreachBatch function failed on batch " + batchId + ": " + e, e);
    }
  }

  @Override
  public String description() {
    return "ForeachBatchSink";
  }
}
