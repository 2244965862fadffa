package dev.sluice.sources.rate;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.connector.PartitionReader;
import dev.sluice.execution.connector.Source;
import dev.sluice.execution.driver.Clock;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Generates {@code (timestamp, value)} rows at a fixed rate of the query's clock, like Spark's rate
 * source, and is fully replayable: every row is a function of its partition and offset.
 *
 * <p>Values 0, 1, 2, ... are dealt round-robin over the N partitions: partition {@code p} holds
 * values {@code p, p + N, p + 2N, ...}, so its row {@code k} has value {@code k * N + p}. Value
 * {@code v} has timestamp {@code start + v * 1000 / rowsPerSecond}, where {@code start} is the
 * clock's time when the query first started. After {@code e} milliseconds, the first {@code floor(e
 * * rowsPerSecond / 1000)} values are available, and each partition's end offset counts the
 * available values that belong to it.
 *
 * <p>The start time is kept in the checkpoint ({@link #checkpointState()}), so a restarted query
 * gives replayed rows the same timestamps and catches up, in its first batch, the values that fell
 * due while it was down (as Spark's rate source does).
 */
public final class RateSource implements Source {
  /** The schema of every rate source. */
  public static final Schema SCHEMA =
      Schema.of(
          Field.notNull("timestamp", SqlType.TIMESTAMP), Field.notNull("value", SqlType.BIGINT));

  private final Schema schema;
  private final long rowsPerSecond;
  private final int partitions;
  private final Clock clock;

  /** When the source first started; restored from the checkpoint so a restart continues it. */
  private long startMillis;

  private long[] lastOffsets;

  /**
   * @param schema {@link #SCHEMA}, or a declared schema of the same names and types
   * @param rowsPerSecond positive
   * @param partitions positive
   * @param clock the query's clock; the source starts at its current time
   */
  public RateSource(Schema schema, long rowsPerSecond, int partitions, Clock clock) {
    this.schema = requireNonNull(schema, "schema is null");
    this.clock = requireNonNull(clock, "clock is null");
    if (rowsPerSecond < 1 || partitions < 1) {
      throw new IllegalArgumentException(
          "rowsPerSecond and partitions must be positive: " + rowsPerSecond + ", " + partitions);
    }
    this.rowsPerSecond = rowsPerSecond;
    this.partitions = partitions;
    this.startMillis = clock.millis();
    this.lastOffsets = new long[partitions];
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public int partitionCount() {
    return partitions;
  }

  /** The rows available now; never smaller than a previous answer, even if the clock goes back. */
  @Override
  public synchronized long[] latestOffsets() {
    long total = availableRows(Math.max(0, clock.millis() - startMillis));
    long[] offsets = new long[partitions];
    for (int p = 0; p < partitions; p++) {
      offsets[p] = Math.max(lastOffsets[p], valuesBelow(total, p));
    }
    lastOffsets = offsets;
    return offsets.clone();
  }

  private long availableRows(long elapsedMillis) {
    try {
      return Math.multiplyExact(elapsedMillis, rowsPerSecond) / 1000;
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 1000;
    }
  }

  /** How many of the values {@code 0 .. total - 1} fall into partition {@code p}. */
  private long valuesBelow(long total, int p) {
    return total > p ? (total - 1 - p) / partitions + 1 : 0;
  }

  /** The start time: the timeline (and, for rate, the rows' timestamps) continue from it. */
  @Override
  public Optional<String> checkpointState() {
    return Optional.of(Long.toString(startMillis));
  }

  @Override
  public synchronized void restore(String state) {
    startMillis = Long.parseLong(state.trim());
  }

  @Override
  public PartitionReader createReader(
      int partition, long start, long end, int maxRowsPerBatch, BufferAllocator allocator) {
    return new RatePartitionReader(
        schema,
        new RateSpec(startMillis, rowsPerSecond, partitions, partition),
        start,
        end,
        maxRowsPerBatch,
        allocator);
  }

  @Override
  public String description() {
    return "RateSource[rowsPerSecond=" + rowsPerSecond + ", partitions=" + partitions + "]";
  }

  /**
   * What a reader needs to compute a partition's rows.
   *
   * @param startMillis the source's start time
   * @param rowsPerSecond the rate
   * @param partitions the partition count N
   * @param partition the partition read
   */
  record RateSpec(long startMillis, long rowsPerSecond, int partitions, int partition) {
    long value(long offset) {
      return offset * partitions + partition;
    }

    long timestamp(long value) {
      return startMillis + value * 1000 / rowsPerSecond;
    }
  }
}
