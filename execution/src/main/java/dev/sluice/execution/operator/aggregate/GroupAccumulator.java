package dev.sluice.execution.operator.aggregate;

import dev.sluice.execution.batch.VectorValues;
import dev.sluice.execution.operator.key.GroupTable;
import dev.sluice.execution.plan.AggregateCall;
import dev.sluice.execution.plan.AggregateFunction;
import dev.sluice.execution.type.TypeKind;
import dev.sluice.state.encoding.BinaryReader;
import dev.sluice.state.encoding.BinaryWriter;
import java.util.Arrays;
import org.apache.arrow.vector.FieldVector;

/**
 * The state of one aggregate call for every group of a table, indexed by dense group id (see {@link
 * GroupTable}), with the operations of {@link Aggregates} reading their operands straight from
 * Arrow vectors. Implementations keep common states in primitive arrays; they must give the same
 * results, state values and errors as {@link Aggregates} in the same order of calls.
 *
 * <p>Groups are {@linkplain #start started} in id order 0, 1, 2, …; starting a group again after
 * the ids were reused resets it. Not thread-safe.
 */
abstract class GroupAccumulator {
  /**
   * The accumulator of {@code call}: typed for COUNT, for SUM and AVG over numbers, and for MIN and
   * MAX over BIGINT.
   */
  static GroupAccumulator of(AggregateCall call) {
    return switch (call.function()) {
      case COUNT_STAR -> new CountAccumulator(false);
      case COUNT -> new CountAccumulator(true);
      case SUM ->
          integral(call)
              ? new LongSumAccumulator()
              : floating(call) ? new DoubleSumAccumulator() : new BoxedAccumulator(call);
      case AVG ->
          integral(call)
              ? new AverageAccumulator(new LongSumAccumulator())
              : floating(call)
                  ? new AverageAccumulator(new DoubleSumAccumulator())
                  : new BoxedAccumulator(call);
      case MIN, MAX ->
          call.argumentType().kind() == TypeKind.BIGINT
              ? new LongExtremeAccumulator(call.function() == AggregateFunction.MAX)
              : new BoxedAccumulator(call);
      case APPROX_COUNT_DISTINCT -> new BoxedAccumulator(call);
    };
  }

  private static boolean integral(AggregateCall call) {
    return call.argumentType().kind().isIntegral();
  }

  private static boolean floating(AggregateCall call) {
    TypeKind kind = call.argumentType().kind();
    return kind == TypeKind.FLOAT || kind == TypeKind.DOUBLE;
  }

  /** Sets group {@code group} to the function's initial state, making room for it. */
  abstract void start(int group);

  /** Folds input value {@code row} of {@code argument} (ignored by COUNT(*)) into the group. */
  abstract void accumulate(FieldVector argument, int row, int group);

  /**
   * Folds input values {@code [0, rows)} of {@code argument} into the groups {@code groupOfRow}
   * gives them, in row order: {@link #accumulate} row by row, or a tighter loop in typed
   * accumulators.
   */
  void accumulateAll(FieldVector argument, int rows, int[] groupOfRow) {
    for (int row = 0; row < rows; row++) {
      accumulate(argument, row, groupOfRow[row]);
    }
  }

  /**
   * Folds the partial state in row {@code row} of {@code columns[firstColumn, firstColumn +
   * width)}, laid out as {@link AggregateCall#stateFields}, into the group.
   */
  abstract void merge(FieldVector[] columns, int firstColumn, int row, int group);

  /** The group's state as {@link Aggregates} lays it out, for encoding and for the result. */
  abstract Object[] state(int group);

  /** Replaces the started group's state by {@code state}, laid out as {@link Aggregates} does. */
  abstract void load(int group, Object[] state);

  /**
   * Writes the group's state as {@link Aggregates#write} lays it out: the bytes a state store
   * keeps. Typed accumulators write it without boxing.
   */
  void writeStored(BinaryWriter out, AggregateCall call, int group) {
    Aggregates.write(out, call, state(group));
  }

  /** Replaces the started group's state by one {@link #writeStored} wrote. */
  void readStored(BinaryReader in, AggregateCall call, int group) {
    load(group, Aggregates.read(in, call));
  }

  /**
   * Sets row {@code row} of {@code out} to the call's result for the group, as {@link
   * Aggregates#result} gives it. Typed accumulators set it without boxing.
   */
  void writeResult(FieldVector out, int row, AggregateCall call, int group) {
    VectorValues.set(out, call.resultType(), row, Aggregates.result(call, state(group)));
  }

  /** Writes the group's partial state into row {@code outRow} of the call's partial columns. */
  abstract void writeState(FieldVector[] out, int firstColumn, int outRow, int group);

  /** Releases what the groups refer to; ids start again from 0. */
  void clear() {}

  /** {@code values}, or a copy twice as long if it has no room for index {@code group}. */
  static long[] withRoom(long[] values, int group) {
    return group < values.length ? values : Arrays.copyOf(values, newLength(values.length, group));
  }

  static double[] withRoom(double[] values, int group) {
    return group < values.length ? values : Arrays.copyOf(values, newLength(values.length, group));
  }

  static boolean[] withRoom(boolean[] values, int group) {
    return group < values.length ? values : Arrays.copyOf(values, newLength(values.length, group));
  }

  static Object[][] withRoom(Object[][] values, int group) {
    return group < values.length ? values : Arrays.copyOf(values, newLength(values.length, group));
  }

  private static int newLength(int length, int group) {
    return Math.max(2 * length, group + 1);
  }
}
