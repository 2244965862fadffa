package dev.sluice.planner.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.plan.AggregateSpec;
import dev.sluice.execution.plan.PlanSpec;
import dev.sluice.execution.plan.QuerySpec;
import dev.sluice.execution.type.Schema;
import dev.sluice.planner.catalog.SourceFactory;
import java.util.Map;

/**
 * A planned query: the specs execution runs, how to make each source, and whether the query is
 * continuous (it reads a stream) or a one-off batch query.
 *
 * @param updating whether result rows can change after they are emitted (an aggregation), so the
 *     query needs update or complete mode
 * @param explain the optimized logical plan, as Calcite prints it
 */
public record PhysicalPlan(
    QuerySpec spec,
    Map<String, SourceFactory> sources,
    boolean streaming,
    boolean updating,
    String explain) {
  public PhysicalPlan {
    requireNonNull(spec, "spec is null");
    sources = Map.copyOf(sources);
  }

  public Schema schema() {
    return spec.root().schema();
  }

  /**
   * Whether the result can be written in append mode: no aggregation, or only aggregations whose
   * groups the watermark closes (windows over a watermarked column), which emit each group once.
   */
  public boolean appendable() {
    return !updating || onlyClosingAggregations(spec.root());
  }

  private static boolean onlyClosingAggregations(PlanSpec spec) {
    if (spec instanceof AggregateSpec aggregate && !aggregate.closesWindows()) {
      return false;
    }
    return spec.inputs().stream().allMatch(PhysicalPlan::onlyClosingAggregations);
  }

  /** This plan emitting its result as a changelog with a leading {@code op} column. */
  public PhysicalPlan asChangelog() {
    return new PhysicalPlan(ChangelogRewrite.apply(spec), sources, streaming, updating, explain);
  }
}
