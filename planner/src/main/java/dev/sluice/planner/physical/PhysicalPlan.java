package dev.sluice.planner.physical;

import static java.util.Objects.requireNonNull;

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

  /** This plan emitting its result as a changelog with a leading {@code op} column. */
  public PhysicalPlan asChangelog() {
    return new PhysicalPlan(ChangelogRewrite.apply(spec), sources, streaming, updating, explain);
  }
}
