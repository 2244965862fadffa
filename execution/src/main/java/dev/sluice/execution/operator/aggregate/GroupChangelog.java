package dev.sluice.execution.operator.aggregate;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.batch.BatchBuilder;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.batch.RowKind;
import dev.sluice.execution.batch.VectorValues;
import dev.sluice.execution.expression.Expression;
import dev.sluice.execution.expression.codegen.CalcKernel;
import dev.sluice.execution.expression.codegen.ExpressionCompiler;
import dev.sluice.execution.operator.OperatorContext;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Turns the groups an aggregation changed in one batch into changelog rows: for each group its
 * result row before the batch (none for a new group) and after it, filtered by the HAVING condition
 * if there is one.
 *
 * <pre>
 *   before      after       emitted
 *   none        passes      +I after
 *   passes      passes      -U before, +U after   (nothing if the rows are equal)
 *   passes      fails       -D before
 *   fails/none  fails       nothing
 *   fails       passes      +I after
 * </pre>
 *
 * Each emitted row is the result row followed by its kind's short string.
 */
final class GroupChangelog {
  private final Schema resultSchema;
  private final CalcKernel having;
  private final OperatorContext context;
  private final List<Row> before = new ArrayList<>();
  private final List<Row> after = new ArrayList<>();

  GroupChangelog(Schema resultSchema, Expression having, OperatorContext context) {
    this.resultSchema = resultSchema;
    this.context = context;
    this.having =
        having == null
            ? null
            : ExpressionCompiler.compile(
                resultSchema, null, List.of(having), context.functions().scalars());
  }

  /** Records one changed group; {@code oldRow} is null for a group new in this batch. */
  void add(Row oldRow, Row newRow) {
    before.add(oldRow);
    after.add(newRow);
  }

  /** The changelog rows of the groups added since the last call, in the order added. */
  List<Row> drain() {
    boolean[] beforePasses = passes(before);
    boolean[] afterPasses = passes(after);
    List<Row> changes = new ArrayList<>();
    for (int i = 0; i < after.size(); i++) {
      Row oldRow = before.get(i);
      Row newRow = after.get(i);
      boolean oldIn = oldRow != null && beforePasses[i];
      boolean newIn = afterPasses[i];
      if (oldIn && newIn) {
        if (!oldRow.equals(newRow)) {
          changes.add(withKind(oldRow, RowKind.UPDATE_BEFORE));
          changes.add(withKind(newRow, RowKind.UPDATE_AFTER));
        }
      } else if (oldIn) {
        changes.add(withKind(oldRow, RowKind.DELETE));
      } else if (newIn) {
        changes.add(withKind(newRow, RowKind.INSERT));
      }
    }
    before.clear();
    after.clear();
    return changes;
  }

  private static Row withKind(Row row, RowKind kind) {
    Object[] values = new Object[row.size() + 1];
    for (int i = 0; i < row.size(); i++) {
      values[i] = row.get(i);
    }
    values[row.size()] = kind.shortString();
    return Row.of(values);
  }

  /** Whether each row passes HAVING (a NULL result fails); null rows fail. */
  private boolean[] passes(List<Row> rows) {
    boolean[] result = new boolean[rows.size()];
    if (having == null) {
      for (int i = 0; i < result.length; i++) {
        result[i] = rows.get(i) != null;
      }
      return result;
    }
    List<Integer> positions = new ArrayList<>();
    try (BatchBuilder builder =
        new BatchBuilder(resultSchema, context.allocator(), context.maxRowsPerBatch())) {
      for (int i = 0; i < rows.size(); i++) {
        if (rows.get(i) != null) {
          builder.add(rows.get(i));
          positions.add(i);
        }
      }
      List<Batch> batches = builder.build();
      try {
        int next = 0;
        for (Batch batch : batches) {
          try (BitVector out = new BitVector("having", context.allocator())) {
            out.allocateNew(batch.rowCount());
            having.evaluate(batch.vectorArray(), batch.rowCount(), new FieldVector[] {out});
            out.setValueCount(batch.rowCount());
            for (int r = 0; r < batch.rowCount(); r++) {
              result[positions.get(next++)] =
                  Boolean.TRUE.equals(VectorValues.get(out, SqlType.BOOLEAN, r));
            }
          }
        }
      } finally {
        batches.forEach(Batch::close);
      }
    }
    return result;
  }
}
