package dev.sluice.execution.connector.memory;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.batch.BatchBuilder;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.PartitionReader;
import dev.sluice.execution.connector.Source;
import dev.sluice.execution.type.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A replayable in-memory stream that tests and the shell add rows to. Rows go to partition 0 unless
 * a partition is named; every added row stays, so any offset range can be read again (exactly what
 * a restarted query needs).
 */
public final class MemoryStream implements Source {
  private static final AtomicInteger IDS = new AtomicInteger();

  private final int id = IDS.incrementAndGet();
  private final String name;
  private final Schema schema;
  private final List<List<Row>> partitions = new ArrayList<>();

  public MemoryStream(String name, Schema schema, int partitionCount) {
    this.name = requireNonNull(name, "name is null");
    this.schema = requireNonNull(schema, "schema is null");
    if (partitionCount < 1) {
      throw new IllegalArgumentException("partitionCount must be positive: " + partitionCount);
    }
    for (int i = 0; i < partitionCount; i++) {
      partitions.add(new ArrayList<>());
    }
  }

  /** Appends rows to partition 0; returns the new end offsets. */
  public long[] addData(Row... rows) {
    return addData(0, Arrays.asList(rows));
  }

  public long[] addData(List<Row> rows) {
    return addData(0, rows);
  }

  public synchronized long[] addData(int partition, List<Row> rows) {
    for (Row row : rows) {
      if (row.size() != schema.size()) {
        throw new IllegalArgumentException(
            "row "
                + row
                + " has "
                + row.size()
                + " values but stream "
                + name
                + " has columns "
                + schema);
      }
    }
    partitions.get(partition).addAll(rows);
    return latestOffsets();
  }

  public String name() {
    return name;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public int partitionCount() {
    return partitions.size();
  }

  @Override
  public synchronized long[] latestOffsets() {
    return partitions.stream().mapToLong(List::size).toArray();
  }

  @Override
  public PartitionReader createReader(
      int partition, long start, long end, int maxRowsPerBatch, BufferAllocator allocator) {
    List<Row> rows;
    synchronized (this) {
      List<Row> all = partitions.get(partition);
      if (end > all.size()) {
        throw new IllegalStateException(
            "offset "
                + end
                + " of partition "
                + partition
                + " is beyond the "
                + all.size()
                + " rows of "
                + description());
      }
      rows = List.copyOf(all.subList((int) start, (int) end));
    }
    Iterator<List<Row>> chunks = chunk(rows, maxRowsPerBatch).iterator();
    return () -> {
      if (!chunks.hasNext()) {
        return null;
      }
      try (BatchBuilder builder = new BatchBuilder(schema, allocator, maxRowsPerBatch)) {
        List<Batch> built = builder.addAll(chunks.next()).build();
        return built.get(0);
      }
    };
  }

  private static List<List<Row>> chunk(List<Row> rows, int size) {
    List<List<Row>> chunks = new ArrayList<>();
    for (int i = 0; i < rows.size(); i += size) {
      chunks.add(rows.subList(i, Math.min(rows.size(), i + size)));
    }
    return chunks;
  }

  @Override
  public String description() {
    return "MemoryStream[" + name + "#" + id + "]";
  }
}
