package dev.sluice.execution.operator.aggregate;

import dev.sluice.execution.operator.key.ValueCodec;
import dev.sluice.execution.type.SqlType;
import dev.sluice.execution.type.TypeKind;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.ByteFunctionHelpers;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * Groups a batch's rows by comparing their key values in the vectors themselves: each key column
 * adds its values' hashes to one hash per row in a tight loop over the column, then an
 * open-addressing table (linear probing, at most half full) finds each row's group, comparing a
 * candidate's values with the group's first row in place. Nothing is encoded or copied per row.
 *
 * <p>Rows are grouped by the bits of their values (and NULL with NULL), which is as fine as {@link
 * ValueCodec}'s key encoding or finer: {@code -0.0} and {@code 0.0}, or two NaNs with different
 * bits, fall into different groups here and one state there, which a partial aggregation allows.
 * The hash is private to the batch, unlike a key group's {@link dev.sluice.state.Murmur3}.
 */
final class VectorKeyGrouper implements RowGrouper {
  private final KeyColumn[] columns;
  private int[] hashes = new int[0];

  /** Group id + 1 per slot, 0 for an empty slot; and each slot's row hash. */
  private int[] slots = new int[0];

  private int[] slotHashes = new int[0];
  private int[] firstRows = new int[0];

  VectorKeyGrouper(List<SqlType> keyTypes) {
    columns = keyTypes.stream().map(KeyColumn::of).toArray(KeyColumn[]::new);
  }

  /** Whether every key type is one whose vectors this grouper compares in place. */
  static boolean supports(List<SqlType> keyTypes) {
    return keyTypes.stream().allMatch(type -> KeyColumn.of(type) != null);
  }

  @Override
  public int group(FieldVector[] keyColumns, int rows, int[] groupOfRow) {
    prepare(rows);
    Arrays.fill(hashes, 0, rows, 0);
    for (int k = 0; k < columns.length; k++) {
      columns[k].bind(keyColumns[k]);
      columns[k].addHashes(rows, hashes);
    }
    int mask = slots.length - 1;
    int shift = Integer.SIZE - Integer.numberOfTrailingZeros(slots.length);
    int groups = 0;
    for (int row = 0; row < rows; row++) {
      int hash = hashes[row];
      int slot = (hash * 0x9E3779B9) >>> shift;
      while (true) {
        int group = slots[slot] - 1;
        if (group < 0) {
          group = groups++;
          slots[slot] = group + 1;
          slotHashes[slot] = hash;
          firstRows[group] = row;
          groupOfRow[row] = group;
          break;
        }
        if (slotHashes[slot] == hash && sameKey(row, firstRows[group])) {
          groupOfRow[row] = group;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    return groups;
  }

  @Override
  public int firstRow(int group) {
    return firstRows[group];
  }

  /** Makes room for {@code rows} rows: at least twice as many slots, all empty. */
  private void prepare(int rows) {
    if (hashes.length < rows) {
      hashes = new int[rows];
      firstRows = new int[rows];
    }
    int capacity = Integer.highestOneBit(Math.max(rows, 8) * 2 - 1) << 1;
    if (slots.length < capacity) {
      slots = new int[capacity];
      slotHashes = new int[capacity];
    } else {
      Arrays.fill(slots, 0);
    }
  }

  private boolean sameKey(int row, int other) {
    for (KeyColumn column : columns) {
      if (!column.sameValue(row, other)) {
        return false;
      }
    }
    return true;
  }

  /** One key column's hashing and comparison, bound to the current batch's vector. */
  private abstract static class KeyColumn {
    /** Mixed into a row's hash for a NULL value. */
    static final int NULL_HASH = 0x5bd1e995;

    ArrowBuf validity;
    boolean hasNulls;

    /** The column for {@code type}, or null if its vectors are not compared in place. */
    static KeyColumn of(SqlType type) {
      TypeKind kind = type.kind();
      return switch (kind) {
        case BOOLEAN -> new BitColumn();
        case VARCHAR, VARBINARY -> new VariableWidthColumn();
        case ARRAY, NULL -> null;
        default -> new FixedWidthColumn();
      };
    }

    void bind(FieldVector vector) {
      validity = vector.getValidityBuffer();
      hasNulls = vector.getNullCount() > 0;
    }

    boolean isNull(int row) {
      return hasNulls && BitVectorHelper.get(validity, row) == 0;
    }

    /** Mixes each row's value into {@code hashes[row]}. */
    abstract void addHashes(int rows, int[] hashes);

    /** Whether rows {@code a} and {@code b} hold the same value (or both NULL). */
    boolean sameValue(int a, int b) {
      boolean aNull = isNull(a);
      boolean bNull = isNull(b);
      return aNull || bNull ? aNull == bNull : sameNonNull(a, b);
    }

    abstract boolean sameNonNull(int a, int b);

    static int combine(int hash, int valueHash) {
      return (hash ^ valueHash) * 0x01000193 + 0x7feb352d;
    }
  }

  /** Values of a fixed byte width compared and hashed as their bytes. */
  private static final class FixedWidthColumn extends KeyColumn {
    private ArrowBuf data;
    private int width;

    @Override
    void bind(FieldVector vector) {
      super.bind(vector);
      data = vector.getDataBuffer();
      width = ((BaseFixedWidthVector) vector).getTypeWidth();
    }

    @Override
    void addHashes(int rows, int[] hashes) {
      for (int row = 0; row < rows; row++) {
        hashes[row] = combine(hashes[row], isNull(row) ? NULL_HASH : valueHash(row));
      }
    }

    private int valueHash(int row) {
      long at = (long) row * width;
      return switch (width) {
        case 8 -> Long.hashCode(data.getLong(at));
        case 4 -> data.getInt(at);
        case 2 -> data.getShort(at);
        case 1 -> data.getByte(at);
        default -> ByteFunctionHelpers.hash(data, at, at + width);
      };
    }

    @Override
    boolean sameNonNull(int a, int b) {
      long atA = (long) a * width;
      long atB = (long) b * width;
      return switch (width) {
        case 8 -> data.getLong(atA) == data.getLong(atB);
        case 4 -> data.getInt(atA) == data.getInt(atB);
        case 2 -> data.getShort(atA) == data.getShort(atB);
        case 1 -> data.getByte(atA) == data.getByte(atB);
        default -> ByteFunctionHelpers.equal(data, atA, atA + width, data, atB, atB + width) == 1;
      };
    }
  }

  /** BOOLEAN: one bit per value. */
  private static final class BitColumn extends KeyColumn {
    private BitVector vector;

    @Override
    void bind(FieldVector vector) {
      super.bind(vector);
      this.vector = (BitVector) vector;
    }

    @Override
    void addHashes(int rows, int[] hashes) {
      for (int row = 0; row < rows; row++) {
        hashes[row] = combine(hashes[row], isNull(row) ? NULL_HASH : vector.get(row));
      }
    }

    @Override
    boolean sameNonNull(int a, int b) {
      return vector.get(a) == vector.get(b);
    }
  }

  /** VARCHAR and VARBINARY: compared and hashed as their bytes. */
  private static final class VariableWidthColumn extends KeyColumn {
    private BaseVariableWidthVector vector;
    private ArrowBuf data;

    @Override
    void bind(FieldVector vector) {
      super.bind(vector);
      this.vector = (BaseVariableWidthVector) vector;
      data = vector.getDataBuffer();
    }

    @Override
    void addHashes(int rows, int[] hashes) {
      for (int row = 0; row < rows; row++) {
        int valueHash =
            isNull(row)
                ? NULL_HASH
                : ByteFunctionHelpers.hash(
                    data, vector.getStartOffset(row), vector.getEndOffset(row));
        hashes[row] = combine(hashes[row], valueHash);
      }
    }

    @Override
    boolean sameNonNull(int a, int b) {
      return ByteFunctionHelpers.equal(
              data,
              vector.getStartOffset(a),
              vector.getEndOffset(a),
              data,
              vector.getStartOffset(b),
              vector.getEndOffset(b))
          == 1;
    }
  }
}
