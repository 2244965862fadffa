package dev.sluice.planner.logical;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;

/**
 * Declares column {@code column} of its input as event time, with rows arriving up to {@code
 * delayMillis} late. Rows pass unchanged. Opaque to Calcite's rules: filters and projections stay
 * on their side of it, so the watermark always sees the rows of the input it was declared on.
 */
public final class WatermarkRel extends SingleRel {
  private final int column;
  private final long delayMillis;

  public WatermarkRel(
      RelOptCluster cluster, RelTraitSet traits, RelNode input, int column, long delayMillis) {
    super(cluster, traits, input);
    this.column = column;
    this.delayMillis = delayMillis;
  }

  public int column() {
    return column;
  }

  public long delayMillis() {
    return delayMillis;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new WatermarkRel(getCluster(), traitSet, sole(inputs), column, delayMillis);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .item("eventTime", getInput().getRowType().getFieldNames().get(column))
        .item("delayMs", delayMillis);
  }
}
