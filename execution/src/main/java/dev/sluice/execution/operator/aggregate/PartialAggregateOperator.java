package dev.sluice.execution.operator.aggregate;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.batch.VectorCopy;
import dev.sluice.execution.operator.stateless.StatelessOperator;
import dev.sluice.execution.plan.AggregateCall;
import dev.sluice.execution.plan.PartialAggregateSpec;
import dev.sluice.execution.type.SqlType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * Folds each chunk's rows by key into one partial row per key (keys, then each call's partial
 * state), so the exchange moves one row per key and chunk instead of every input row. Keeps nothing
 * between chunks.
 *
 * <p>A {@link RowGrouper} numbers each chunk's keys, then each call's {@link GroupAccumulator}
 * folds the chunk's arguments into the groups, column by column. A partial row copies its key
 * values from the group's first input row, vector to vector, and writes the states after them.
 * Partial rows come out in the order their keys first appear.
 */
public final class PartialAggregateOperator extends StatelessOperator {
  private final PartialAggregateSpec spec;
  private final RowGrouper grouper;
  private final GroupAccumulator[] accumulators;

  /** The output column where each call's partial state starts. */
  private final int[] stateColumns;

  /** Each input row's group in the current chunk. */
  private int[] groupOfRow = new int[0];

  public PartialAggregateOperator(PartialAggregateSpec spec) {
    this.spec = spec;
    List<SqlType> keyTypes = new ArrayList<>();
    for (int k = 0; k < spec.groupKeys().size(); k++) {
      keyTypes.add(spec.schema().field(k).type());
    }
    this.grouper = RowGrouper.of(keyTypes);
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
      int rows = batch.rowCount();
      if (groupOfRow.length < rows) {
        groupOfRow = new int[rows];
      }
      int groupCount = grouper.group(keyColumns, rows, groupOfRow);
      for (GroupAccumulator accumulator : accumulators) {
        for (int group = 0; group < groupCount; group++) {
          accumulator.start(group);
        }
      }
      for (int c = 0; c < accumulators.length; c++) {
        int argument = spec.calls().get(c).argument();
        accumulators[c].accumulateAll(
            argument < 0 ? null : batch.vector(argument), rows, groupOfRow);
      }
      emitPartialRows(keyColumns, groupCount);
    } finally {
      for (GroupAccumulator accumulator : accumulators) {
        accumulator.clear();
      }
    }
  }

  /** Emits one row per group, in batches of at most {@code maxRowsPerBatch} rows. */
  private void emitPartialRows(FieldVector[] keyColumns, int groupCount) {
    for (int firstGroup = 0; firstGroup < groupCount; firstGroup += context.maxRowsPerBatch()) {
      int rows = Math.min(context.maxRowsPerBatch(), groupCount - firstGroup);
      List<FieldVector> vectors = Batch.allocateVectors(spec.schema(), context.allocator(), rows);
      try {
        FieldVector[] out = vectors.toArray(new FieldVector[0]);
        for (int row = 0; row < rows; row++) {
          int group = firstGroup + row;
          for (int k = 0; k < keyColumns.length; k++) {
            VectorCopy.copyValue(keyColumns[k], grouper.firstRow(group), out[k], row);
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
