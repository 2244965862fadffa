package dev.sluice.execution.plan;

import dev.sluice.execution.type.Schema;
import java.util.List;

/**
 * A node of the physical plan, as plain immutable data. The planner builds the tree; execution
 * turns it into operators ({@code PipelineBuilder}). {@link #toString()} is stable and feeds the
 * plan fingerprint stored in checkpoints, so it must not contain identities or addresses.
 */
public sealed interface PlanSpec
    permits ScanSpec,
        CalcSpec,
        UnnestSpec,
        UnionSpec,
        RowFunctionSpec,
        SortSpec,
        PartialAggregateSpec,
        ExchangeSpec,
        AggregateSpec,
        SessionAggregateSpec,
        WatermarkSpec,
        LateRowFilterSpec,
        WindowAssignSpec,
        PaneExpandSpec,
        StaticJoinSpec {
  /** The schema of the rows this node produces. */
  Schema schema();

  List<PlanSpec> inputs();

  /** The same node over other inputs (same count, same schemas). */
  PlanSpec withInputs(List<PlanSpec> inputs);
}
