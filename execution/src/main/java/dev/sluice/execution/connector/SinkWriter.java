package dev.sluice.execution.connector;

import dev.sluice.execution.batch.Batch;

/** Writes one partition's share of one micro-batch. Single-threaded. */
public interface SinkWriter extends AutoCloseable {
  /** Takes ownership of {@code batch}: the writer closes it (or keeps a copy and closes it). */
  void write(Batch batch);

  /** Everything was written; the message goes to {@link Sink#commit}. */
  WriterCommitMessage commit();

  /** The batch failed; undo what can be undone. */
  default void abort() {}

  @Override
  default void close() {}
}
