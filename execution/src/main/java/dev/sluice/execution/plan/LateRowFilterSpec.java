package dev.sluice.execution.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.type.Schema;
import java.util.List;

/**
 * Drops the rows that are late for stateful operator {@code operatorId}: those whose {@code
 * windowEndColumn} (a TIMESTAMP) is at or before the batch's watermark, so the window they belong
 * to has closed. Placed before partial aggregation, so the rows it counts are input rows, not
 * partial groups. The watermark is that of the batch {@code watermarkDepth} batches back, the one
 * the aggregation {@code operatorId} closes its windows by ({@code AggregateSpec#watermarkDepth}).
 * With {@code lastWindowAfterMillis} positive the column is the end of a HOP pane, and the row's
 * last window ends that much later: the row is late only once that window has closed.
 */
public record LateRowFilterSpec(
    PlanSpec input,
    int windowEndColumn,
    String operatorId,
    int watermarkDepth,
    long lastWindowAfterMillis)
    implements PlanSpec {
  public LateRowFilterSpec {
    requireNonNull(input, "input is null");
    requireNonNull(operatorId, "operatorId is null");
    if (watermarkDepth < 0) {
      throw new IllegalArgumentException("watermarkDepth must not be negative: " + watermarkDepth);
    }
  }

  /**
   * Whether the rows it drops go to the query's late-rows sink: only those of a filter over the
   * query's input rows (depth 0). A chained aggregation's input rows are another aggregation's
   * results, with other columns, and the per-operator watermark makes them late only when its
   * windows end inside the inner ones; those are counted in progress, not routed.
   */
  public boolean routesLateRows() {
    return watermarkDepth == 0;
  }

  /** A filter on the end of the row's only window. */
  public LateRowFilterSpec(
      PlanSpec input, int windowEndColumn, String operatorId, int watermarkDepth) {
    this(input, windowEndColumn, operatorId, watermarkDepth, 0);
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
    return new LateRowFilterSpec(
        inputs.get(0), windowEndColumn, operatorId, watermarkDepth, lastWindowAfterMillis);
  }
}
