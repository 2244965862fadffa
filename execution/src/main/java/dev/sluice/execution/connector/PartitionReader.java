package dev.sluice.execution.connector;

import dev.sluice.execution.batch.Batch;

/** Reads one partition's offset range as a sequence of bounded batches. Single-threaded. */
public interface PartitionReader extends AutoCloseable {
  /** The next batch (owned by the caller), or null when the range is exhausted. */
  Batch next();

  @Override
  default void close() {}
}
