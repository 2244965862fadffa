package dev.sluice.execution.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.type.Schema;
import java.util.List;

/** UNION ALL: every input's rows, unchanged. Inputs have the same column types as the output. */
public record UnionSpec(List<PlanSpec> inputs, Schema schema) implements PlanSpec {
  public UnionSpec {
    inputs = List.copyOf(inputs);
    requireNonNull(schema, "schema is null");
    if (inputs.size() < 2) {
      throw new IllegalArgumentException("UNION ALL needs at least two inputs");
    }
  }

  @Override
  public PlanSpec withInputs(List<PlanSpec> inputs) {
    return new UnionSpec(inputs, schema);
  }
}
