package dev.sluice.execution.operator.aggregate;

/**
 * One session window of a key: {@code [start, end)}, where {@code start} is its first row's time
 * and {@code end} its last row's time plus the gap, with each aggregate call's state. {@code
 * changed} marks a session built or extended in the running batch (update mode emits those).
 */
final class Session {
  final long start;
  final long end;
  final Object[][] states;
  final boolean changed;

  Session(long start, long end, Object[][] states, boolean changed) {
    this.start = start;
    this.end = end;
    this.states = states;
    this.changed = changed;
  }

  /**
   * Whether a row at {@code time} reaches this session: it is less than the gap from one of its
   * rows.
   */
  boolean reaches(long time, long gapMillis) {
    return time < end && start < saturatedAdd(time, gapMillis);
  }

  static long saturatedAdd(long time, long gapMillis) {
    long sum = time + gapMillis;
    return sum < time ? Long.MAX_VALUE : sum;
  }
}
