package dev.sluice.execution.operator.aggregate;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;

/**
 * AVG over numbers: the state of a typed SUM accumulator followed by a count of the non-NULL values
 * ({@link Aggregates}' layout: [sum, count]).
 */
final class AverageAccumulator extends GroupAccumulator {
  private final GroupAccumulator sum;
  private long[] counts = new long[64];

  /**
   * @param sum the SUM accumulator of the argument's type
   */
  AverageAccumulator(GroupAccumulator sum) {
    this.sum = sum;
  }

  @Override
  void start(int group) {
    sum.start(group);
    counts = withRoom(counts, group);
    counts[group] = 0;
  }

  @Override
  void accumulate(FieldVector argument, int row, int group) {
    if (!argument.isNull(row)) {
      sum.accumulate(argument, row, group);
      counts[group]++;
    }
  }

  @Override
  void merge(FieldVector[] columns, int firstColumn, int row, int group) {
    sum.merge(columns, firstColumn, row, group);
    counts[group] += ((BigIntVector) columns[firstColumn + 1]).get(row);
  }

  @Override
  Object[] state(int group) {
    return new Object[] {sum.state(group)[0], counts[group]};
  }

  @Override
  void load(int group, Object[] state) {
    sum.load(group, new Object[] {state[0]});
    counts[group] = (Long) state[1];
  }

  @Override
  void writeState(FieldVector[] out, int firstColumn, int outRow, int group) {
    sum.writeState(out, firstColumn, outRow, group);
    ((BigIntVector) out[firstColumn + 1]).setSafe(outRow, counts[group]);
  }

  @Override
  void clear() {
    sum.clear();
  }
}
