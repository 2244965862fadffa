package dev.sluice.execution.eventtime;

import dev.sluice.execution.batch.Row;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
  private final boolean keepsLateRows;
  private final List<Row> lateRowList = Collections.synchronizedList(new ArrayList<>());

  /** Counts late rows only. */
  public EventTimeStats() {
    this(false);
  }

  /**
   * Also keeps the late rows themselves when {@code keepsLateRows} (a late-rows sink wants them).
   */
  public EventTimeStats(boolean keepsLateRows) {
    this.keepsLateRows = keepsLateRows;
  }

  /** Whether operators should hand their late rows to {@link #addLateRows}. */
  public boolean keepsLateRows() {
    return keepsLateRows;
  }

  /** Late rows of one operator, for the late-rows sink. */
  public void addLateRows(List<Row> rows) {
    lateRowList.addAll(rows);
  }

  /** The late rows kept in this batch, in no particular order across tasks. */
  public List<Row> lateRowList() {
    synchronized (lateRowList) {
      return List.copyOf(lateRowList);
    }
  }

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
