package dev.sluice.execution.operator.aggregate;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;

/** COUNT(*) and COUNT(x): a long per group. */
final class CountAccumulator extends GroupAccumulator {
  /** Set for COUNT(x), which skips NULLs; COUNT(*) counts every row. */
  private final boolean skipNulls;

  private long[] counts = new long[64];

  CountAccumulator(boolean skipNulls) {
    this.skipNulls = skipNulls;
  }

  @Override
  void start(int group) {
    counts = withRoom(counts, group);
    counts[group] = 0;
  }

  @Override
  void accumulate(FieldVector argument, int row, int group) {
    if (!skipNulls || !argument.isNull(row)) {
      counts[group]++;
    }
  }

  @Override
  void merge(FieldVector[] columns, int firstColumn, int row, int group) {
    counts[group] += ((BigIntVector) columns[firstColumn]).get(row);
  }

  @Override
  Object[] state(int group) {
    return new Object[] {counts[group]};
  }

  @Override
  void load(int group, Object[] state) {
    counts[group] = (Long) state[0];
  }

  @Override
  void writeState(FieldVector[] out, int firstColumn, int outRow, int group) {
    ((BigIntVector) out[firstColumn]).setSafe(outRow, counts[group]);
  }
}
