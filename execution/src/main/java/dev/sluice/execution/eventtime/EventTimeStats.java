package dev.sluice.execution.eventtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one micro-batch learned about event time, collected from every partition task (thread-safe):
 * the largest event time each watermarked input saw, and the late rows each stateful operator
 * dropped.
 */
public final class EventTimeStats {
  private final Map<String, Long> maxima = new ConcurrentHashMap<>();
  private final Map<String, Long> lateRows = new ConcurrentHashMap<>();

  /** Input {@code inputId} saw an event at {@code eventTimeMillis} in this batch. */
  public void observe(String inputId, long eventTimeMillis) {
    maxima.merge(inputId, eventTimeMillis, Math::max);
  }

  /** Stateful operator {@code operatorId} dropped {@code rows} late rows. */
  public void countLate(String operatorId, long rows) {
    lateRows.merge(operatorId, rows, Long::sum);
  }

  /** Per stateful operator id, the late rows dropped in this batch (absent: none). */
  public Map<String, Long> lateRows() {
    return Map.copyOf(lateRows);
  }

  /** Per input id, the largest event time seen; inputs that saw no event are absent. */
  public Map<String, Long> maxima() {
    return Map.copyOf(maxima);
  }
}
