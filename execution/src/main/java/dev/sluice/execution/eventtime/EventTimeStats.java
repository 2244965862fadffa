package dev.sluice.execution.eventtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The largest event time each watermarked input saw in one micro-batch, collected from the
 * watermark operators of every partition task (thread-safe).
 */
public final class EventTimeStats {
  private final Map<String, Long> maxima = new ConcurrentHashMap<>();

  /** Input {@code inputId} saw an event at {@code eventTimeMillis} in this batch. */
  public void observe(String inputId, long eventTimeMillis) {
    maxima.merge(inputId, eventTimeMillis, Math::max);
  }

  /** Per input id, the largest event time seen; inputs that saw no event are absent. */
  public Map<String, Long> maxima() {
    return Map.copyOf(maxima);
  }
}
