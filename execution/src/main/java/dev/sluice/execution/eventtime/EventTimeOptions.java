package dev.sluice.execution.eventtime;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.connector.Sink;

/**
 * How a query treats event time.
 *
 * @param watermarkPolicy how the watermarks of several inputs combine
 * @param idleTimeoutMillis an input without events for this long stops holding the watermark back
 *     ({@link Long#MAX_VALUE}: never)
 * @param lateRowsSink where rows dropped as late go, committed with the batch's id; null to only
 *     count them. The query closes it when it ends.
 */
public record EventTimeOptions(
    WatermarkPolicy watermarkPolicy, long idleTimeoutMillis, Sink lateRowsSink) {
  public EventTimeOptions {
    requireNonNull(watermarkPolicy, "watermarkPolicy is null");
    if (idleTimeoutMillis <= 0) {
      throw new IllegalArgumentException(
          "idleTimeoutMillis must be positive: " + idleTimeoutMillis);
    }
  }

  /** The minimum policy, no idle timeout, late rows only counted. */
  public static EventTimeOptions defaults() {
    return new EventTimeOptions(WatermarkPolicy.MIN, Long.MAX_VALUE, null);
  }
}
