package dev.sluice.execution.connector;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * When a query's results are emitted, as the SQL {@code EMIT} clause says it (and the DataFrame
 * API's {@code emit(...)}); the output mode and trigger follow from it.
 *
 * @param kind the policy
 * @param interval for {@link Kind#EVERY}, how often early results are emitted; null otherwise
 */
public record EmitPolicy(Kind kind, Duration interval) {
  /** The policies. */
  public enum Kind {
    /** {@code EMIT ON WINDOW CLOSE}: each window's final row once, when the watermark closes it. */
    ON_WINDOW_CLOSE,
    /** {@code EMIT CHANGES}: every changed row as soon as a batch changes it. */
    CHANGES,
    /**
     * {@code EMIT EVERY INTERVAL ...}: a batch every interval emits the rows that changed in it
     * (early results), and a window's final row again when the watermark closes it.
     */
    EVERY
  }

  public EmitPolicy {
    requireNonNull(kind, "kind is null");
    if ((kind == Kind.EVERY) != (interval != null)) {
      throw new IllegalArgumentException("only EMIT EVERY has an interval");
    }
    if (interval != null && (interval.isZero() || interval.isNegative())) {
      throw new IllegalArgumentException("the EMIT EVERY interval must be positive: " + interval);
    }
  }

  public static EmitPolicy onWindowClose() {
    return new EmitPolicy(Kind.ON_WINDOW_CLOSE, null);
  }

  public static EmitPolicy changes() {
    return new EmitPolicy(Kind.CHANGES, null);
  }

  public static EmitPolicy every(Duration interval) {
    return new EmitPolicy(Kind.EVERY, interval);
  }

  /** The output mode this policy means. */
  public OutputMode outputMode() {
    return kind == Kind.ON_WINDOW_CLOSE ? OutputMode.APPEND : OutputMode.UPDATE;
  }

  /** The clause as written in SQL. */
  @Override
  public String toString() {
    return switch (kind) {
      case ON_WINDOW_CLOSE -> "EMIT ON WINDOW CLOSE";
      case CHANGES -> "EMIT CHANGES";
      case EVERY -> "EMIT EVERY " + interval.toMillis() + " ms";
    };
  }
}
