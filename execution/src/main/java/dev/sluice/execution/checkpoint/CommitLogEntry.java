package dev.sluice.execution.checkpoint;

import java.util.Map;

/**
 * Written after batch {@code batchId}'s output is committed to the sink.
 *
 * @param eventTimeMaxima per watermarked input, the largest event time seen up to and including
 *     this batch (empty when the plan has no watermark; null in entries written before it was
 *     recorded)
 * @param watermarkMillis the watermark computed at the end of this batch, which the next batch runs
 *     with; null when not recorded
 * @param eventTimeLastActive per watermarked input that has seen events, when it last had some on
 *     the query's clock, for the idle timeout (null in entries written before it was recorded)
 */
public record CommitLogEntry(
    long batchId,
    long timestampMillis,
    Map<String, Long> eventTimeMaxima,
    Long watermarkMillis,
    Map<String, Long> eventTimeLastActive) {
  public CommitLogEntry {
    eventTimeMaxima = eventTimeMaxima == null ? null : Map.copyOf(eventTimeMaxima);
    eventTimeLastActive = eventTimeLastActive == null ? null : Map.copyOf(eventTimeLastActive);
  }

  /** An entry of a batch without event time. */
  public CommitLogEntry(long batchId, long timestampMillis) {
    this(batchId, timestampMillis, Map.of(), null, Map.of());
  }
}
