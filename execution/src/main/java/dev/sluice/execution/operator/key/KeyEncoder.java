package dev.sluice.execution.operator.key;

import dev.sluice.execution.batch.VectorValues;
import dev.sluice.execution.type.SqlType;
import dev.sluice.state.encoding.BinaryWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMilliVector;

/**
 * Encodes the key of one row straight from its Arrow vectors into a reused buffer: the same bytes
 * as {@link ValueCodec#encodeKey} of the row's boxed key values, without boxing them. Common types
 * are read from the vectors directly; the others go through {@link VectorValues} and {@link
 * ValueCodec#write}.
 *
 * <p>Not thread-safe; the bytes returned are valid until the next call.
 */
public final class KeyEncoder {
  private final SqlType[] types;
  private final BinaryWriter out = new BinaryWriter(64);
  private byte[] scratch = new byte[64];

  public KeyEncoder(List<SqlType> types) {
    this.types = types.toArray(new SqlType[0]);
  }

  /**
   * Encodes row {@code row} of {@code columns}, one vector per key in key order. The result's
   * {@link BinaryWriter#buffer()} holds the key in its first {@link BinaryWriter#size()} bytes.
   */
  public BinaryWriter encode(FieldVector[] columns, int row) {
    out.reset();
    for (int k = 0; k < types.length; k++) {
      write(columns[k], types[k], row);
    }
    return out;
  }

  private void write(FieldVector vector, SqlType type, int row) {
    if (vector.isNull(row)) {
      ValueCodec.writeNull(out, type);
      return;
    }
    switch (type.kind()) {
      case BOOLEAN -> out.writeNullFlag(false).writeBoolean(((BitVector) vector).get(row) == 1);
      case TINYINT, SMALLINT, INTEGER, BIGINT ->
          ValueCodec.writeOrdered(
              out.writeNullFlag(false), type, ((BaseIntVector) vector).getValueAsLong(row));
      case FLOAT -> out.writeNullFlag(false).writeFloat(((Float4Vector) vector).get(row));
      case DOUBLE -> out.writeNullFlag(false).writeDouble(((Float8Vector) vector).get(row));
      case VARCHAR -> writeUtf8(out.writeNullFlag(false), (BaseVariableWidthVector) vector, row);
      case VARBINARY -> {
        int length = copyBytes((BaseVariableWidthVector) vector, row);
        out.writeNullFlag(false).writeBytes(scratch, 0, length);
      }
      case DATE ->
          ValueCodec.writeOrdered(
              out.writeNullFlag(false), type, ((DateDayVector) vector).get(row));
      case TIMESTAMP ->
          ValueCodec.writeOrdered(
              out.writeNullFlag(false), type, ((TimeStampMilliVector) vector).get(row));
      default -> ValueCodec.write(out, type, VectorValues.get(vector, type, row));
    }
  }

  /**
   * A VARCHAR is encoded as its string's UTF-8 bytes. Well-formed UTF-8 survives decoding and
   * re-encoding unchanged, so it is copied as is; anything else takes the String round trip, which
   * replaces malformed bytes exactly as the boxed path does.
   */
  private void writeUtf8(BinaryWriter out, BaseVariableWidthVector vector, int row) {
    int length = copyBytes(vector, row);
    if (isWellFormedUtf8(scratch, length)) {
      out.writeBytes(scratch, 0, length);
    } else {
      out.writeString(new String(scratch, 0, length, StandardCharsets.UTF_8));
    }
  }

  /** Copies the bytes of value {@code row} into {@link #scratch}; returns their length. */
  private int copyBytes(BaseVariableWidthVector vector, int row) {
    int start = vector.getStartOffset(row);
    int length = vector.getEndOffset(row) - start;
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, 2 * scratch.length)];
    }
    ArrowBuf data = vector.getDataBuffer();
    data.getBytes(start, scratch, 0, length);
    return length;
  }

  /** Whether {@code bytes[0, length)} is well-formed UTF-8 (Unicode table 3-7). */
  public static boolean isWellFormedUtf8(byte[] bytes, int length) {
    int i = 0;
    while (i < length) {
      int b = bytes[i] & 0xff;
      if (b < 0x80) {
        i++;
        continue;
      }
      int trailing;
      int secondMin = 0x80;
      int secondMax = 0xBF;
      if (b >= 0xC2 && b <= 0xDF) {
        trailing = 1;
      } else if (b >= 0xE0 && b <= 0xEF) {
        trailing = 2;
        if (b == 0xE0) {
          secondMin = 0xA0; // no overlong forms
        } else if (b == 0xED) {
          secondMax = 0x9F; // no surrogates
        }
      } else if (b >= 0xF0 && b <= 0xF4) {
        trailing = 3;
        if (b == 0xF0) {
          secondMin = 0x90; // no overlong forms
        } else if (b == 0xF4) {
          secondMax = 0x8F; // nothing above U+10FFFF
        }
      } else {
        return false;
      }
      if (i + trailing >= length) {
        return false;
      }
      int second = bytes[i + 1] & 0xff;
      if (second < secondMin || second > secondMax) {
        return false;
      }
      for (int t = 2; t <= trailing; t++) {
        if ((bytes[i + t] & 0xC0) != 0x80) {
          return false;
        }
      }
      i += trailing + 1;
    }
    return true;
  }
}
