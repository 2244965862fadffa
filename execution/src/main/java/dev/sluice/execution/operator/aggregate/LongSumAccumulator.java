package dev.sluice.execution.operator.aggregate;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.plan.AggregateCall;
import dev.sluice.execution.type.SqlType;
import dev.sluice.execution.type.TypeKind;
import dev.sluice.state.encoding.BinaryReader;
import dev.sluice.state.encoding.BinaryWriter;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;

/**
 * SUM over integers: a long sum per group and whether a non-NULL value arrived (the state is NULL
 * until one does). Overflow fails as {@link Aggregates} does.
 */
final class LongSumAccumulator extends GroupAccumulator {
  private long[] sums = new long[64];
  private boolean[] seen = new boolean[64];

  @Override
  void start(int group) {
    sums = withRoom(sums, group);
    seen = withRoom(seen, group);
    sums[group] = 0;
    seen[group] = false;
  }

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
      sums[group] = Math.addExact(sums[group], value);
    } catch (ArithmeticException e) {
      throw new SluiceException(
          ErrorCode.NUMERIC_OVERFLOW, "numeric overflow in SUM: " + sums[group] + " + " + value);
    }
    seen[group] = true;
  }

  @Override
  Object[] state(int group) {
    return new Object[] {sum(group)};
  }

  /** The boxed sum, NULL if no value arrived. */
  private Long sum(int group) {
    return seen[group] ? sums[group] : null;
  }

  @Override
  void load(int group, Object[] state) {
    seen[group] = state[0] != null;
    sums[group] = seen[group] ? (Long) state[0] : 0;
  }

  @Override
  void writeStored(BinaryWriter out, AggregateCall call, int group) {
    // ValueCodec.writeCompact of a BIGINT
    if (seen[group]) {
      out.writeNullFlag(false).writeVarLong(sums[group]);
    } else {
      ValueCodec.writeNull(out, SqlType.BIGINT);
    }
  }

  @Override
  void readStored(BinaryReader in, AggregateCall call, int group) {
    seen[group] = !in.readNullFlag();
    if (seen[group]) {
      sums[group] = in.readVarLong();
    } else {
      in.skip(Long.BYTES);
      sums[group] = 0;
    }
  }

  @Override
  void writeResult(FieldVector out, int row, AggregateCall call, int group) {
    if (call.resultType().kind() != TypeKind.BIGINT) {
      super.writeResult(out, row, call, group);
    } else if (seen[group]) {
      ((BigIntVector) out).setSafe(row, sums[group]);
    } else {
      ((BigIntVector) out).setNull(row);
    }
  }

  @Override
  void writeState(FieldVector[] out, int firstColumn, int outRow, int group) {
    BigIntVector sum = (BigIntVector) out[firstColumn];
    if (seen[group]) {
      sum.setSafe(outRow, sums[group]);
    } else {
      sum.setNull(outRow);
    }
  }
}
