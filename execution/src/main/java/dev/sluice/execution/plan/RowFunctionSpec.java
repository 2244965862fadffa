package dev.sluice.execution.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.type.Schema;
import java.util.List;

/**
 * A user's Java function applied row by row (the DataFrame's typed {@code map}, {@code flatMap} and
 * {@code filter}), named {@code functionName} in the query's {@code UserFunctions}.
 */
public record RowFunctionSpec(PlanSpec input, String functionName, Schema schema)
    implements PlanSpec {
  public RowFunctionSpec {
    requireNonNull(input, "input is null");
    requireNonNull(functionName, "functionName is null");
    requireNonNull(schema, "schema is null");
  }

  @Override
  public List<PlanSpec> inputs() {
    return List.of(input);
  }

  @Override
  public PlanSpec withInputs(List<PlanSpec> inputs) {
    return new RowFunctionSpec(inputs.get(0), functionName, schema);
  }
}
