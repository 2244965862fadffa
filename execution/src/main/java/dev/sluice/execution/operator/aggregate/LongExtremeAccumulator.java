package dev.sluice.execution.operator.aggregate;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;

/** MIN or MAX over BIGINT: the smallest or largest value per group, NULL until one arrives. */
final class LongExtremeAccumulator extends NullableLongAccumulator {
  /** Keeps the largest value (MAX), else the smallest (MIN). */
  private final boolean max;

  LongExtremeAccumulator(boolean max) {
    this.max = max;
  }

  @Override
  void accumulate(FieldVector argument, int row, int group) {
    if (!argument.isNull(row)) {
      offer(group, ((BigIntVector) argument).get(row));
    }
  }

  @Override
  void accumulateAll(FieldVector argument, int rows, int[] groupOfRow) {
    BigIntVector input = (BigIntVector) argument;
    boolean nulls = input.getNullCount() > 0;
    for (int row = 0; row < rows; row++) {
      if (!nulls || !input.isNull(row)) {
        offer(groupOfRow[row], input.get(row));
      }
    }
  }

  @Override
  void merge(FieldVector[] columns, int firstColumn, int row, int group) {
    accumulate(columns[firstColumn], row, group);
  }

  private void offer(int group, long value) {
    if (!set[group] || (max ? value > values[group] : value < values[group])) {
      values[group] = value;
      set[group] = true;
    }
  }
}
