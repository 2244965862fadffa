package dev.sluice.execution.operator.aggregate;

import dev.sluice.execution.plan.AggregateCall;
import dev.sluice.execution.type.SqlType;
import dev.sluice.execution.type.TypeKind;
import dev.sluice.state.encoding.BinaryReader;
import dev.sluice.state.encoding.BinaryWriter;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;

/**
 * MIN or MAX over BIGINT: a long per group and whether a non-NULL value arrived (the state is NULL
 * until one does), stored as {@link Aggregates} stores the boxed state (a BIGINT in its compact
 * form).
 */
final class LongExtremeAccumulator extends GroupAccumulator {
  /** Keeps the largest value (MAX), else the smallest (MIN). */
  private final boolean max;

  private long[] values = new long[64];
  private boolean[] seen = new boolean[64];

  LongExtremeAccumulator(boolean max) {
    this.max = max;
  }

  @Override
  void start(int group) {
    values = withRoom(values, group);
    seen = withRoom(seen, group);
    values[group] = 0;
    seen[group] = false;
  }

  @Override
  void accumulate(FieldVector argument, int row, int group) {
    if (!argument.isNull(row)) {
      offer(group, ((BigIntVector) argument).get(row));
    }
  }

  @Override
  void accumulateAll(FieldVector argument, int rows, int[] groupOfRow) {
    BigIntVector values = (BigIntVector) argument;
    boolean nulls = values.getNullCount() > 0;
    for (int row = 0; row < rows; row++) {
      if (!nulls || !values.isNull(row)) {
        offer(groupOfRow[row], values.get(row));
      }
    }
  }

  @Override
  void merge(FieldVector[] columns, int firstColumn, int row, int group) {
    accumulate(columns[firstColumn], row, group);
  }

  private void offer(int group, long value) {
    if (!seen[group] || (max ? value > values[group] : value < values[group])) {
      values[group] = value;
      seen[group] = true;
    }
  }

  @Override
  Object[] state(int group) {
    return new Object[] {seen[group] ? values[group] : null};
  }

  @Override
  void load(int group, Object[] state) {
    seen[group] = state[0] != null;
    values[group] = seen[group] ? (Long) state[0] : 0;
  }

  @Override
  void writeStored(BinaryWriter out, AggregateCall call, int group) {
    // ValueCodec.writeCompact of a BIGINT
    if (seen[group]) {
      out.writeNullFlag(false).writeVarLong(values[group]);
    } else {
      ValueCodec.writeNull(out, SqlType.BIGINT);
    }
  }

  @Override
  void readStored(BinaryReader in, AggregateCall call, int group) {
    seen[group] = !in.readNullFlag();
    if (seen[group]) {
      values[group] = in.readVarLong();
    } else {
      in.skip(Long.BYTES);
      values[group] = 0;
    }
  }

  @Override
  void writeResult(FieldVector out, int row, AggregateCall call, int group) {
    if (call.resultType().kind() != TypeKind.BIGINT) {
      super.writeResult(out, row, call, group);
    } else if (seen[group]) {
      ((BigIntVector) out).setSafe(row, values[group]);
    } else {
      ((BigIntVector) out).setNull(row);
    }
  }

  @Override
  void writeState(FieldVector[] out, int firstColumn, int outRow, int group) {
    BigIntVector value = (BigIntVector) out[firstColumn];
    if (seen[group]) {
      value.setSafe(outRow, values[group]);
    } else {
      value.setNull(outRow);
    }
  }
}
