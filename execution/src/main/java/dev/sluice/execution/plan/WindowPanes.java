package dev.sluice.execution.plan;

/**
 * How an aggregation over HOP windows keeps its state by pane ({@link AggregateSpec#panes()}): one
 * state per group and {@code slide}-long pane instead of one per group and window, a window's
 * result merged from its {@code size / slide} panes when it is emitted.
 *
 * <p>The aggregation's input keys are the group keys other than the window's, in result order, then
 * the pane's start and end; {@code startKey} and {@code endKey} are where {@code window_start} and
 * {@code window_end} go among the result's keys. The exchange below hashes only the other keys, so
 * every pane of a group is in the same key group and a window's panes meet in one store.
 */
public record WindowPanes(int startKey, int endKey, long sizeMillis, long slideMillis) {
  public WindowPanes {
    if (startKey < 0 || endKey < 0 || startKey == endKey) {
      throw new IllegalArgumentException("bad window key positions " + startKey + ", " + endKey);
    }
    if (slideMillis <= 0 || sizeMillis <= 0 || sizeMillis % slideMillis != 0) {
      throw new IllegalArgumentException(
          "the size must be a positive multiple of the slide: " + sizeMillis + ", " + slideMillis);
    }
  }

  /**
   * Where the result's key {@code resultKey} is among the input's {@code keyCount} keys: the other
   * keys keep their order, the window's start and end come last.
   */
  public int inputKey(int resultKey, int keyCount) {
    if (resultKey == startKey) {
      return keyCount - 2;
    }
    if (resultKey == endKey) {
      return keyCount - 1;
    }
    return resultKey - (startKey < resultKey ? 1 : 0) - (endKey < resultKey ? 1 : 0);
  }

  /** The number of panes in a window, and of windows a pane belongs to. */
  public int panesPerWindow() {
    return (int) (sizeMillis / slideMillis);
  }
}
