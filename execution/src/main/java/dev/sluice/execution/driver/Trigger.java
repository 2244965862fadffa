package dev.sluice.execution.driver;

import java.time.Duration;

/** When a streaming query runs its next micro-batch. */
public sealed interface Trigger {
  /** The default: the next batch starts as soon as the previous one ends and data is there. */
  static Trigger defaultTrigger() {
    return new ProcessingTime(Duration.ZERO);
  }

  /** A batch every {@code interval}; a batch that runs long makes the next start at once. */
  static Trigger processingTime(Duration interval) {
    return new ProcessingTime(interval);
  }

  /** Everything available when the query starts, then stop. */
  static Trigger availableNow() {
    return new AvailableNow();
  }

  /** One batch of everything available, then stop. */
  static Trigger once() {
    return new Once();
  }

  /**
   * No batch runs on its own: each {@link StreamingQuery#runBatch()} runs one and returns when it
   * is committed. For scripts and tests that must run the same batches every time.
   */
  static Trigger manual() {
    return new Manual();
  }

  record ProcessingTime(Duration interval) implements Trigger {
    public ProcessingTime {
      if (interval.isNegative()) {
        throw new IllegalArgumentException("trigger interval must not be negative: " + interval);
      }
    }
  }

  record AvailableNow() implements Trigger {}

  record Once() implements Trigger {}

  record Manual() implements Trigger {}
}
