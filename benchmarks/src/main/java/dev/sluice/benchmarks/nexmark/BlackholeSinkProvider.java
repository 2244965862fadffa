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
import org.apache.arrow.vector.FieldVector;

/**
 * The {@code blackhole} sink, for benchmarks: counts rows, touches every vector's value count, and
 * keeps nothing, so a query ending in it pays ~nothing for its output.
 *
 * <p>Committed row counts are published per query name (see {@link #committedRows(String)}), so a
 * benchmark can check that a query produced the rows it should — a broken query must not look fast.
 * No options.
 */
public final class BlackholeSinkProvider implements SinkProvider {
  private static final ConcurrentHashMap<String, AtomicLong> COMMITTED = new ConcurrentHashMap<>();

  /** Consumed so the JIT cannot drop the value-count reads. */
  private static volatile long touched;

  @Override
  public String name() {
    return "blackhole";
  }

  @Override
  public Set<String> optionNames() {
    return Set.of();
  }

  @Override
  public Set<OutputMode> supportedOutputModes() {
    return Set.of(OutputMode.APPEND, OutputMode.UPDATE, OutputMode.COMPLETE);
  }

  @Override
  public Sink create(SinkContext context) {
    return new BlackholeSink(context.queryName().orElse(""));
  }

  /** Rows committed so far by blackhole sinks of queries named {@code queryName}. */
  public static long committedRows(String queryName) {
    AtomicLong rows = COMMITTED.get(queryName);
    return rows == null ? 0 : rows.get();
  }

  /** Forgets the count of {@code queryName}. */
  public static void reset(String queryName) {
    COMMITTED.remove(queryName);
  }

  private record Count(long rows, long valueCounts) implements WriterCommitMessage {}

  private static final class BlackholeSink implements Sink {
    private final String queryName;

    BlackholeSink(String queryName) {
      this.queryName = queryName;
    }

    @Override
    public SinkWriter createWriter(long batchId, int partition, BufferAllocator allocator) {
      return new BlackholeWriter();
    }

    @Override
    public void commit(long batchId, List<WriterCommitMessage> messages) {
      long rows = 0;
      long valueCounts = 0;
      for (WriterCommitMessage message : messages) {
        Count count = (Count) message;
        rows += count.rows();
        valueCounts += count.valueCounts();
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
    private long rows;
    private long valueCounts;

    @Override
    public void write(Batch batch) {
      try (batch) {
        rows += batch.rowCount();
        for (int i = 0; i < batch.columnCount(); i++) {
          FieldVector vector = batch.vector(i);
          valueCounts += vector.getValueCount();
        }
      }
    }

    @Override
    public WriterCommitMessage commit() {
      return new Count(rows, valueCounts);
    }
  }
}
