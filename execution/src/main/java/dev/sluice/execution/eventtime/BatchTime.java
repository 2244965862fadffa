package dev.sluice.execution.eventtime;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Time as one micro-batch sees it.
 *
 * @param stats where the batch's watermark operators record the largest event times they see and
 *     stateful operators count late rows; null when nobody tracks them (one-off queries)
 * @param watermarks the watermark this batch runs with, then those of the batches before it, newest
 *     first ({@code watermarks.get(d)} is batch N − d's); empty when there is none yet. The first
 *     is delivered to every task's operators before their first row; a window-closing operator at
 *     chain depth d closes by the d-th (see {@link #watermarkAtDepth})
 * @param timestampMillis the batch's processing time, from its offset log entry (a re-run has the
 *     same); state TTL measures the age of groups against it
 */
public record BatchTime(EventTimeStats stats, List<Long> watermarks, long timestampMillis) {
  public BatchTime {
    watermarks = List.copyOf(requireNonNull(watermarks, "watermarks is null"));
  }

  /** For a one-off query, run at {@code nowMillis}. */
  public static BatchTime untracked(long nowMillis) {
    return new BatchTime(null, List.of(), nowMillis);
  }

  /** The watermark the batch runs with ({@link Long#MIN_VALUE}: none yet). */
  public long watermarkMillis() {
    return watermarks.isEmpty() ? Long.MIN_VALUE : watermarks.get(0);
  }
}
