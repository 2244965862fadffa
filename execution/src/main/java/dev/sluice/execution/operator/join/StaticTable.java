package dev.sluice.execution.operator.join;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.batch.BatchBuilder;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.operator.key.GroupTable;
import dev.sluice.execution.operator.key.KeyEncoder;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import dev.sluice.state.encoding.BinaryWriter;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * The rows of a join's static side in Arrow vectors, hashed on the join keys: a {@link GroupTable}
 * of encoded keys numbers the distinct keys, and each key's rows are chained in row order. A row
 * with a NULL key is kept (a LEFT join's other side may still need it) but never matches.
 *
 * <p>Built once, then only read: partitions probe it from several threads at once, each with its
 * own {@link KeyEncoder}.
 */
public final class StaticTable implements AutoCloseable {
  private final Batch rows;
  private final GroupTable keys = new GroupTable();

  /** The first row of each key (by group id), and the next row of the same key (by row), or -1. */
  private int[] first = new int[16];

  private final int[] next;

  private StaticTable(Batch rows, List<Integer> keyColumns) {
    this.rows = rows;
    List<SqlType> keyTypes = keyColumns.stream().map(c -> rows.schema().field(c).type()).toList();
    int count = rows.rowCount();
    this.next = new int[count];
    int[] last = new int[first.length];
    FieldVector[] keyVectors = keyVectors(rows, keyColumns);
    KeyEncoder encoder = new KeyEncoder(keyTypes);
    for (int row = 0; row < count; row++) {
      next[row] = -1;
      if (anyNull(keyVectors, row)) {
        continue;
      }
      BinaryWriter key = encoder.encode(keyVectors, row);
      int groups = keys.size();
      int group = keys.findOrInsert(key.buffer(), key.size());
      if (group == groups) {
        if (group == first.length) {
          first = Arrays.copyOf(first, group * 2);
          last = Arrays.copyOf(last, group * 2);
        }
        first[group] = row;
      } else {
        next[last[group]] = row;
      }
      last[group] = row;
    }
  }

  /**
   * Builds the table from {@code rows} (copied into vectors from {@code allocator}).
   *
   * @param keyColumns the join key columns, in key order
   */
  public static StaticTable build(
      Schema schema, List<Row> rows, List<Integer> keyColumns, BufferAllocator allocator) {
    try (BatchBuilder builder = new BatchBuilder(schema, allocator, Math.max(1, rows.size()))) {
      List<Batch> built = builder.addAll(rows).build();
      Batch all = built.isEmpty() ? Batch.empty(schema, allocator) : built.get(0);
      try {
        return new StaticTable(all, keyColumns);
      } catch (RuntimeException e) {
        all.close();
        throw e;
      }
    }
  }

  static FieldVector[] keyVectors(Batch batch, List<Integer> keyColumns) {
    FieldVector[] vectors = new FieldVector[keyColumns.size()];
    for (int k = 0; k < vectors.length; k++) {
      vectors[k] = batch.vector(keyColumns.get(k));
    }
    return vectors;
  }

  static boolean anyNull(FieldVector[] keyVectors, int row) {
    for (FieldVector vector : keyVectors) {
      if (vector.isNull(row)) {
        return true;
      }
    }
    return false;
  }

  /** The first row whose key is {@code key[0, length)}, or -1 if none is. */
  int firstMatch(byte[] key, int length) {
    int group = keys.find(key, 0, length);
    return group < 0 ? -1 : first[group];
  }

  /** The next row with the same key as {@code row}, or -1. */
  int nextMatch(int row) {
    return next[row];
  }

  /** Column {@code column} of the table's rows. */
  FieldVector vector(int column) {
    return rows.vector(column);
  }

  public int rowCount() {
    return rows.rowCount();
  }

  @Override
  public void close() {
    rows.close();
  }
}
