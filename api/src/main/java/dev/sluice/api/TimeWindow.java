package dev.sluice.api;

import static java.util.Objects.requireNonNull;

import dev.sluice.planner.logical.WindowShape;

/**
 * What {@link functions#window} or {@link functions#sessionWindow} stands for: windows over a time
 * column. As a {@code groupBy} key it becomes the two key columns {@code window_start} and {@code
 * window_end} (Sluice has no struct type for Spark's {@code window} column).
 *
 * @param shape the windows of {@code window()}, null for session windows
 * @param sessionGapMillis the gap of {@code sessionWindow()}, 0 for other windows
 * @param text the call as the user wrote it, for messages
 */
record TimeWindow(Column timeColumn, WindowShape shape, long sessionGapMillis, String text) {
  TimeWindow {
    requireNonNull(timeColumn, "timeColumn is null");
    requireNonNull(text, "text is null");
    if ((shape == null) == (sessionGapMillis <= 0)) {
      throw new IllegalArgumentException("either a window shape or a session gap");
    }
  }

  boolean isSession() {
    return shape == null;
  }
}
