package dev.sluice.execution.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.type.Schema;
import java.util.List;

/**
 * Turns partial aggregates of HOP panes into partial aggregates of the HOP windows: its input's
 * columns {@code startColumn}/{@code endColumn} hold a pane ({@code slideMillis} long); each input
 * row is copied once per window of {@code sizeMillis} containing the pane, with those columns set
 * to the window's bounds. Windows the watermark (of the batch {@code watermarkDepth} back) has
 * already closed are skipped. Partial states merge, so a window's result is the merge of its panes'
 * — the rows are aggregated once per pane, not once per window.
 */
public record PaneExpandSpec(
    PlanSpec input,
    int startColumn,
    int endColumn,
    long sizeMillis,
    long slideMillis,
    int watermarkDepth)
    implements PlanSpec {
  public PaneExpandSpec {
    requireNonNull(input, "input is null");
    if (slideMillis <= 0 || sizeMillis % slideMillis != 0) {
      throw new IllegalArgumentException("the size must be a multiple of the slide");
    }
  }

  @Override
  public Schema schema() {
    return input.schema();
  }

  @Override
  public List<PlanSpec> inputs() {
    return List.of(input);
  }

  @Override
  public PlanSpec withInputs(List<PlanSpec> inputs) {
    return new PaneExpandSpec(
        inputs.get(0), startColumn, endColumn, sizeMillis, slideMillis, watermarkDepth);
  }
}
