package dev.sluice.execution.exchange;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.batch.VectorCopy;
import dev.sluice.execution.type.Schema;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Builds one list of bounded batches per target partition by copying single rows, vector to vector
 * (no boxing), out of the batches being split.
 */
final class PartitionedBatches implements AutoCloseable {
  private final Schema schema;
  private final BufferAllocator allocator;
  private final int maxRows;
  private final List<List<Batch>> finished = new ArrayList<>();
  private final List<List<FieldVector>> open = new ArrayList<>();
  private final int[] openRows;

  PartitionedBatches(Schema schema, int partitions, BufferAllocator allocator, int maxRows) {
    this.schema = schema;
    this.allocator = allocator;
    this.maxRows = maxRows;
    this.openRows = new int[partitions];
    for (int p = 0; p < partitions; p++) {
      finished.add(new ArrayList<>());
      open.add(null);
    }
  }

  /** Appends row {@code row} of {@code from} to partition {@code partition}. */
  void append(int partition, Batch from, int row) {
    List<FieldVector> vectors = open.get(partition);
    if (vectors == null) {
      vectors = Batch.allocateVectors(schema, allocator, Math.min(maxRows, 1024));
      open.set(partition, vectors);
    }
    int at = openRows[partition];
    for (int c = 0; c < vectors.size(); c++) {
      VectorCopy.copyValue(from.vector(c), row, vectors.get(c), at);
    }
    if (++openRows[partition] == maxRows) {
      flush(partition);
    }
  }

  private void flush(int partition) {
    List<FieldVector> vectors = open.get(partition);
    if (vectors != null) {
      finished.get(partition).add(Batch.of(schema, vectors, openRows[partition]));
      open.set(partition, null);
      openRows[partition] = 0;
    }
  }

  /** Every partition's batches; the caller owns them and this builder is empty afterwards. */
  List<List<Batch>> build() {
    List<List<Batch>> result = new ArrayList<>();
    for (int p = 0; p < finished.size(); p++) {
      flush(p);
      result.add(List.copyOf(finished.get(p)));
      finished.get(p).clear();
    }
    return result;
  }

  @Override
  public void close() {
    for (int p = 0; p < finished.size(); p++) {
      if (open.get(p) != null) {
        open.get(p).forEach(FieldVector::close);
        open.set(p, null);
      }
      finished.get(p).forEach(Batch::close);
      finished.get(p).clear();
    }
  }
}
