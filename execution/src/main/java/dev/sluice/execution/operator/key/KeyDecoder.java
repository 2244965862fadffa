package dev.sluice.execution.operator.key;

import dev.sluice.execution.batch.VectorValues;
import dev.sluice.execution.type.SqlType;
import dev.sluice.state.encoding.BinaryReader;
import java.util.List;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalYearVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.TinyIntVector;

/**
 * Decodes an encoded key ({@link ValueCodec#encodeKey}, {@link KeyEncoder}) straight into a row of
 * Arrow vectors, the reverse of {@link KeyEncoder}: integer-like values (numbers, dates, times,
 * timestamps, intervals) go from their ordered bytes into the vector without boxing; the others
 * through {@link ValueCodec#read} and {@link VectorValues#set}.
 *
 * <p>Not thread-safe.
 */
public final class KeyDecoder {
  private final SqlType[] types;
  private final BinaryReader in = new BinaryReader(new byte[0]);

  public KeyDecoder(List<SqlType> types) {
    this.types = types.toArray(new SqlType[0]);
  }

  /**
   * Sets row {@code row} of {@code vectors[0, keyCount)} to the key encoded at {@code key[offset,
   * offset + length)}.
   */
  public void decode(byte[] key, int offset, int length, FieldVector[] vectors, int row) {
    in.reset(key, offset, length);
    for (int k = 0; k < types.length; k++) {
      SqlType type = types[k];
      FieldVector vector = vectors[k];
      if (ValueCodec.isIntegerLike(type)) {
        if (in.readNullFlag()) {
          in.skip(ValueCodec.fixedWidth(type));
          ((BaseFixedWidthVector) vector).setNull(row);
        } else {
          setOrdered(vector, type, row, ValueCodec.readOrdered(in, type));
        }
      } else {
        VectorValues.set(vector, type, row, ValueCodec.read(in, type));
      }
    }
  }

  private static void setOrdered(FieldVector vector, SqlType type, int row, long value) {
    switch (type.kind()) {
      case TINYINT -> ((TinyIntVector) vector).setSafe(row, (int) value);
      case SMALLINT -> ((SmallIntVector) vector).setSafe(row, (int) value);
      case INTEGER -> ((IntVector) vector).setSafe(row, (int) value);
      case BIGINT -> ((BigIntVector) vector).setSafe(row, value);
      case DATE -> ((DateDayVector) vector).setSafe(row, (int) value);
      case TIME -> ((TimeMilliVector) vector).setSafe(row, (int) value);
      case TIMESTAMP -> ((TimeStampMilliVector) vector).setSafe(row, value);
      case INTERVAL_DAY_TIME -> ((DurationVector) vector).setSafe(row, value);
      case INTERVAL_YEAR_MONTH -> ((IntervalYearVector) vector).setSafe(row, (int) value);
      default -> throw new IllegalArgumentException("not an ordered type: " + type);
    }
  }
}
