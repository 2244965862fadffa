package dev.sluice.execution.expression.runtime;

import dev.sluice.execution.batch.VectorValues;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.SqlType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Conversions between a kernel's unboxed values and the Java objects of {@link VectorValues} (array
 * elements, UDF arguments and results), and reading strings straight from Arrow buffers.
 */
public final class Values {
  private Values() {}

  public static String readString(VarCharVector vector, int row) {
    int start = vector.getStartOffset(row);
    int length = vector.getEndOffset(row) - start;
    byte[] bytes = new byte[length];
    ArrowBuf data = vector.getDataBuffer();
    data.getBytes(start, bytes, 0, length);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * The unscaled value of a wide DECIMAL slot when it fits a compact (18-digit) decimal; otherwise
   * NUMERIC_OVERFLOW, which sends the chunk to the exact kernel.
   */
  public static long readNarrowedDecimal(DecimalVector vector, int row) {
    ArrowBuf data = vector.getDataBuffer();
    long low = data.getLong((long) row * 16);
    long high = data.getLong((long) row * 16 + 8);
    if (high != (low >> 63)
        || low >= 1_000_000_000_000_000_000L
        || low <= -1_000_000_000_000_000_000L) {
      throw new SluiceException(ErrorCode.NUMERIC_OVERFLOW, "decimal does not fit 18 digits");
    }
    return low;
  }

  @SuppressWarnings("unchecked")
  public static List<Object> readList(FieldVector vector, SqlType type, int row) {
    return (List<Object>) VectorValues.get(vector, type, row);
  }

  public static Object boxDate(int days) {
    return LocalDate.ofEpochDay(days);
  }

  public static Object boxTime(int millis) {
    return LocalTime.ofNanoOfDay(millis * 1_000_000L);
  }

  public static Object boxTimestamp(long millis) {
    return VectorValues.timestamp(millis);
  }

  public static Object boxDayTime(long millis) {
    return Duration.ofMillis(millis);
  }

  public static Object boxYearMonth(int months) {
    return Period.ofMonths(months).normalized();
  }

  public static boolean unboxBoolean(Object o) {
    return (Boolean) cast(o, Boolean.class);
  }

  public static long unboxLong(Object o) {
    return ((Number) cast(o, Number.class)).longValue();
  }

  public static double unboxDouble(Object o) {
    return ((Number) cast(o, Number.class)).doubleValue();
  }

  public static BigDecimal unboxDecimal(Object o) {
    Object value = cast(o, Number.class);
    return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
  }

  public static String unboxString(Object o) {
    return (String) cast(o, String.class);
  }

  public static byte[] unboxBytes(Object o) {
    return (byte[]) cast(o, byte[].class);
  }

  public static int unboxDate(Object o) {
    return (int) ((LocalDate) cast(o, LocalDate.class)).toEpochDay();
  }

  public static int unboxTime(Object o) {
    return (int) (((LocalTime) cast(o, LocalTime.class)).toNanoOfDay() / 1_000_000L);
  }

  public static long unboxTimestamp(Object o) {
    return VectorValues.timestampMillis(cast(o, LocalDateTime.class));
  }

  public static long unboxDayTime(Object o) {
    return ((Duration) cast(o, Duration.class)).toMillis();
  }

  public static int unboxYearMonth(Object o) {
    return (int) ((Period) cast(o, Period.class)).toTotalMonths();
  }

  @SuppressWarnings("unchecked")
  public static List<Object> unboxList(Object o) {
    return (List<Object>) cast(o, List.class);
  }

  private static Object cast(Object o, Class<?> expected) {
    if (!expected.isInstance(o)) {
      throw new SluiceException(
          ErrorCode.TYPE_MISMATCH,
          "expected a "
              + expected.getSimpleName()
              + " but got "
              + o.getClass().getName()
              + ": "
              + o);
    }
    return o;
  }
}
