package dev.sluice.sources.nexmark;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.connector.PartitionReader;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Reads offsets {@code [start, end)} of one partition: walks the global events of those offsets and
 * writes the ones of the source's kind, column by column, into batches of at most {@code
 * maxRowsPerBatch} rows.
 */
final class NexmarkPartitionReader implements PartitionReader {
  private final NexmarkTable table;
  private final DeclaredColumns columns;
  private final TableColumns generator;
  private final EventPartitioning partitioning;
  private final int partition;
  private final long end;
  private final int maxRowsPerBatch;
  private final BufferAllocator allocator;
  private long next;

  NexmarkPartitionReader(
      NexmarkTable table,
      DeclaredColumns columns,
      TableColumns generator,
      EventPartitioning partitioning,
      int partition,
      long start,
      long end,
      int maxRowsPerBatch,
      BufferAllocator allocator) {
    this.table = requireNonNull(table, "table is null");
    this.columns = requireNonNull(columns, "columns is null");
    this.generator = requireNonNull(generator, "generator is null");
    this.partitioning = requireNonNull(partitioning, "partitioning is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
    if (start < 0 || end < start || maxRowsPerBatch < 1) {
      throw new IllegalArgumentException(
          "bad range [" + start + ", " + end + ") or batch size " + maxRowsPerBatch);
    }
    this.partition = partition;
    this.next = start;
    this.end = end;
    this.maxRowsPerBatch = maxRowsPerBatch;
  }

  @Override
  public Batch next() {
    if (next >= end) {
      return null;
    }
    int capacity = (int) Math.min(maxRowsPerBatch, end - next);
    List<FieldVector> vectors = Batch.newVectors(columns.schema(), allocator);
    try {
      generator.bind(allocate(vectors, capacity));
      int rows = 0;
      while (next < end && rows < capacity) {
        long eventNumber = partitioning.eventNumber(partition, next++);
        if (EventMix.kindOf(eventNumber) == table) {
          generator.write(eventNumber, rows++);
        }
      }
      if (rows == 0) {
        vectors.forEach(FieldVector::close);
        return null;
      }
      return Batch.of(columns.schema(), vectors, rows);
    } catch (RuntimeException e) {
      vectors.forEach(FieldVector::close);
      throw e;
    }
  }

  /** Sizes the vectors for {@code capacity} rows; returns them by column of the table. */
  private FieldVector[] allocate(List<FieldVector> vectors, int capacity) {
    FieldVector[] byTableColumn = new FieldVector[table.schema().size()];
    for (int i = 0; i < vectors.size(); i++) {
      int column = columns.tableColumns()[i];
      FieldVector vector = vectors.get(i);
      if (vector instanceof VarCharVector text) {
        text.allocateNew((long) capacity * table.averageWidth(column), capacity);
      } else {
        ((BaseFixedWidthVector) vector).allocateNew(capacity);
      }
      byTableColumn[column] = vector;
    }
    return byTableColumn;
  }
}
