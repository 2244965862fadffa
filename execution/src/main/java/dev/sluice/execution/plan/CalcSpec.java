package dev.sluice.execution.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.expression.Expression;
import dev.sluice.execution.type.Schema;
import java.util.List;

/**
 * Filter then project, fused: rows for which {@code condition} is TRUE (all rows if it is null) are
 * turned into {@code projections}, one output column each.
 */
public record CalcSpec(
    PlanSpec input, Expression condition, List<Expression> projections, Schema schema)
    implements PlanSpec {
  public CalcSpec {
    requireNonNull(input, "input is null");
    projections = List.copyOf(projections);
    requireNonNull(schema, "schema is null");
    if (projections.size() != schema.size()) {
      throw new IllegalArgumentException(
          projections.size() + " projections but " + schema.size() + " output fields");
    }
  }

  @Override
  public List<PlanSpec> inputs() {
    return List.of(input);
  }

  @Override
  public PlanSpec withInputs(List<PlanSpec> inputs) {
    return new CalcSpec(inputs.get(0), condition, projections, schema);
  }
}
