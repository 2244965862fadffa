package dev.sluice.execution.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.type.Schema;
import java.util.List;

/**
 * The first, stateless half of an aggregation: within each chunk, rows with equal keys are folded
 * into one row of the keys (columns {@code groupKeys} of the input, in that order) followed by the
 * partial state of every call (see {@code Aggregates.stateFields}). Shrinks what the exchange
 * moves.
 */
public record PartialAggregateSpec(
    PlanSpec input, List<Integer> groupKeys, List<AggregateCall> calls, Schema schema)
    implements PlanSpec {
  public PartialAggregateSpec {
    requireNonNull(input, "input is null");
    groupKeys = List.copyOf(groupKeys);
    calls = List.copyOf(calls);
    requireNonNull(schema, "schema is null");
  }

  @Override
  public List<PlanSpec> inputs() {
    return List.of(input);
  }

  @Override
  public PlanSpec withInputs(List<PlanSpec> inputs) {
    return new PartialAggregateSpec(inputs.get(0), groupKeys, calls, schema);
  }
}
