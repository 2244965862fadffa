package dev.sluice.execution.connector;

import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A destination for the results of a streaming query, written one micro-batch at a time.
 *
 * <p>Protocol per batch: {@link #createWriter} once per partition (writers run in parallel on the
 * partition pool), each writer gets its partition's batches and then {@code commit()} or {@code
 * abort()}; then the driver calls {@link #commit} with every writer's message, from the query
 * thread. After a crash the same batch id may be committed again with the same data: {@link
 * #commit} must make a batch visible exactly once (idempotent by batch id, or transactional).
 */
public interface Sink extends AutoCloseable {
  SinkWriter createWriter(long batchId, int partition, BufferAllocator allocator);

  /** Makes batch {@code batchId} visible, exactly once. Messages are in partition order. */
  void commit(long batchId, List<WriterCommitMessage> messages);

  /** Discards what the writers of {@code batchId} wrote. */
  default void abort(long batchId, List<WriterCommitMessage> messages) {}

  /** A short description for progress reports, e.g. {@code MemorySink[bids]}. */
  String description();

  @Override
  default void close() {}
}
