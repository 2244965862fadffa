package dev.sluice.benchmarks.nexmark;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.connector.Sink;
import dev.sluice.execution.connector.SinkContext;
import dev.sluice.execution.connector.SinkProvider;
import dev.sluice.execution.connector.SinkWriter;
import dev.sluice.execution.connector.WriterCommitMessage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;

/**
 * The {@code blackhole} sink, for benchmarks: counts rows, touches every vector's value count, and
 * keeps nothing, so a query ending in it pays ~nothing for its output.
 *
 * <p>Committed row counts are published per query name (see {@link #committedRows(String)}), so a
 * benchmark can check that a query produced the rows it should — a broken query must not look fast.
 *
 * <p>Option {@code checksum} ({@code true}/{@code false}, default false): also sum the values of
 * every integer column and the epoch values of every timestamp column (NULLs skipped, wrapping on
 * overflow) and publish the per-column sums (see {@link #committedSums(String)}), so a benchmark
 * can compare an engine's output with a reference loop's value by value, not only by row count. Off
 * by default because it reads every value.
 */
public final class BlackholeSinkProvider implements SinkProvider {
  private static final ConcurrentHashMap<String, AtomicLong> COMMITTED = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<String, long[]> SUMS = new ConcurrentHashMap<>();
  private static final String CHECKSUM = "checksum";

  /** Consumed so the JIT cannot drop the value-count reads. */
  private static volatile long touched;

  @Override
  public String name() {
    return "blackhole";
  }

  @Override
  public Set<String> optionNames() {
    return Set.of(CHECKSUM);
  }

  @Override
  public Set<OutputMode> supportedOutputModes() {
    return Set.of(OutputMode.APPEND, OutputMode.UPDATE, OutputMode.COMPLETE);
  }

  @Override
  public Sink create(SinkContext context) {
    return new BlackholeSink(
        context.queryName().orElse(""),
        Boolean.parseBoolean(context.options().getString(CHECKSUM, "false")));
  }

  /** Rows committed so far by blackhole sinks of queries named {@code queryName}. */
  public static long committedRows(String queryName) {
    AtomicLong rows = COMMITTED.get(queryName);
    return rows == null ? 0 : rows.get();
  }

  /**
   * Per-column sums of the integer and timestamp columns committed so far by checksumming blackhole
   * sinks of queries named {@code queryName} (0 for other columns), or null if none committed.
   */
  public static long[] committedSums(String queryName) {
    long[] sums = SUMS.get(queryName);
    if (sums == null) {
      return null;
    }
    synchronized (sums) {
      return sums.clone();
    }
  }

  /** Forgets the count and sums of {@code queryName}. */
  public static void reset(String queryName) {
    COMMITTED.remove(queryName);
    SUMS.remove(queryName);
  }

  private record Count(long rows, long valueCounts, long[] sums) implements WriterCommitMessage {}

  private static final class BlackholeSink implements Sink {
    private final String queryName;
    private final boolean checksum;

    BlackholeSink(String queryName, boolean checksum) {
      this.queryName = queryName;
      this.checksum = checksum;
    }

    @Override
    public SinkWriter createWriter(long batchId, int partition, BufferAllocator allocator) {
      return new BlackholeWriter(checksum);
    }

    @Override
    public void commit(long batchId, List<WriterCommitMessage> messages) {
      long rows = 0;
      long valueCounts = 0;
      for (WriterCommitMessage message : messages) {
        Count count = (Count) message;
        rows += count.rows();
        valueCounts += count.valueCounts();
        if (count.sums() != null) {
          long[] sums = SUMS.computeIfAbsent(queryName, name -> new long[count.sums().length]);
          synchronized (sums) {
            for (int i = 0; i < sums.length && i < count.sums().length; i++) {
              sums[i] += count.sums()[i];
            }
          }
        }
      }
      COMMITTED.computeIfAbsent(queryName, name -> new AtomicLong()).addAndGet(rows);
      touched += valueCounts;
    }

    @Override
    public String description() {
      return "Blackhole[" + queryName + "]";
    }
  }

  private static final class BlackholeWriter implements SinkWriter {
    private final boolean checksum;
    private long rows;
    private long valueCounts;
    private long[] sums;

    BlackholeWriter(boolean checksum) {
      this.checksum = checksum;
    }

    @Override
    public void write(Batch batch) {
      try (batch) {
        rows += batch.rowCount();
        if (checksum && sums == null) {
          sums = new long[batch.columnCount()];
        }
        for (int i = 0; i < batch.columnCount(); i++) {
          FieldVector vector = batch.vector(i);
          valueCounts += vector.getValueCount();
          if (checksum && vector instanceof BaseIntVector ints) {
            long sum = 0;
            for (int row = 0; row < batch.rowCount(); row++) {
              if (!vector.isNull(row)) {
                sum += ints.getValueAsLong(row);
              }
            }
            sums[i] += sum;
          } else if (checksum && vector instanceof TimeStampVector times) {
            long sum = 0;
            for (int row = 0; row < batch.rowCount(); row++) {
              if (!vector.isNull(row)) {
                sum += times.get(row);
              }
            }
            sums[i] += sum;
          }
        }
      }
    }

    @Override
    public WriterCommitMessage commit() {
      return new Count(rows, valueCounts, sums);
    }
  }
}
