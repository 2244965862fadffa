package dev.sluice.execution.eventtime;

/**
 * Time as one micro-batch sees it.
 *
 * @param stats where the batch's watermark operators record the largest event times they see and
 *     stateful operators count late rows; null when nobody tracks them (one-off queries)
 * @param watermarkMillis the watermark the batch runs with ({@link Long#MIN_VALUE}: none yet);
 *     delivered to every task's operators before their first row
 * @param timestampMillis the batch's processing time, from its offset log entry (a re-run has the
 *     same); state TTL measures the age of groups against it
 */
public record BatchTime(EventTimeStats stats, long watermarkMillis, long timestampMillis) {
  /** For a one-off query, run at {@code nowMillis}. */
  public static BatchTime untracked(long nowMillis) {
    return new BatchTime(null, Long.MIN_VALUE, nowMillis);
  }
}
