package dev.sluice.api;

import static java.util.Objects.requireNonNull;

import dev.sluice.planner.logical.WindowShape;

/**
 * What {@link functions#window} stands for: windows over a time column. As a {@code groupBy} key it
 * becomes the two key columns {@code window_start} and {@code window_end} (Sluice has no struct
 * type for Spark's {@code window} column).
 *
 * @param text the call as the user wrote it, for messages
 */
record TimeWindow(Column timeColumn, WindowShape shape, String text) {
  TimeWindow {
    requireNonNull(timeColumn, "timeColumn is null");
    requireNonNull(shape, "shape is null");
    requireNonNull(text, "text is null");
  }
}
