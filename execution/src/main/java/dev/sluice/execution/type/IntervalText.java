package dev.sluice.execution.type;

import java.util.Locale;

/**
 * How an interval reads as text, in the shell, golden files, sinks and {@code CAST(... AS VARCHAR)}
 * alike: Flink's form, which is also Calcite's for a DAY TO SECOND or YEAR TO MONTH qualifier.
 * Sluice keeps no qualifier at run time, so every day-time interval shows days to milliseconds.
 */
public final class IntervalText {
  private IntervalText() {}

  /** A day-time interval: sign, days, time to the millisecond, e.g. {@code +1 06:00:00.000}. */
  public static String dayTime(long millis) {
    // Unsigned arithmetic on the magnitude, so Long.MIN_VALUE prints too.
    long size = Math.abs(millis);
    return String.format(
        Locale.ROOT,
        "%s%s %02d:%02d:%02d.%03d",
        millis < 0 ? "-" : "+",
        Long.toUnsignedString(Long.divideUnsigned(size, 86_400_000L)),
        Long.remainderUnsigned(size, 86_400_000L) / 3_600_000L,
        Long.remainderUnsigned(size, 3_600_000L) / 60_000L,
        Long.remainderUnsigned(size, 60_000L) / 1_000L,
        Long.remainderUnsigned(size, 1_000L));
  }

  /** A year-month interval: sign, years, months, e.g. {@code +1-02}. */
  public static String yearMonth(long months) {
    long size = Math.abs(months);
    return String.format(Locale.ROOT, "%s%d-%02d", months < 0 ? "-" : "+", size / 12, size % 12);
  }
}
