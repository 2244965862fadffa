package dev.sluice.execution.operator.aggregate;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.FloatingPointVector;

/**
 * SUM over FLOAT and DOUBLE: a double sum per group and whether a non-NULL value arrived. Values
 * are added one at a time, starting from 0.0, in the order they come, as {@link Aggregates} does,
 * so every sum rounds the same way.
 */
final class DoubleSumAccumulator extends GroupAccumulator {
  private double[] sums = new double[64];
  private boolean[] seen = new boolean[64];

  @Override
  void start(int group) {
    sums = withRoom(sums, group);
    seen = withRoom(seen, group);
    sums[group] = 0d;
    seen[group] = false;
  }

  @Override
  void accumulate(FieldVector argument, int row, int group) {
    if (!argument.isNull(row)) {
      add(group, ((FloatingPointVector) argument).getValueAsDouble(row));
    }
  }

  @Override
  void merge(FieldVector[] columns, int firstColumn, int row, int group) {
    Float8Vector sum = (Float8Vector) columns[firstColumn];
    if (!sum.isNull(row)) {
      add(group, sum.get(row));
    }
  }

  private void add(int group, double value) {
    sums[group] += value;
    seen[group] = true;
  }

  @Override
  Object[] state(int group) {
    return new Object[] {sum(group)};
  }

  /** The boxed sum, NULL if no value arrived. */
  private Double sum(int group) {
    return seen[group] ? sums[group] : null;
  }

  @Override
  void load(int group, Object[] state) {
    seen[group] = state[0] != null;
    sums[group] = seen[group] ? (Double) state[0] : 0d;
  }

  @Override
  void writeState(FieldVector[] out, int firstColumn, int outRow, int group) {
    Float8Vector sum = (Float8Vector) out[firstColumn];
    if (seen[group]) {
      sum.setSafe(outRow, sums[group]);
    } else {
      sum.setNull(outRow);
    }
  }
}
