package dev.sluice.execution.operator.eventtime;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.eventtime.EventTimeStats;
import dev.sluice.execution.operator.stateless.StatelessOperator;
import dev.sluice.execution.plan.WatermarkSpec;
import org.apache.arrow.vector.TimeStampVector;

/**
 * Passes its rows through unchanged and records the largest event time among them for the driver,
 * which moves the watermark at the end of the batch. Rows with a NULL event time pass through and
 * do not move it.
 */
public final class WatermarkOperator extends StatelessOperator {
  private final WatermarkSpec spec;
  private long max = Long.MIN_VALUE;

  public WatermarkOperator(WatermarkSpec spec) {
    this.spec = spec;
  }

  @Override
  public void onBatch(int input, Batch batch) {
    TimeStampVector times = (TimeStampVector) batch.vector(spec.column());
    for (int row = 0; row < batch.rowCount(); row++) {
      if (!times.isNull(row)) {
        max = Math.max(max, times.get(row));
      }
    }
    output.emit(batch);
  }

  @Override
  public void onEndOfInput(int input) {
    EventTimeStats stats = context.eventTime();
    if (stats != null && max != Long.MIN_VALUE) {
      stats.observe(spec.inputId(), max);
    }
    super.onEndOfInput(input);
  }
}
