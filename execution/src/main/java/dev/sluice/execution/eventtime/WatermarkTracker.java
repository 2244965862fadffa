package dev.sluice.execution.eventtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The driver's view of event time: per watermarked input, the largest event time seen so far and
 * its delay; from them the query's watermark, which only moves forward.
 *
 * <p>An input's watermark is its largest event time minus its delay. The query's watermark is the
 * minimum over the inputs (or the maximum, by {@link WatermarkPolicy}) of the inputs that have seen
 * at least one event and have not been idle longer than the idle timeout; an input without events
 * does not hold the others back (as in Spark). It is computed at the end of a batch and used from
 * the next one, and again at a trigger without new data ({@link #advanceTo}), when an input may
 * have become idle since.
 *
 * <p>When each input last had events is measured on the query's clock and recorded with the maxima,
 * so a restarted query treats an idle input as idle, as it would have without the restart.
 */
public final class WatermarkTracker {
  private final Map<String, Long> delays;
  private final WatermarkPolicy policy;
  private final long idleTimeoutMillis;
  private final Map<String, Long> maxima = new LinkedHashMap<>();
  private final Map<String, Long> lastActive = new LinkedHashMap<>();
  private long watermark = Long.MIN_VALUE;

  /**
   * @param delays per input id, the declared delay in milliseconds
   * @param idleTimeoutMillis an input without events for longer than this (on the query's clock)
   *     stops holding the watermark back; {@link Long#MAX_VALUE} to never ignore one
   */
  public WatermarkTracker(
      Map<String, Long> delays, WatermarkPolicy policy, long idleTimeoutMillis) {
    this.delays = Map.copyOf(delays);
    this.policy = policy;
    this.idleTimeoutMillis = idleTimeoutMillis;
  }

  /** Whether the plan declares any watermark. */
  public boolean isEmpty() {
    return delays.isEmpty();
  }

  /** The watermark the next batch runs with; {@link Long#MIN_VALUE} before any event. */
  public long watermark() {
    return watermark;
  }

  /** Per input, the largest event time seen so far (inputs without events are absent). */
  public Map<String, Long> maxima() {
    return Map.copyOf(maxima);
  }

  /** Per input that has seen events, its own watermark: largest event time minus delay. */
  public Map<String, Long> inputWatermarks() {
    Map<String, Long> watermarks = new LinkedHashMap<>();
    maxima.forEach((input, max) -> watermarks.put(input, minus(max, delays.get(input))));
    return watermarks;
  }

  /** Per input that has seen events, when it last had some, on the query's clock. */
  public Map<String, Long> lastActive() {
    return Map.copyOf(lastActive);
  }

  /**
   * Continues from a checkpoint: the maxima, last-active times and watermark recorded after the
   * last batch.
   *
   * @param recordedLastActive null for a checkpoint written before they were recorded: the inputs
   *     count as active at {@code nowMillis}
   */
  public void restore(
      Map<String, Long> recordedMaxima,
      Map<String, Long> recordedLastActive,
      long recordedWatermark,
      long nowMillis) {
    maxima.clear();
    lastActive.clear();
    recordedMaxima.forEach(
        (input, max) -> {
          if (delays.containsKey(input)) {
            maxima.put(input, max);
            Long active = recordedLastActive == null ? null : recordedLastActive.get(input);
            lastActive.put(input, active == null ? nowMillis : active);
          }
        });
    watermark = recordedWatermark;
  }

  /** Folds in a finished batch's maxima and moves the watermark (never backwards). */
  public void update(Map<String, Long> batchMaxima, long nowMillis) {
    batchMaxima.forEach(
        (input, max) -> {
          if (delays.containsKey(input)) {
            maxima.merge(input, max, Math::max);
            lastActive.put(input, nowMillis);
          }
        });
    advanceTo(nowMillis);
  }

  /**
   * Recomputes the watermark at {@code nowMillis} without new events: an input idle longer than the
   * timeout by now stops holding it back. Never moves it backwards.
   */
  public void advanceTo(long nowMillis) {
    long combined = policy == WatermarkPolicy.MIN ? Long.MAX_VALUE : Long.MIN_VALUE;
    boolean any = false;
    for (Map.Entry<String, Long> input : inputWatermarks().entrySet()) {
      if (nowMillis - lastActive.get(input.getKey()) > idleTimeoutMillis) {
        continue;
      }
      any = true;
      combined =
          policy == WatermarkPolicy.MIN
              ? Math.min(combined, input.getValue())
              : Math.max(combined, input.getValue());
    }
    if (any) {
      watermark = Math.max(watermark, combined);
    }
  }

  /** {@code time - delay}, or the smallest time if that is before it. */
  private static long minus(long time, long delay) {
    long result = time - delay;
    return result <= time ? result : Long.MIN_VALUE;
  }
}
