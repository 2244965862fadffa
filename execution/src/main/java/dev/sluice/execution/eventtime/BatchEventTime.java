package dev.sluice.execution.eventtime;

/**
 * Event time as one micro-batch sees it.
 *
 * @param stats where the batch's watermark operators record the largest event times they see
 * @param watermarkMillis the watermark the batch runs with ({@link Long#MIN_VALUE}: none yet);
 *     delivered to every task's operators before their first row
 */
public record BatchEventTime(EventTimeStats stats, long watermarkMillis) {
  /** For batches nobody tracks event time of (one-off queries). */
  public static BatchEventTime untracked() {
    return new BatchEventTime(null, Long.MIN_VALUE);
  }
}
