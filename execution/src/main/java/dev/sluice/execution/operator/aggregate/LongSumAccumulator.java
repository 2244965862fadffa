package dev.sluice.execution.operator.aggregate;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;

/**
 * SUM over integers: a long sum per group and whether a non-NULL value arrived (the state is NULL
 * until one does). Overflow fails as {@link Aggregates} does.
 */
final class LongSumAccumulator extends NullableLongAccumulator {
  @Override
  void accumulate(FieldVector argument, int row, int group) {
    if (!argument.isNull(row)) {
      add(group, ((BaseIntVector) argument).getValueAsLong(row));
    }
  }

  @Override
  void merge(FieldVector[] columns, int firstColumn, int row, int group) {
    BigIntVector sum = (BigIntVector) columns[firstColumn];
    if (!sum.isNull(row)) {
      add(group, sum.get(row));
    }
  }

  private void add(int group, long value) {
    try {
      values[group] = Math.addExact(values[group], value);
    } catch (ArithmeticException e) {
      throw new SluiceException(
          ErrorCode.NUMERIC_OVERFLOW, "numeric overflow in SUM: " + values[group] + " + " + value);
    }
    set[group] = true;
  }
}
