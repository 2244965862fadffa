package dev.sluice.execution.driver;

/**
 * The time source of a query: triggers, time-based sources and (later) processing-time timers read
 * it, never {@link System#currentTimeMillis()}, so tests can drive time with {@link ManualClock}.
 */
public interface Clock {
  long millis();

  /** Blocks until {@link #millis()} reaches {@code deadline}; interruptible. */
  void sleepUntil(long deadline) throws InterruptedException;

  static Clock system() {
    return SystemClock.INSTANCE;
  }
}
