package dev.sluice.execution.expression.runtime;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.IntervalText;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * CAST conversions that can fail or need formatting. A value that does not convert fails with
 * INVALID_CAST naming the value and the target type. Casting a fractional number to an integer
 * truncates toward zero (as Spark and Calcite do).
 */
public final class Casts {
  private static final DateTimeFormatter TIMESTAMP_PARSER =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd")
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendPattern("HH:mm")
          .optionalStart()
          .appendPattern(":ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalEnd()
          .optionalEnd()
          .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
          .toFormatter();
  private static final DateTimeFormatter TIMESTAMP_FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
  private static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private Casts() {}

  public static boolean toBoolean(String s) {
    return switch (s.trim().toUpperCase(java.util.Locale.ROOT)) {
      case "TRUE", "T", "YES", "Y", "1" -> true;
      case "FALSE", "F", "NO", "N", "0" -> false;
      default -> throw invalid(s, "BOOLEAN");
    };
  }

  public static long toLong(String s, String typeName) {
    String trimmed = s.trim();
    try {
      return Long.parseLong(trimmed);
    } catch (NumberFormatException e) {
      try {
        return toLong(new BigDecimal(trimmed), typeName);
      } catch (NumberFormatException notANumber) {
        throw invalid(s, typeName);
      }
    }
  }

  public static long toLong(double d, String typeName) {
    if (Double.isNaN(d) || d >= 0x1p63 || d < -0x1p63) {
      throw new SluiceException(
          ErrorCode.NUMERIC_OVERFLOW, "value " + d + " is out of range for " + typeName);
    }
    return (long) d;
  }

  public static long toLong(BigDecimal d, String typeName) {
    try {
      return d.setScale(0, RoundingMode.DOWN).longValueExact();
    } catch (ArithmeticException e) {
      throw new SluiceException(
          ErrorCode.NUMERIC_OVERFLOW, "value " + d + " is out of range for " + typeName, e);
    }
  }

  public static double toDouble(String s, String typeName) {
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      throw invalid(s, typeName);
    }
  }

  public static BigDecimal toDecimal(String s, int precision, int scale) {
    try {
      return DecimalMath.checkPrecision(new BigDecimal(s.trim()), precision, scale);
    } catch (NumberFormatException e) {
      throw invalid(s, "DECIMAL(" + precision + ", " + scale + ")");
    }
  }

  public static BigDecimal toDecimal(double d, int precision, int scale) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new SluiceException(
          ErrorCode.NUMERIC_OVERFLOW, d + " cannot be a DECIMAL(" + precision + ", " + scale + ")");
    }
    return DecimalMath.checkPrecision(BigDecimal.valueOf(d), precision, scale);
  }

  public static int toDate(String s) {
    try {
      return (int) LocalDate.parse(s.trim()).toEpochDay();
    } catch (DateTimeParseException e) {
      throw invalid(s, "DATE (expected yyyy-MM-dd)");
    }
  }

  public static int toTime(String s) {
    try {
      return (int) (LocalTime.parse(s.trim()).toNanoOfDay() / 1_000_000L);
    } catch (DateTimeParseException e) {
      throw invalid(s, "TIME (expected HH:mm:ss[.SSS])");
    }
  }

  public static long toTimestamp(String s) {
    try {
      LocalDateTime t = LocalDateTime.parse(s.trim(), TIMESTAMP_PARSER);
      return Values.unboxTimestamp(t);
    } catch (DateTimeParseException e) {
      throw invalid(s, "TIMESTAMP (expected yyyy-MM-dd HH:mm:ss[.SSS])");
    }
  }

  public static String fromDate(int days) {
    return LocalDate.ofEpochDay(days).toString();
  }

  public static String fromTime(int millis) {
    return LocalTime.ofNanoOfDay(millis * 1_000_000L).format(TIME_FORMAT);
  }

  public static String fromTimestamp(long millis) {
    return DateTimeFunctions.toDateTime(millis).format(TIMESTAMP_FORMAT);
  }

  public static String fromDecimal(long unscaled, int scale) {
    return BigDecimal.valueOf(unscaled, scale).toPlainString();
  }

  public static String fromDecimal(BigDecimal value) {
    return value.toPlainString();
  }

  public static String fromDouble(double d) {
    return Double.toString(d);
  }

  public static String fromDayTime(long millis) {
    return IntervalText.dayTime(millis);
  }

  public static String fromYearMonth(int months) {
    return IntervalText.yearMonth(months);
  }

  public static int dateOfTimestamp(long millis) {
    return (int) Math.floorDiv(millis, 86_400_000L);
  }

  public static int timeOfTimestamp(long millis) {
    return (int) Math.floorMod(millis, 86_400_000L);
  }

  private static SluiceException invalid(String value, String type) {
    return new SluiceException(ErrorCode.INVALID_CAST, "cannot cast '" + value + "' to " + type);
  }
}
