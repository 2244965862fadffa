package dev.sluice.execution.connector;

import dev.sluice.execution.type.Schema;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A partitioned, offset-addressed input. Partition {@code p}'s records are numbered 0, 1, 2, ...;
 * an <i>offset</i> is the number of records before a position, so a micro-batch reads the half-open
 * range {@code [start, end)} of each partition and the offset log records those numbers.
 *
 * <p>A replayable source returns exactly the same records for the same range every time, which is
 * what makes a re-run batch identical after a crash. The driver calls all methods from the query's
 * own thread except {@link #createReader}, whose readers run on the partition pool.
 */
public interface Source extends AutoCloseable {
  Schema schema();

  int partitionCount();

  /**
   * The end offset (exclusive) of what is available now in each partition; never smaller than a
   * previous answer. Length is {@link #partitionCount()}.
   */
  long[] latestOffsets();

  /**
   * A reader of records {@code [start, end)} of {@code partition}, producing batches of at most
   * {@code maxRowsPerBatch} rows allocated from {@code allocator}.
   */
  PartitionReader createReader(
      int partition, long start, long end, int maxRowsPerBatch, BufferAllocator allocator);

  /**
   * What this source must keep across restarts to give the same records for the same offsets and to
   * continue its timeline (the rate and Nexmark sources: their start time), or empty. The driver
   * writes it to the checkpoint when the query first starts and hands it to {@link #restore} on
   * every later start, before any other call but {@link #partitionCount()}.
   */
  default Optional<String> checkpointState() {
    return Optional.empty();
  }

  /** Takes back what {@link #checkpointState()} returned when the query first started. */
  default void restore(String state) {}

  /** True if every range can be read again with the same result (false for sockets). */
  default boolean isReplayable() {
    return true;
  }

  /** True if the data is finite and complete now (static tables); such sources end a query. */
  default boolean isBounded() {
    return false;
  }

  /**
   * Everything before {@code offsets} is committed and will never be read again; a source may
   * release it.
   */
  default void commit(long[] offsets) {}

  /** A short description for progress reports, e.g. {@code MemoryStream[id=3]}. */
  String description();

  @Override
  default void close() {}
}
