package dev.sluice.execution.operator.key;

import dev.sluice.execution.batch.VectorValues;
import dev.sluice.execution.type.SqlType;
import dev.sluice.state.encoding.BinaryReader;
import dev.sluice.state.encoding.BinaryWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary form of row values (the Java classes of {@code VectorValues}) for state keys and
 * accumulators: a null flag, then the value. Equal values always encode to equal bytes, so encoded
 * keys can be compared and hashed.
 *
 * <p>Types of a fixed width ({@link #fixedWidth}) always take it, zeros standing for a NULL, so the
 * position of a key column in a key of such types is fixed (the aggregation reads a group's window
 * end in place). Integers, dates, times, timestamps and intervals are big-endian with the sign bit
 * flipped, so that keys of them sort as their values do (a store iterates in key order). Aggregate
 * states, which need neither, write integers as varints ({@link #writeCompact}).
 */
public final class ValueCodec {
  private ValueCodec() {}

  /** The bytes a value of {@code type} takes after its null flag, or -1 if they vary. */
  public static int fixedWidth(SqlType type) {
    return switch (type.kind()) {
      case BOOLEAN, TINYINT -> 1;
      case SMALLINT -> 2;
      case INTEGER, DATE, TIME, INTERVAL_YEAR_MONTH, FLOAT -> 4;
      case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME, DOUBLE -> 8;
      case NULL -> 0;
      default -> -1;
    };
  }

  /** Writes an integer-like value of {@code type} in its width, sign bit flipped. */
  public static void writeOrdered(BinaryWriter out, SqlType type, long value) {
    switch (fixedWidth(type)) {
      case 1 -> out.writeByte((int) value ^ 0x80);
      case 2 -> {
        int flipped = (int) value ^ 0x8000;
        out.writeByte(flipped >>> 8).writeByte(flipped);
      }
      case 4 -> out.writeInt((int) value ^ Integer.MIN_VALUE);
      default -> out.writeLong(value ^ Long.MIN_VALUE);
    }
  }

  /** Reads what {@link #writeOrdered} wrote. */
  public static long readOrdered(BinaryReader in, SqlType type) {
    return switch (fixedWidth(type)) {
      case 1 -> (byte) (in.readByte() ^ 0x80);
      case 2 -> (short) (((in.readByte() & 0xff) << 8 | (in.readByte() & 0xff)) ^ 0x8000);
      case 4 -> in.readInt() ^ Integer.MIN_VALUE;
      default -> in.readLong() ^ Long.MIN_VALUE;
    };
  }

  /** Reads an 8-byte value written by {@link #writeOrdered} at {@code bytes[offset]}. */
  public static long readOrderedLong(byte[] bytes, int offset) {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = value << 8 | (bytes[offset + i] & 0xff);
    }
    return value ^ Long.MIN_VALUE;
  }

  /** Writes a NULL of {@code type}: the flag, then zeros for a fixed-width type. */
  public static void writeNull(BinaryWriter out, SqlType type) {
    out.writeNullFlag(true);
    for (int i = fixedWidth(type); i > 0; i--) {
      out.writeByte(0);
    }
  }

  public static void write(BinaryWriter out, SqlType type, Object value) {
    if (value == null) {
      writeNull(out, type);
      return;
    }
    out.writeNullFlag(false);
    switch (type.kind()) {
      case BOOLEAN -> out.writeBoolean((Boolean) value);
      case TINYINT, SMALLINT, INTEGER, BIGINT ->
          writeOrdered(out, type, ((Number) value).longValue());
      case FLOAT -> out.writeFloat((Float) value);
      case DOUBLE -> out.writeDouble((Double) value);
      case DECIMAL -> {
        BigDecimal decimal = (BigDecimal) value;
        out.writeVarInt(decimal.scale());
        out.writeBytes(decimal.unscaledValue().toByteArray());
      }
      case VARCHAR -> out.writeString((String) value);
      case VARBINARY -> out.writeBytes((byte[]) value);
      case DATE -> writeOrdered(out, type, ((LocalDate) value).toEpochDay());
      case TIME -> writeOrdered(out, type, ((LocalTime) value).toNanoOfDay() / 1_000_000L);
      case TIMESTAMP -> writeOrdered(out, type, VectorValues.timestampMillis(value));
      case INTERVAL_DAY_TIME -> writeOrdered(out, type, ((Duration) value).toMillis());
      case INTERVAL_YEAR_MONTH -> writeOrdered(out, type, ((Period) value).toTotalMonths());
      case ARRAY -> {
        List<?> list = (List<?>) value;
        out.writeUnsignedVarInt(list.size());
        for (Object element : list) {
          write(out, type.elementType(), element);
        }
      }
      case NULL -> {}
    }
  }

  public static Object read(BinaryReader in, SqlType type) {
    if (in.readNullFlag()) {
      in.skip(Math.max(0, fixedWidth(type)));
      return null;
    }
    return switch (type.kind()) {
      case BOOLEAN -> in.readBoolean();
      case TINYINT -> (byte) readOrdered(in, type);
      case SMALLINT -> (short) readOrdered(in, type);
      case INTEGER -> (int) readOrdered(in, type);
      case BIGINT -> readOrdered(in, type);
      case FLOAT -> in.readFloat();
      case DOUBLE -> in.readDouble();
      case DECIMAL -> {
        int scale = in.readVarInt();
        yield new BigDecimal(new BigInteger(in.readBytes()), scale);
      }
      case VARCHAR -> in.readString();
      case VARBINARY -> in.readBytes();
      case DATE -> LocalDate.ofEpochDay(readOrdered(in, type));
      case TIME -> LocalTime.ofNanoOfDay(readOrdered(in, type) * 1_000_000L);
      case TIMESTAMP -> VectorValues.timestamp(readOrdered(in, type));
      case INTERVAL_DAY_TIME -> Duration.ofMillis(readOrdered(in, type));
      case INTERVAL_YEAR_MONTH -> Period.ofMonths((int) readOrdered(in, type)).normalized();
      case ARRAY -> {
        int size = in.readUnsignedVarInt();
        List<Object> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          list.add(read(in, type.elementType()));
        }
        yield list;
      }
      case NULL -> null;
    };
  }

  /**
   * Writes an aggregate's state value, where order and fixed positions do not matter: integer-like
   * values as zig-zag varints (a count of 3 takes 1 byte, not 8), anything else as {@link #write}.
   */
  public static void writeCompact(BinaryWriter out, SqlType type, Object value) {
    if (value == null || !isIntegerLike(type)) {
      write(out, type, value);
      return;
    }
    out.writeNullFlag(false);
    out.writeVarLong(
        switch (type.kind()) {
          case DATE -> ((LocalDate) value).toEpochDay();
          case TIME -> ((LocalTime) value).toNanoOfDay() / 1_000_000L;
          case TIMESTAMP -> VectorValues.timestampMillis(value);
          case INTERVAL_DAY_TIME -> ((Duration) value).toMillis();
          case INTERVAL_YEAR_MONTH -> ((Period) value).toTotalMonths();
          default -> ((Number) value).longValue();
        });
  }

  /** Reads what {@link #writeCompact} wrote. */
  public static Object readCompact(BinaryReader in, SqlType type) {
    if (!isIntegerLike(type)) {
      return read(in, type);
    }
    if (in.readNullFlag()) {
      in.skip(fixedWidth(type));
      return null;
    }
    long value = in.readVarLong();
    return switch (type.kind()) {
      case TINYINT -> (byte) value;
      case SMALLINT -> (short) value;
      case INTEGER -> (int) value;
      case DATE -> LocalDate.ofEpochDay(value);
      case TIME -> LocalTime.ofNanoOfDay(value * 1_000_000L);
      case TIMESTAMP -> VectorValues.timestamp(value);
      case INTERVAL_DAY_TIME -> Duration.ofMillis(value);
      case INTERVAL_YEAR_MONTH -> Period.ofMonths((int) value).normalized();
      default -> value;
    };
  }

  /**
   * Whether {@code type} is written by {@link #writeOrdered} in keys and as a varint in states:
   * integers, dates, times, timestamps and intervals.
   */
  public static boolean isIntegerLike(SqlType type) {
    return switch (type.kind()) {
      case TINYINT,
          SMALLINT,
          INTEGER,
          BIGINT,
          DATE,
          TIME,
          TIMESTAMP,
          INTERVAL_DAY_TIME,
          INTERVAL_YEAR_MONTH ->
          true;
      default -> false;
    };
  }

  /** The encoded key of {@code values}. */
  public static byte[] encodeKey(List<SqlType> types, Object[] values) {
    BinaryWriter out = new BinaryWriter();
    for (int i = 0; i < types.size(); i++) {
      write(out, types.get(i), values[i]);
    }
    return out.toByteArray();
  }

  /**
   * Where key column {@code index} starts in every key of {@code types} (after its null flag), or
   * -1 if a column before it has no fixed width.
   */
  public static int fixedOffset(List<SqlType> types, int index) {
    int offset = 0;
    for (int i = 0; i < index; i++) {
      int width = fixedWidth(types.get(i));
      if (width < 0) {
        return -1;
      }
      offset += 1 + width;
    }
    return offset + 1;
  }

  public static Object[] decodeKey(List<SqlType> types, byte[] key) {
    BinaryReader in = new BinaryReader(key);
    Object[] values = new Object[types.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = read(in, types.get(i));
    }
    return values;
  }
}
