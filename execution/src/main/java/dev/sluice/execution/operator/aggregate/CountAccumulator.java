package dev.sluice.execution.operator.aggregate;

import dev.sluice.execution.plan.AggregateCall;
import dev.sluice.execution.type.TypeKind;
import dev.sluice.state.encoding.BinaryReader;
import dev.sluice.state.encoding.BinaryWriter;
import dev.sluice.state.encoding.EncodingException;
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
  void accumulateAll(FieldVector argument, int rows, int[] groupOfRow) {
    if (skipNulls && argument.getNullCount() > 0) {
      super.accumulateAll(argument, rows, groupOfRow);
      return;
    }
    long[] counts = this.counts;
    for (int row = 0; row < rows; row++) {
      counts[groupOfRow[row]]++;
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
  void writeStored(BinaryWriter out, AggregateCall call, int group) {
    out.writeNullFlag(false).writeVarLong(counts[group]); // ValueCodec.writeCompact of a BIGINT
  }

  @Override
  void readStored(BinaryReader in, AggregateCall call, int group) {
    if (in.readNullFlag()) {
      throw new EncodingException("a stored count is NULL at byte " + in.position());
    }
    counts[group] = in.readVarLong();
  }

  @Override
  void writeResult(FieldVector out, int row, AggregateCall call, int group) {
    if (call.resultType().kind() == TypeKind.BIGINT) {
      ((BigIntVector) out).setSafe(row, counts[group]);
    } else {
      super.writeResult(out, row, call, group);
    }
  }

  @Override
  void writeState(FieldVector[] out, int firstColumn, int outRow, int group) {
    ((BigIntVector) out[firstColumn]).setSafe(outRow, counts[group]);
  }
}
