package dev.sluice.execution.batch;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.type.Schema;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** Builds batches row by row, starting a new batch every {@code maxRows} rows. */
public final class BatchBuilder implements AutoCloseable {
  private final Schema schema;
  private final BufferAllocator allocator;
  private final int maxRows;
  private final List<Batch> finished = new ArrayList<>();
  private List<FieldVector> vectors;
  private FieldVector[] vectorArray;
  private int rows;

  public BatchBuilder(Schema schema, BufferAllocator allocator, int maxRows) {
    this.schema = requireNonNull(schema, "schema is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows must be positive: " + maxRows);
    }
    this.maxRows = maxRows;
  }

  /** Sets every column of one row straight into a batch's vectors. */
  @FunctionalInterface
  public interface RowWriter {
    /**
     * Sets row {@code row} of {@code vectors} (one per column, in schema order, with room for the
     * row), NULLs included.
     */
    void write(FieldVector[] vectors, int row);
  }

  /** Adds a row that {@code writer} sets into the vectors, without a {@link Row} in between. */
  public BatchBuilder add(RowWriter writer) {
    ensureVectors();
    writer.write(vectorArray, rows);
    if (++rows == maxRows) {
      flush();
    }
    return this;
  }

  public BatchBuilder add(Row row) {
    if (row.size() != schema.size()) {
      throw new IllegalArgumentException(
          "row "
              + row
              + " has "
              + row.size()
              + " values but the schema "
              + schema
              + " has "
              + schema.size());
    }
    ensureVectors();
    for (int i = 0; i < row.size(); i++) {
      VectorValues.set(vectors.get(i), schema.field(i).type(), rows, row.get(i));
    }
    if (++rows == maxRows) {
      flush();
    }
    return this;
  }

  private void ensureVectors() {
    if (vectors == null) {
      vectors = Batch.allocateVectors(schema, allocator, Math.min(maxRows, 1024));
      vectorArray = vectors.toArray(new FieldVector[0]);
    }
  }

  public BatchBuilder addAll(Iterable<Row> rows) {
    for (Row row : rows) {
      add(row);
    }
    return this;
  }

  private void flush() {
    if (vectors != null) {
      finished.add(Batch.of(schema, vectors, rows));
      vectors = null;
      rows = 0;
    }
  }

  /** The batches built so far; the caller owns them. */
  public List<Batch> build() {
    flush();
    List<Batch> result = List.copyOf(finished);
    finished.clear();
    return result;
  }

  @Override
  public void close() {
    if (vectors != null) {
      vectors.forEach(FieldVector::close);
      vectors = null;
    }
    finished.forEach(Batch::close);
    finished.clear();
  }
}
