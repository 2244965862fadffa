package dev.sluice.execution.operator.aggregate;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;

/** AVG over FLOAT and DOUBLE: the state of SUM and a count of the non-NULL values. */
final class DoubleAverageAccumulator extends DoubleSumAccumulator {
  private long[] counts = new long[64];

  @Override
  void start(int group) {
    super.start(group);
    counts = withRoom(counts, group);
    counts[group] = 0;
  }

  @Override
  void accumulate(FieldVector argument, int row, int group) {
    if (!argument.isNull(row)) {
      add(group, ((FloatingPointVector) argument).getValueAsDouble(row));
      counts[group]++;
    }
  }

  @Override
  void merge(FieldVector[] columns, int firstColumn, int row, int group) {
    super.merge(columns, firstColumn, row, group);
    counts[group] += ((BigIntVector) columns[firstColumn + 1]).get(row);
  }

  @Override
  Object[] state(int group) {
    return new Object[] {sum(group), counts[group]};
  }

  @Override
  void load(int group, Object[] state) {
    super.load(group, state);
    counts[group] = (Long) state[1];
  }

  @Override
  void writeState(FieldVector[] out, int firstColumn, int outRow, int group) {
    super.writeState(out, firstColumn, outRow, group);
    ((BigIntVector) out[firstColumn + 1]).setSafe(outRow, counts[group]);
  }
}
