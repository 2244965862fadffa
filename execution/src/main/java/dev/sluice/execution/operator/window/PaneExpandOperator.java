package dev.sluice.execution.operator.window;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.batch.VectorCopy;
import dev.sluice.execution.operator.stateless.StatelessOperator;
import dev.sluice.execution.plan.PaneExpandSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMilliVector;

/**
 * Copies each partial row of a HOP pane once per window containing the pane (see {@link
 * PaneExpandSpec}), vector to vector, into batches of at most the chunk size.
 */
public final class PaneExpandOperator extends StatelessOperator {
  private final PaneExpandSpec spec;
  private long watermark;

  public PaneExpandOperator(PaneExpandSpec spec) {
    this.spec = spec;
  }

  @Override
  public void open(
      dev.sluice.execution.operator.OperatorContext context,
      dev.sluice.execution.operator.Output output) {
    super.open(context, output);
    watermark = context.watermarkAtDepth(spec.watermarkDepth());
  }

  @Override
  public void onBatch(int input, Batch batch) {
    try (batch) {
      TimeStampMilliVector paneEnds = (TimeStampMilliVector) batch.vector(spec.endColumn());
      int windowsPerPane = (int) (spec.sizeMillis() / spec.slideMillis());
      List<FieldVector> out = null;
      int rows = 0;
      for (int row = 0; row < batch.rowCount(); row++) {
        long paneEnd = paneEnds.get(row);
        for (int w = 0; w < windowsPerPane; w++) {
          long windowEnd = paneEnd + w * spec.slideMillis();
          if (windowEnd <= watermark) {
            continue; // that window closed before this batch; its panes are final
          }
          if (out == null) {
            out = newVectors(batch);
          }
          for (int c = 0; c < out.size(); c++) {
            VectorCopy.copyValue(batch.vector(c), row, out.get(c), rows);
          }
          ((TimeStampMilliVector) out.get(spec.startColumn()))
              .setSafe(rows, windowEnd - spec.sizeMillis());
          ((TimeStampMilliVector) out.get(spec.endColumn())).setSafe(rows, windowEnd);
          if (++rows == context.maxRowsPerBatch()) {
            output.emit(Batch.of(batch.schema(), out, rows));
            out = null;
            rows = 0;
          }
        }
      }
      if (out != null) {
        output.emit(Batch.of(batch.schema(), out, rows));
      }
    }
  }

  private List<FieldVector> newVectors(Batch batch) {
    return new ArrayList<>(
        Batch.allocateVectors(
            batch.schema(), context.allocator(), Math.min(context.maxRowsPerBatch(), 1024)));
  }
}
