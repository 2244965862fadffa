package dev.sluice.execution.operator.aggregate;

import dev.sluice.execution.batch.VectorValues;
import dev.sluice.execution.plan.AggregateCall;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.SqlType;
import java.util.Arrays;
import org.apache.arrow.vector.FieldVector;

/**
 * Any call, through {@link Aggregates} over boxed values: an {@code Object[]} state per group. Used
 * for the functions without a typed accumulator (DECIMAL sums, MIN and MAX other than over BIGINT,
 * APPROX_COUNT_DISTINCT).
 */
final class BoxedAccumulator extends GroupAccumulator {
  private final AggregateCall call;
  private final SqlType[] stateTypes;
  private Object[][] states = new Object[64][];

  BoxedAccumulator(AggregateCall call) {
    this.call = call;
    this.stateTypes = call.stateFields("").stream().map(Field::type).toArray(SqlType[]::new);
  }

  @Override
  void start(int group) {
    states = withRoom(states, group);
    states[group] = Aggregates.initial(call);
  }

  @Override
  void accumulate(FieldVector argument, int row, int group) {
    Aggregates.accumulate(
        call, states[group], VectorValues.get(argument, call.argumentType(), row));
  }

  @Override
  void merge(FieldVector[] columns, int firstColumn, int row, int group) {
    Object[] partial = new Object[stateTypes.length];
    for (int i = 0; i < partial.length; i++) {
      partial[i] = VectorValues.get(columns[firstColumn + i], stateTypes[i], row);
    }
    Aggregates.merge(call, states[group], partial);
  }

  @Override
  Object[] state(int group) {
    return states[group];
  }

  @Override
  void load(int group, Object[] state) {
    states[group] = state;
  }

  @Override
  void writeState(FieldVector[] out, int firstColumn, int outRow, int group) {
    Object[] values = Aggregates.partialValues(call, states[group]);
    for (int i = 0; i < values.length; i++) {
      VectorValues.set(out[firstColumn + i], stateTypes[i], outRow, values[i]);
    }
  }

  @Override
  void clear() {
    Arrays.fill(states, null);
  }
}
