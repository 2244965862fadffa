package dev.sluice.execution.operator.aggregate;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.batch.VectorCopy;
import dev.sluice.execution.operator.stateless.StatelessOperator;
import dev.sluice.execution.plan.AggregateCall;
import dev.sluice.execution.plan.PartialAggregateSpec;
import dev.sluice.execution.type.SqlType;
import dev.sluice.state.encoding.BinaryWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * Folds each chunk's rows by key into one partial row per key (keys, then each call's partial
 * state), so the exchange moves one row per key and chunk instead of every input row. Keeps nothing
 * between chunks.
 *
 * <p>Rows are grouped by their encoded key bytes ({@link KeyEncoder}, {@link GroupTable}), so keys
 * equal as SQL values (also VARBINARY keys, which are distinct arrays) fold together. Each call's
 * state lives in a {@link GroupAccumulator}; a partial row copies its key values from the group's
 * first input row, vector to vector, and writes the states after them. Partial rows come out in the
 * order their keys first appear.
 */
public final class PartialAggregateOperator extends StatelessOperator {
  private final PartialAggregateSpec spec;
  private final KeyEncoder keyEncoder;
  private final GroupTable groups = new GroupTable();
  private final GroupAccumulator[] accumulators;

  /** The output column where each call's partial state starts. */
  private final int[] stateColumns;

  /** The input row where each group of the current chunk first appeared, by group id. */
  private int[] firstRows = new int[64];

  public PartialAggregateOperator(PartialAggregateSpec spec) {
    this.spec = spec;
    List<SqlType> keyTypes = new ArrayList<>();
    for (int k = 0; k < spec.groupKeys().size(); k++) {
      keyTypes.add(spec.schema().field(k).type());
    }
    this.keyEncoder = new KeyEncoder(keyTypes);
    List<AggregateCall> calls = spec.calls();
    accumulators = calls.stream().map(GroupAccumulator::of).toArray(GroupAccumulator[]::new);
    stateColumns = new int[calls.size()];
    int column = keyTypes.size();
    for (int c = 0; c < calls.size(); c++) {
      stateColumns[c] = column;
      column += Aggregates.stateWidth(calls.get(c));
    }
  }

  @Override
  public void onBatch(int input, Batch batch) {
    try (batch) {
      FieldVector[] keyColumns =
          spec.groupKeys().stream().map(batch::vector).toArray(FieldVector[]::new);
      FieldVector[] arguments = new FieldVector[accumulators.length];
      for (int c = 0; c < arguments.length; c++) {
        int argument = spec.calls().get(c).argument();
        arguments[c] = argument < 0 ? null : batch.vector(argument);
      }
      for (int row = 0; row < batch.rowCount(); row++) {
        BinaryWriter key = keyEncoder.encode(keyColumns, row);
        int known = groups.size();
        int group = groups.findOrInsert(key.buffer(), key.size());
        if (group == known) {
          startGroup(group, row);
        }
        for (int c = 0; c < accumulators.length; c++) {
          accumulators[c].accumulate(arguments[c], row, group);
        }
      }
      emitPartialRows(keyColumns);
    } finally {
      groups.clear();
      for (GroupAccumulator accumulator : accumulators) {
        accumulator.clear();
      }
    }
  }

  private void startGroup(int group, int row) {
    if (group == firstRows.length) {
      firstRows = Arrays.copyOf(firstRows, 2 * group);
    }
    firstRows[group] = row;
    for (GroupAccumulator accumulator : accumulators) {
      accumulator.start(group);
    }
  }

  /** Emits one row per group, in batches of at most {@code maxRowsPerBatch} rows. */
  private void emitPartialRows(FieldVector[] keyColumns) {
    int groupCount = groups.size();
    for (int firstGroup = 0; firstGroup < groupCount; firstGroup += context.maxRowsPerBatch()) {
      int rows = Math.min(context.maxRowsPerBatch(), groupCount - firstGroup);
      List<FieldVector> vectors = Batch.newVectors(spec.schema(), context.allocator());
      try {
        FieldVector[] out = vectors.toArray(new FieldVector[0]);
        for (FieldVector vector : out) {
          vector.setInitialCapacity(rows);
          vector.allocateNew();
        }
        for (int row = 0; row < rows; row++) {
          int group = firstGroup + row;
          for (int k = 0; k < keyColumns.length; k++) {
            VectorCopy.copyValue(keyColumns[k], firstRows[group], out[k], row);
          }
          for (int c = 0; c < accumulators.length; c++) {
            accumulators[c].writeState(out, stateColumns[c], row, group);
          }
        }
      } catch (RuntimeException e) {
        vectors.forEach(FieldVector::close);
        throw e;
      }
      output.emit(Batch.of(spec.schema(), vectors, rows));
    }
  }
}
