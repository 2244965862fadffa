package dev.sluice.sources.rate;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.connector.PartitionReader;
import dev.sluice.execution.type.Schema;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMilliVector;

/** Reads rows {@code [start, end)} of one rate partition, writing the vectors directly. */
final class RatePartitionReader implements PartitionReader {
  private final Schema schema;
  private final RateSource.RateSpec spec;
  private final long end;
  private final int maxRowsPerBatch;
  private final BufferAllocator allocator;
  private long next;

  RatePartitionReader(
      Schema schema,
      RateSource.RateSpec spec,
      long start,
      long end,
      int maxRowsPerBatch,
      BufferAllocator allocator) {
    this.schema = requireNonNull(schema, "schema is null");
    this.spec = requireNonNull(spec, "spec is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
    if (start < 0 || end < start || maxRowsPerBatch < 1) {
      throw new IllegalArgumentException(
          "bad range [" + start + ", " + end + ") or batch size " + maxRowsPerBatch);
    }
    this.next = start;
    this.end = end;
    this.maxRowsPerBatch = maxRowsPerBatch;
  }

  @Override
  public Batch next() {
    if (next >= end) {
      return null;
    }
    int rows = (int) Math.min(maxRowsPerBatch, end - next);
    List<FieldVector> vectors = Batch.newVectors(schema, allocator);
    try {
      TimeStampMilliVector timestamps = (TimeStampMilliVector) vectors.get(0);
      BigIntVector values = (BigIntVector) vectors.get(1);
      timestamps.allocateNew(rows);
      values.allocateNew(rows);
      for (int i = 0; i < rows; i++) {
        long value = spec.value(next + i);
        timestamps.set(i, spec.timestamp(value));
        values.set(i, value);
      }
    } catch (RuntimeException e) {
      vectors.forEach(FieldVector::close);
      throw e;
    }
    next += rows;
    return Batch.of(schema, vectors, rows);
  }
}
