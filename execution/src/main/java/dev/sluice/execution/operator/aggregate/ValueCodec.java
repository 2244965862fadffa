package dev.sluice.execution.operator.aggregate;

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
 * Compact binary form of row values (the Java classes of {@code VectorValues}) for state keys and
 * accumulators: a null flag, then the value in its natural width. Equal values always encode to
 * equal bytes, so encoded keys can be compared and hashed.
 */
final class ValueCodec {
  private ValueCodec() {}

  static void write(BinaryWriter out, SqlType type, Object value) {
    out.writeNullFlag(value == null);
    if (value == null) {
      return;
    }
    switch (type.kind()) {
      case BOOLEAN -> out.writeBoolean((Boolean) value);
      case TINYINT, SMALLINT, INTEGER, BIGINT -> out.writeVarLong(((Number) value).longValue());
      case FLOAT -> out.writeFloat((Float) value);
      case DOUBLE -> out.writeDouble((Double) value);
      case DECIMAL -> {
        BigDecimal decimal = (BigDecimal) value;
        out.writeVarInt(decimal.scale());
        out.writeBytes(decimal.unscaledValue().toByteArray());
      }
      case VARCHAR -> out.writeString((String) value);
      case VARBINARY -> out.writeBytes((byte[]) value);
      case DATE -> out.writeVarLong(((LocalDate) value).toEpochDay());
      case TIME -> out.writeVarLong(((LocalTime) value).toNanoOfDay() / 1_000_000L);
      case TIMESTAMP -> out.writeVarLong(VectorValues.timestampMillis(value));
      case INTERVAL_DAY_TIME -> out.writeVarLong(((Duration) value).toMillis());
      case INTERVAL_YEAR_MONTH -> out.writeVarLong(((Period) value).toTotalMonths());
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

  static Object read(BinaryReader in, SqlType type) {
    if (in.readNullFlag()) {
      return null;
    }
    return switch (type.kind()) {
      case BOOLEAN -> in.readBoolean();
      case TINYINT -> (byte) in.readVarLong();
      case SMALLINT -> (short) in.readVarLong();
      case INTEGER -> (int) in.readVarLong();
      case BIGINT -> in.readVarLong();
      case FLOAT -> in.readFloat();
      case DOUBLE -> in.readDouble();
      case DECIMAL -> {
        int scale = in.readVarInt();
        yield new BigDecimal(new BigInteger(in.readBytes()), scale);
      }
      case VARCHAR -> in.readString();
      case VARBINARY -> in.readBytes();
      case DATE -> LocalDate.ofEpochDay(in.readVarLong());
      case TIME -> LocalTime.ofNanoOfDay(in.readVarLong() * 1_000_000L);
      case TIMESTAMP -> VectorValues.timestamp(in.readVarLong());
      case INTERVAL_DAY_TIME -> Duration.ofMillis(in.readVarLong());
      case INTERVAL_YEAR_MONTH -> Period.ofMonths((int) in.readVarLong()).normalized();
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

  /** The encoded key of {@code values}. */
  static byte[] encodeKey(List<SqlType> types, Object[] values) {
    BinaryWriter out = new BinaryWriter();
    for (int i = 0; i < types.size(); i++) {
      write(out, types.get(i), values[i]);
    }
    return out.toByteArray();
  }

  static Object[] decodeKey(List<SqlType> types, byte[] key) {
    BinaryReader in = new BinaryReader(key);
    Object[] values = new Object[types.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = read(in, types.get(i));
    }
    return values;
  }
}
