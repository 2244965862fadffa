package dev.sluice.execution.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.type.Schema;
import java.util.List;

/**
 * The stateful half of an aggregation: merges the partial rows arriving from the exchange (keys
 * first; then, if some calls are DISTINCT, the value they aggregate; then the partial state of each
 * call that is not DISTINCT) into the state of their key, in the state stores of operator {@code
 * operatorId}, and emits the keys followed by each call's result: the changed groups in update
 * mode, all groups in complete mode.
 */
public record AggregateSpec(
    PlanSpec input,
    int keyCount,
    List<AggregateCall> calls,
    boolean hasDistinct,
    String operatorId,
    Schema schema)
    implements PlanSpec {
  public AggregateSpec {
    requireNonNull(input, "input is null");
    calls = List.copyOf(calls);
    requireNonNull(operatorId, "operatorId is null");
    requireNonNull(schema, "schema is null");
  }

  @Override
  public List<PlanSpec> inputs() {
    return List.of(input);
  }

  @Override
  public PlanSpec withInputs(List<PlanSpec> inputs) {
    return new AggregateSpec(inputs.get(0), keyCount, calls, hasDistinct, operatorId, schema);
  }
}
