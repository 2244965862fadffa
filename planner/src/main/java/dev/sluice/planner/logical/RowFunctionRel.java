package dev.sluice.planner.logical;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.type.RelDataType;

/**
 * A user's Java row function (typed map, flatMap, filter) in a logical plan. Opaque to Calcite's
 * rules: nothing is pushed through it.
 */
public final class RowFunctionRel extends SingleRel {
  private final String functionName;

  public RowFunctionRel(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelNode input,
      String functionName,
      RelDataType rowType) {
    super(cluster, traits, input);
    this.functionName = functionName;
    this.rowType = rowType;
  }

  public String functionName() {
    return functionName;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new RowFunctionRel(getCluster(), traitSet, sole(inputs), functionName, rowType);
  }

  @Override
  protected RelDataType deriveRowType() {
    return rowType;
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("function", functionName);
  }
}
