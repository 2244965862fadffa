package dev.sluice.execution.operator.aggregate;

import dev.sluice.execution.operator.key.ValueCodec;
import dev.sluice.execution.plan.AggregateCall;
import dev.sluice.execution.type.SqlType;
import dev.sluice.execution.type.TypeKind;
import dev.sluice.state.encoding.BinaryReader;
import dev.sluice.state.encoding.BinaryWriter;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;

/**
 * A state that is one BIGINT, NULL until a value arrives (SUM over integers, MIN and MAX over
 * BIGINT): a long per group and whether it is set. Stores, emits and writes partial states as
 * {@link Aggregates} does for the boxed {@code {value or null}}; subclasses fold values in.
 */
abstract class NullableLongAccumulator extends GroupAccumulator {
  /** Each group's value; meaningful only where {@link #set} is true. */
  long[] values = new long[64];

  boolean[] set = new boolean[64];

  @Override
  final void start(int group) {
    values = withRoom(values, group);
    set = withRoom(set, group);
    values[group] = 0;
    set[group] = false;
  }

  @Override
  final Object[] state(int group) {
    return new Object[] {set[group] ? values[group] : null};
  }

  @Override
  final void load(int group, Object[] state) {
    set[group] = state[0] != null;
    values[group] = set[group] ? (Long) state[0] : 0;
  }

  @Override
  final void writeStored(BinaryWriter out, AggregateCall call, int group) {
    // ValueCodec.writeCompact of a BIGINT
    if (set[group]) {
      out.writeNullFlag(false).writeVarLong(values[group]);
    } else {
      ValueCodec.writeNull(out, SqlType.BIGINT);
    }
  }

  @Override
  final void readStored(BinaryReader in, AggregateCall call, int group) {
    set[group] = !in.readNullFlag();
    if (set[group]) {
      values[group] = in.readVarLong();
    } else {
      in.skip(Long.BYTES);
      values[group] = 0;
    }
  }

  @Override
  final void writeResult(FieldVector out, int row, AggregateCall call, int group) {
    if (call.resultType().kind() != TypeKind.BIGINT) {
      super.writeResult(out, row, call, group);
    } else {
      setOrNull((BigIntVector) out, row, group);
    }
  }

  @Override
  final void writeState(FieldVector[] out, int firstColumn, int outRow, int group) {
    setOrNull((BigIntVector) out[firstColumn], outRow, group);
  }

  private void setOrNull(BigIntVector out, int row, int group) {
    if (set[group]) {
      out.setSafe(row, values[group]);
    } else {
      out.setNull(row);
    }
  }
}
