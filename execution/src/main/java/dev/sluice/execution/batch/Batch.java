package dev.sluice.execution.batch;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.type.ArrowTypes;
import dev.sluice.execution.type.Schema;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.util.TransferPair;

/**
 * A chunk of rows in columnar form: one Arrow vector per field of the schema, all of {@link
 * #rowCount()} values.
 *
 * <p><b>Ownership.</b> A batch owns its vectors; whoever holds a batch closes it exactly once.
 * Passing a batch to {@code Operator.process} hands it over: the callee closes it. The three ways
 * to get another batch differ only in who pays for the memory:
 *
 * <ul>
 *   <li>{@link #slice} — a <i>view</i>: new vectors that share this batch's buffers (reference
 *       counted), accounted to the given allocator. Cheap; both batches must be closed.
 *   <li>{@link #copy} — a deep <i>copy</i> into the given allocator; independent of this batch.
 *   <li>{@link #transferTo} — <i>moves</i> the buffers to another allocator; this batch is empty
 *       afterwards and closing it is a no-op.
 * </ul>
 *
 * <p>Batches are bounded in size (the chunk size of the query, see {@code QueryOptions#chunkRows}),
 * so a large micro-batch never sits in memory at once.
 */
public final class Batch implements AutoCloseable {
  private final Schema schema;
  private final List<FieldVector> vectors;
  private final int rowCount;
  private boolean closed;

  private Batch(Schema schema, List<FieldVector> vectors, int rowCount) {
    this.schema = requireNonNull(schema, "schema is null");
    this.vectors = List.copyOf(vectors);
    this.rowCount = rowCount;
    if (schema.size() != vectors.size()) {
      throw new IllegalArgumentException(
          "schema has " + schema.size() + " fields but " + vectors.size() + " vectors were given");
    }
  }

  /** Takes ownership of {@code vectors}, setting their value count to {@code rowCount}. */
  public static Batch of(Schema schema, List<FieldVector> vectors, int rowCount) {
    for (FieldVector vector : vectors) {
      vector.setValueCount(rowCount);
    }
    return new Batch(schema, vectors, rowCount);
  }

  /** Empty vectors for {@code schema}, allocated lazily by their writers. */
  public static List<FieldVector> newVectors(Schema schema, BufferAllocator allocator) {
    List<FieldVector> vectors = new ArrayList<>(schema.size());
    for (org.apache.arrow.vector.types.pojo.Field field : ArrowTypes.toArrow(schema).getFields()) {
      vectors.add(field.createVector(allocator));
    }
    return vectors;
  }

  /**
   * Vectors for {@code schema}, each allocated for {@code capacity} values (they still grow past it
   * through the {@code Safe} setters). If an allocation fails, the vectors allocated so far are
   * closed.
   */
  public static List<FieldVector> allocateVectors(
      Schema schema, BufferAllocator allocator, int capacity) {
    List<FieldVector> vectors = newVectors(schema, allocator);
    try {
      for (FieldVector vector : vectors) {
        vector.setInitialCapacity(capacity);
        vector.allocateNew();
      }
    } catch (RuntimeException e) {
      vectors.forEach(FieldVector::close);
      throw e;
    }
    return vectors;
  }

  public static Batch empty(Schema schema, BufferAllocator allocator) {
    return of(schema, newVectors(schema, allocator), 0);
  }

  public Schema schema() {
    return schema;
  }

  public int rowCount() {
    return rowCount;
  }

  public int columnCount() {
    return vectors.size();
  }

  public FieldVector vector(int index) {
    checkOpen();
    return vectors.get(index);
  }

  public FieldVector[] vectorArray() {
    checkOpen();
    return vectors.toArray(new FieldVector[0]);
  }

  /** A view of rows {@code [offset, offset + length)} sharing this batch's buffers. */
  public Batch slice(int offset, int length, BufferAllocator allocator) {
    checkOpen();
    if (offset < 0 || length < 0 || offset + length > rowCount) {
      throw new IndexOutOfBoundsException(
          "slice [" + offset + ", " + (offset + length) + ") of a batch of " + rowCount + " rows");
    }
    List<FieldVector> sliced = new ArrayList<>(vectors.size());
    for (FieldVector vector : vectors) {
      TransferPair pair = vector.getTransferPair(allocator);
      pair.splitAndTransfer(offset, length);
      sliced.add((FieldVector) pair.getTo());
    }
    return of(schema, sliced, length);
  }

  /** A deep copy into {@code allocator}. */
  public Batch copy(BufferAllocator allocator) {
    checkOpen();
    List<FieldVector> copies = new ArrayList<>(vectors.size());
    for (FieldVector vector : vectors) {
      FieldVector copy = vector.getField().createVector(allocator);
      copy.setInitialCapacity(rowCount);
      copy.allocateNew();
      for (int i = 0; i < rowCount; i++) {
        VectorCopy.copyValue(vector, i, copy, i);
      }
      copies.add(copy);
    }
    return of(schema, copies, rowCount);
  }

  /** Moves the buffers into {@code allocator}; this batch is left empty. */
  public Batch transferTo(BufferAllocator allocator) {
    checkOpen();
    List<FieldVector> moved = new ArrayList<>(vectors.size());
    for (FieldVector vector : vectors) {
      TransferPair pair = vector.getTransferPair(allocator);
      pair.transfer();
      moved.add((FieldVector) pair.getTo());
    }
    closed = true;
    return of(schema, moved, rowCount);
  }

  /** The batch with the same vectors under another schema of the same types (a rename). */
  public Batch withSchema(Schema renamed) {
    checkOpen();
    closed = true;
    return new Batch(renamed, vectors, rowCount);
  }

  public Row row(int index) {
    checkOpen();
    Object[] values = new Object[vectors.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = VectorValues.get(vectors.get(i), schema.field(i).type(), index);
    }
    return Row.of(values);
  }

  public List<Row> toRows() {
    List<Row> rows = new ArrayList<>(rowCount);
    for (int i = 0; i < rowCount; i++) {
      rows.add(row(i));
    }
    return rows;
  }

  public long sizeInBytes() {
    long bytes = 0;
    for (FieldVector vector : vectors) {
      bytes += vector.getBufferSize();
    }
    return bytes;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("batch is closed or was transferred");
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      for (FieldVector vector : vectors) {
        vector.close();
      }
    }
  }

  @Override
  public String toString() {
    return "Batch" + schema + " x " + rowCount;
  }
}
