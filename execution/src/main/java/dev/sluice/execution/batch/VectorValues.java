package dev.sluice.execution.batch;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.SqlType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalYearVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;

/**
 * Reads and writes single values of a vector as Java objects, for the row-at-a-time edges (building
 * test input, typed lambdas, printing). Kernels never use this class.
 *
 * <p>Java classes per type: BOOLEAN {@link Boolean}, TINYINT {@link Byte}, SMALLINT {@link Short},
 * INTEGER {@link Integer}, BIGINT {@link Long}, FLOAT {@link Float}, DOUBLE {@link Double}, DECIMAL
 * {@link BigDecimal}, VARCHAR {@link String}, VARBINARY {@code byte[]}, DATE {@link LocalDate},
 * TIME {@link LocalTime}, TIMESTAMP {@link LocalDateTime}, day-time INTERVAL {@link Duration},
 * year-month INTERVAL {@link Period}, ARRAY {@link List}. Writing also accepts any {@link Number}
 * for a numeric column as long as the value fits exactly.
 */
public final class VectorValues {
  private VectorValues() {}

  public static Object get(FieldVector vector, SqlType type, int index) {
    if (vector.isNull(index)) {
      return null;
    }
    return switch (type.kind()) {
      case BOOLEAN -> ((BitVector) vector).get(index) == 1;
      case TINYINT -> ((TinyIntVector) vector).get(index);
      case SMALLINT -> ((SmallIntVector) vector).get(index);
      case INTEGER -> ((IntVector) vector).get(index);
      case BIGINT -> ((BigIntVector) vector).get(index);
      case FLOAT -> ((Float4Vector) vector).get(index);
      case DOUBLE -> ((Float8Vector) vector).get(index);
      case DECIMAL -> ((DecimalVector) vector).getObject(index);
      case VARCHAR -> new String(((VarCharVector) vector).get(index), StandardCharsets.UTF_8);
      case VARBINARY -> ((VarBinaryVector) vector).get(index);
      case DATE -> LocalDate.ofEpochDay(((DateDayVector) vector).get(index));
      case TIME -> LocalTime.ofNanoOfDay(((TimeMilliVector) vector).get(index) * 1_000_000L);
      case TIMESTAMP -> timestamp(((TimeStampMilliVector) vector).get(index));
      case INTERVAL_DAY_TIME ->
          Duration.ofMillis(DurationVector.get(vector.getDataBuffer(), index));
      case INTERVAL_YEAR_MONTH ->
          Period.ofMonths(((IntervalYearVector) vector).get(index)).normalized();
      case ARRAY -> getList((ListVector) vector, type.elementType(), index);
      case NULL -> null;
    };
  }

  private static List<Object> getList(ListVector vector, SqlType elementType, int index) {
    FieldVector data = vector.getDataVector();
    int start = vector.getElementStartIndex(index);
    int end = vector.getElementEndIndex(index);
    List<Object> values = new ArrayList<>(end - start);
    for (int i = start; i < end; i++) {
      values.add(get(data, elementType, i));
    }
    return values;
  }

  /** Writes {@code value} (or NULL) at {@code index}, growing the vector as needed. */
  public static void set(FieldVector vector, SqlType type, int index, Object value) {
    if (value == null) {
      if (!vector.getField().isNullable()) {
        throw new SluiceException(
            ErrorCode.INVALID_ARGUMENT,
            "NULL value for NOT NULL column '" + vector.getField().getName() + "'");
      }
      setNull(vector, index);
      return;
    }
    try {
      switch (type.kind()) {
        case BOOLEAN -> ((BitVector) vector).setSafe(index, ((Boolean) value) ? 1 : 0);
        case TINYINT ->
            ((TinyIntVector) vector)
                .setSafe(index, Math.toIntExact(exactLong(value, Byte.MIN_VALUE, Byte.MAX_VALUE)));
        case SMALLINT ->
            ((SmallIntVector) vector)
                .setSafe(
                    index, Math.toIntExact(exactLong(value, Short.MIN_VALUE, Short.MAX_VALUE)));
        case INTEGER ->
            ((IntVector) vector)
                .setSafe(
                    index, Math.toIntExact(exactLong(value, Integer.MIN_VALUE, Integer.MAX_VALUE)));
        case BIGINT ->
            ((BigIntVector) vector)
                .setSafe(index, exactLong(value, Long.MIN_VALUE, Long.MAX_VALUE));
        case FLOAT -> ((Float4Vector) vector).setSafe(index, ((Number) value).floatValue());
        case DOUBLE -> ((Float8Vector) vector).setSafe(index, ((Number) value).doubleValue());
        case DECIMAL -> ((DecimalVector) vector).setSafe(index, decimal(value, type));
        case VARCHAR ->
            ((VarCharVector) vector)
                .setSafe(index, ((String) value).getBytes(StandardCharsets.UTF_8));
        case VARBINARY -> ((VarBinaryVector) vector).setSafe(index, (byte[]) value);
        case DATE ->
            ((DateDayVector) vector)
                .setSafe(index, Math.toIntExact(((LocalDate) value).toEpochDay()));
        case TIME ->
            ((TimeMilliVector) vector)
                .setSafe(index, (int) (((LocalTime) value).toNanoOfDay() / 1_000_000L));
        case TIMESTAMP -> ((TimeStampMilliVector) vector).setSafe(index, timestampMillis(value));
        case INTERVAL_DAY_TIME ->
            ((DurationVector) vector).setSafe(index, ((Duration) value).toMillis());
        case INTERVAL_YEAR_MONTH ->
            ((IntervalYearVector) vector)
                .setSafe(index, Math.toIntExact(((Period) value).toTotalMonths()));
        case ARRAY -> setList((ListVector) vector, type.elementType(), index, (List<?>) value);
        case NULL -> setNull(vector, index);
      }
    } catch (ClassCastException e) {
      throw new SluiceException(
          ErrorCode.TYPE_MISMATCH,
          "value "
              + value
              + " ("
              + value.getClass().getSimpleName()
              + ") cannot be stored in column '"
              + vector.getField().getName()
              + "' of type "
              + type,
          e);
    }
  }

  private static void setList(ListVector vector, SqlType elementType, int index, List<?> values) {
    int start = vector.startNewValue(index);
    FieldVector data = vector.getDataVector();
    for (int i = 0; i < values.size(); i++) {
      set(data, elementType, start + i, values.get(i));
    }
    vector.endValue(index, values.size());
  }

  private static void setNull(FieldVector vector, int index) {
    if (vector instanceof NullVector) {
      return; // a NULL-typed column (e.g. VALUES (1, NULL)) holds nulls only, and has no buffers
    }
    while (vector.getValueCapacity() <= index) {
      int before = vector.getValueCapacity();
      vector.reAlloc();
      if (vector.getValueCapacity() <= before) {
        throw new IllegalStateException(
            "cannot grow " + vector.getClass().getSimpleName() + " to hold row " + index);
      }
    }
    vector.setNull(index);
  }

  private static long exactLong(Object value, long min, long max) {
    long result;
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      result = ((Number) value).longValue();
    } else if (value instanceof BigDecimal decimal) {
      result = decimal.longValueExact();
    } else {
      throw new ClassCastException(value.getClass().getName());
    }
    if (result < min || result > max) {
      throw new SluiceException(
          ErrorCode.NUMERIC_OVERFLOW,
          "value " + value + " is out of range [" + min + ", " + max + "]");
    }
    return result;
  }

  private static BigDecimal decimal(Object value, SqlType type) {
    BigDecimal decimal =
        value instanceof BigDecimal d ? d : new BigDecimal(((Number) value).toString());
    BigDecimal scaled = decimal.setScale(type.scale(), RoundingMode.HALF_UP);
    if (scaled.precision() > type.precision()) {
      throw new SluiceException(
          ErrorCode.NUMERIC_OVERFLOW, "value " + value + " does not fit in " + type);
    }
    return scaled;
  }

  /** TIMESTAMP values are zone-less: epoch millis read as UTC wall-clock. */
  public static LocalDateTime timestamp(long epochMillis) {
    return LocalDateTime.ofEpochSecond(
        Math.floorDiv(epochMillis, 1000L),
        (int) Math.floorMod(epochMillis, 1000L) * 1_000_000,
        ZoneOffset.UTC);
  }

  public static long timestampMillis(Object value) {
    LocalDateTime time = (LocalDateTime) value;
    return time.toEpochSecond(ZoneOffset.UTC) * 1000L + time.getNano() / 1_000_000;
  }
}
