package dev.sluice.execution.expression.runtime;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * Date and time functions for kernels. DATE is days since 1970-01-01, TIME milliseconds of the day,
 * TIMESTAMP milliseconds since 1970-01-01T00:00 with no time zone (computed in UTC so no zone rule
 * ever shifts a value).
 */
public final class DateTimeFunctions {
  private static final long MILLIS_PER_DAY = 86_400_000L;

  private DateTimeFunctions() {}

  public static long extractFromTimestamp(String unit, long millis) {
    LocalDateTime t = toDateTime(millis);
    return switch (unit) {
      case "EPOCH" -> Math.floorDiv(millis, 1000L);
      case "MILLISECOND" -> t.getSecond() * 1000L + t.getNano() / 1_000_000;
      case "MICROSECOND" -> t.getSecond() * 1_000_000L + t.getNano() / 1_000;
      case "SECOND" -> t.getSecond();
      case "MINUTE" -> t.getMinute();
      case "HOUR" -> t.getHour();
      default -> extractFromDate(unit, t.toLocalDate());
    };
  }

  public static long extractFromDate(String unit, int days) {
    if (unit.equals("EPOCH")) {
      return days * 86_400L;
    }
    return extractFromDate(unit, LocalDate.ofEpochDay(days));
  }

  public static long extractFromTime(String unit, int millisOfDay) {
    return switch (unit) {
      case "HOUR" -> millisOfDay / 3_600_000;
      case "MINUTE" -> millisOfDay / 60_000 % 60;
      case "SECOND" -> millisOfDay / 1000 % 60;
      case "MILLISECOND" -> millisOfDay % 60_000;
      case "EPOCH" -> millisOfDay / 1000;
      default -> throw badUnit("EXTRACT", unit, "TIME");
    };
  }

  private static long extractFromDate(String unit, LocalDate d) {
    return switch (unit) {
      case "YEAR" -> d.getYear();
      case "QUARTER" -> (d.getMonthValue() + 2) / 3;
      case "MONTH" -> d.getMonthValue();
      case "WEEK" -> d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
      case "DAY" -> d.getDayOfMonth();
      case "DOY" -> d.getDayOfYear();
      // SQL's DOW: Sunday = 1 ... Saturday = 7
      case "DOW" -> d.getDayOfWeek().getValue() % 7 + 1;
      case "ISODOW" -> d.getDayOfWeek().getValue();
      case "DECADE" -> Math.floorDiv(d.getYear(), 10);
      case "CENTURY" -> d.getYear() > 0 ? (d.getYear() + 99) / 100 : -((99 - d.getYear()) / 100);
      case "MILLENNIUM" ->
          d.getYear() > 0 ? (d.getYear() + 999) / 1000 : -((999 - d.getYear()) / 1000);
      case "HOUR", "MINUTE", "SECOND", "MILLISECOND" -> 0;
      default -> throw badUnit("EXTRACT", unit, "DATE");
    };
  }

  public static long floorTimestamp(long millis, String unit) {
    return switch (unit) {
      case "MILLISECOND" -> millis;
      case "SECOND" -> millis - Math.floorMod(millis, 1000L);
      case "MINUTE" -> millis - Math.floorMod(millis, 60_000L);
      case "HOUR" -> millis - Math.floorMod(millis, 3_600_000L);
      case "DAY" -> millis - Math.floorMod(millis, MILLIS_PER_DAY);
      default -> floorDate(Math.floorDiv(millis, MILLIS_PER_DAY), unit) * MILLIS_PER_DAY;
    };
  }

  public static long ceilTimestamp(long millis, String unit) {
    long floor = floorTimestamp(millis, unit);
    if (floor == millis) {
      return millis;
    }
    return switch (unit) {
      case "SECOND" -> floor + 1000L;
      case "MINUTE" -> floor + 60_000L;
      case "HOUR" -> floor + 3_600_000L;
      case "DAY" -> floor + MILLIS_PER_DAY;
      default -> nextDate(Math.floorDiv(floor, MILLIS_PER_DAY), unit) * MILLIS_PER_DAY;
    };
  }

  public static int floorDate(long days, String unit) {
    LocalDate d = LocalDate.ofEpochDay(days);
    LocalDate floored =
        switch (unit) {
          case "DAY" -> d;
          case "WEEK" -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
          case "MONTH" -> d.withDayOfMonth(1);
          case "QUARTER" -> d.withMonth((d.getMonthValue() - 1) / 3 * 3 + 1).withDayOfMonth(1);
          case "YEAR" -> d.withDayOfYear(1);
          case "DECADE" -> LocalDate.of(Math.floorDiv(d.getYear(), 10) * 10, 1, 1);
          default -> throw badUnit("FLOOR", unit, "DATE");
        };
    return (int) floored.toEpochDay();
  }

  public static int ceilDate(long days, String unit) {
    int floor = floorDate(days, unit);
    return floor == days ? floor : nextDate(floor, unit);
  }

  private static int nextDate(long flooredDays, String unit) {
    LocalDate d = LocalDate.ofEpochDay(flooredDays);
    LocalDate next =
        switch (unit) {
          case "DAY" -> d.plusDays(1);
          case "WEEK" -> d.plusWeeks(1);
          case "MONTH" -> d.plusMonths(1);
          case "QUARTER" -> d.plusMonths(3);
          case "YEAR" -> d.plusYears(1);
          case "DECADE" -> d.plusYears(10);
          default -> throw badUnit("CEIL", unit, "DATE");
        };
    return (int) next.toEpochDay();
  }

  public static int floorTime(int millisOfDay, String unit) {
    return (int) floorTimestamp(millisOfDay, unit);
  }

  public static int ceilTime(int millisOfDay, String unit) {
    return (int) Math.floorMod(ceilTimestamp(millisOfDay, unit), MILLIS_PER_DAY);
  }

  public static long timestampPlusMonths(long millis, long months) {
    LocalDateTime t = toDateTime(millis).plusMonths(months);
    return t.toEpochSecond(ZoneOffset.UTC) * 1000L + t.getNano() / 1_000_000;
  }

  public static int datePlusMonths(int days, long months) {
    return (int) LocalDate.ofEpochDay(days).plusMonths(months).toEpochDay();
  }

  /** DATE plus a day-time interval: whole days only, as SQL keeps a DATE a DATE. */
  public static int datePlusMillis(int days, long millis) {
    return Math.toIntExact(days + Math.floorDiv(millis, MILLIS_PER_DAY));
  }

  public static int timePlusMillis(int millisOfDay, long millis) {
    return (int) Math.floorMod(millisOfDay + millis, MILLIS_PER_DAY);
  }

  public static int monthsBetweenTimestamps(long a, long b) {
    return (int) ChronoUnit.MONTHS.between(toDateTime(b), toDateTime(a));
  }

  public static int monthsBetweenDates(int a, int b) {
    return (int) ChronoUnit.MONTHS.between(LocalDate.ofEpochDay(b), LocalDate.ofEpochDay(a));
  }

  public static LocalDateTime toDateTime(long millis) {
    return LocalDateTime.ofEpochSecond(
        Math.floorDiv(millis, 1000L),
        (int) Math.floorMod(millis, 1000L) * 1_000_000,
        ZoneOffset.UTC);
  }

  private static SluiceException badUnit(String function, String unit, String type) {
    return new SluiceException(
        ErrorCode.INVALID_ARGUMENT, function + " does not support unit " + unit + " for " + type);
  }
}
