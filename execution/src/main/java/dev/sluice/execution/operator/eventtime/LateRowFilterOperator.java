package dev.sluice.execution.operator.eventtime;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.batch.VectorCopy;
import dev.sluice.execution.eventtime.EventTimeStats;
import dev.sluice.execution.operator.OperatorContext;
import dev.sluice.execution.operator.Output;
import dev.sluice.execution.operator.stateless.StatelessOperator;
import dev.sluice.execution.plan.LateRowFilterSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;

/**
 * Drops rows whose window ended at or before the watermark of the aggregation it guards (that of
 * the batch {@link LateRowFilterSpec#watermarkDepth()} batches back) and counts them for progress.
 * A batch without late rows passes through untouched; otherwise the on-time rows are copied.
 */
public final class LateRowFilterOperator extends StatelessOperator {
  private final LateRowFilterSpec spec;
  private long watermark = Long.MIN_VALUE;
  private long dropped;

  public LateRowFilterOperator(LateRowFilterSpec spec) {
    this.spec = spec;
  }

  @Override
  public void open(OperatorContext context, Output output) {
    super.open(context, output);
    watermark = context.watermarkAtDepth(spec.watermarkDepth());
  }

  @Override
  public void onBatch(int input, Batch batch) {
    TimeStampVector ends = (TimeStampVector) batch.vector(spec.windowEndColumn());
    int rows = batch.rowCount();
    int late = 0;
    boolean[] isLate = new boolean[rows];
    for (int row = 0; row < rows; row++) {
      if (!ends.isNull(row) && ends.get(row) + spec.lastWindowAfterMillis() <= watermark) {
        isLate[row] = true;
        late++;
      }
    }
    if (late == 0) {
      output.emit(batch);
      return;
    }
    dropped += late;
    EventTimeStats stats = context.eventTime();
    if (stats != null && stats.keepsLateRows() && spec.routesLateRows()) {
      List<Row> lateRows = new ArrayList<>(late);
      for (int row = 0; row < rows; row++) {
        if (isLate[row]) {
          lateRows.add(batch.row(row));
        }
      }
      stats.addLateRows(lateRows);
    }
    try (batch) {
      if (late == rows) {
        return;
      }
      List<FieldVector> kept =
          Batch.allocateVectors(batch.schema(), context.allocator(), rows - late);
      int at = 0;
      for (int row = 0; row < rows; row++) {
        if (!isLate[row]) {
          for (int c = 0; c < kept.size(); c++) {
            VectorCopy.copyValue(batch.vector(c), row, kept.get(c), at);
          }
          at++;
        }
      }
      output.emit(Batch.of(batch.schema(), kept, at));
    }
  }

  @Override
  public void onEndOfInput(int input) {
    EventTimeStats stats = context.eventTime();
    if (stats != null && dropped > 0) {
      stats.countLate(spec.operatorId(), dropped);
    }
    super.onEndOfInput(input);
  }
}
