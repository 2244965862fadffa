package dev.sluice.execution.driver;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * The watermarks the query's last batches ran with, newest first, as far back as its deepest
 * window-closing operator looks.
 *
 * <p>An aggregation fed by {@code d} window-closing aggregations (depth d) closes by the watermark
 * of batch N − d: the aggregation below it emits in batch N only the windows that batch's watermark
 * closed, all ending after the watermark of batch N − 1, so that older watermark is the one its
 * output obeys. A batch therefore hands its operators its own watermark followed by those of the
 * {@code deepest} batches before it; and after the data stops, batches without data are due until
 * the deepest operator has closed by the query's current watermark too.
 */
final class WatermarkHistory {
  private final int deepest;

  /** Newest first; at most {@code deepest + 1} entries. */
  private final Deque<Long> ran = new ArrayDeque<>();

  /**
   * @param deepest the largest depth of a window-closing operator of the plan (0: none is fed by
   *     another)
   */
  WatermarkHistory(int deepest) {
    if (deepest < 0) {
      throw new IllegalArgumentException("deepest must not be negative: " + deepest);
    }
    this.deepest = deepest;
  }

  /** Records that a batch ran with {@code watermarkMillis}. */
  void ran(long watermarkMillis) {
    ran.addFirst(watermarkMillis);
    while (ran.size() > deepest + 1) {
      ran.removeLast();
    }
  }

  /** What a batch running with {@code watermarkMillis} hands its operators, newest first. */
  List<Long> forBatch(long watermarkMillis) {
    List<Long> watermarks = new ArrayList<>(deepest + 1);
    watermarks.add(watermarkMillis);
    Iterator<Long> previous = ran.iterator();
    for (int d = 1; d <= deepest; d++) {
      watermarks.add(previous.hasNext() ? previous.next() : Long.MIN_VALUE);
    }
    return watermarks;
  }

  /**
   * Whether every operator, the deepest included, has run with {@code watermarkMillis}: the last
   * {@code deepest + 1} batches all ran with it (a batch before the first counts as none).
   */
  boolean caughtUp(long watermarkMillis) {
    Iterator<Long> previous = ran.iterator();
    for (int d = 0; d <= deepest; d++) {
      long watermark = previous.hasNext() ? previous.next() : Long.MIN_VALUE;
      if (watermark < watermarkMillis) {
        return false;
      }
    }
    return true;
  }
}
