package dev.sluice.execution.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.type.Schema;
import java.util.List;

/**
 * One output row per element of the ARRAY in column {@code arrayColumn}: the input columns,
 * repeated, followed by the element. A NULL or empty array produces no row (SQL's CROSS JOIN
 * UNNEST).
 */
public record UnnestSpec(PlanSpec input, int arrayColumn, Schema schema) implements PlanSpec {
  public UnnestSpec {
    requireNonNull(input, "input is null");
    requireNonNull(schema, "schema is null");
    if (schema.size() != input.schema().size() + 1) {
      throw new IllegalArgumentException(
          "UNNEST output must be the input columns plus the element");
    }
  }

  @Override
  public List<PlanSpec> inputs() {
    return List.of(input);
  }

  @Override
  public PlanSpec withInputs(List<PlanSpec> inputs) {
    return new UnnestSpec(inputs.get(0), arrayColumn, schema);
  }
}
