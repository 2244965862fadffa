package dev.sluice.execution.operator.window;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.batch.VectorCopy;
import dev.sluice.execution.operator.stateless.StatelessOperator;
import dev.sluice.execution.plan.WindowAssignSpec;
import dev.sluice.execution.type.ArrowTypes;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Appends {@code window_start}, {@code window_end} and {@code window_time} to each row, once per
 * window containing the row's time ({@link WindowAssigner}); rows with a NULL time are dropped.
 *
 * <p>Two paths, both over the Arrow vectors without boxing: a tumbling window over a chunk without
 * NULL times keeps every row once, so the input vectors are handed over (zero copy) and only the
 * three window columns are computed; otherwise (HOP, CUMULATE, or NULL times) rows are copied
 * vector to vector, once per window, into output batches cut at the chunk size.
 */
public final class WindowAssignOperator extends StatelessOperator {
  private final WindowAssignSpec spec;
  private final WindowAssigner assigner;
  private final long[] starts;
  private final long[] ends;
  private final int inputColumns;

  public WindowAssignOperator(WindowAssignSpec spec) {
    this.spec = spec;
    this.assigner = WindowAssigner.of(spec);
    this.starts = new long[assigner.maxWindowsPerRow()];
    this.ends = new long[assigner.maxWindowsPerRow()];
    this.inputColumns = spec.input().schema().size();
  }

  @Override
  public void onBatch(int input, Batch batch) {
    try (batch) {
      if (batch.rowCount() == 0) {
        return;
      }
      TimeStampMilliVector times = (TimeStampMilliVector) batch.vector(spec.timeColumn());
      if (spec.kind() == WindowAssignSpec.Kind.TUMBLE && times.getNullCount() == 0) {
        appendInPlace(batch, times);
      } else {
        expand(batch, times);
      }
    }
  }

  private void appendInPlace(Batch batch, TimeStampMilliVector times) {
    int rows = batch.rowCount();
    List<FieldVector> windowColumns = allocate(inputColumns, rows);
    try {
      TimeStampMilliVector windowStarts = (TimeStampMilliVector) windowColumns.get(0);
      TimeStampMilliVector windowEnds = (TimeStampMilliVector) windowColumns.get(1);
      TimeStampMilliVector windowTimes = (TimeStampMilliVector) windowColumns.get(2);
      // allocate made room for every row: no capacity check per value
      for (int row = 0; row < rows; row++) {
        assigner.assign(times.get(row), starts, ends);
        windowStarts.set(row, starts[0]);
        windowEnds.set(row, ends[0]);
        windowTimes.set(row, ends[0] - 1);
      }
    } catch (RuntimeException e) {
      windowColumns.forEach(FieldVector::close);
      throw e;
    }
    List<FieldVector> out = new ArrayList<>(spec.schema().size());
    for (int c = 0; c < inputColumns; c++) {
      TransferPair transfer =
          batch
              .vector(c)
              .getTransferPair(ArrowTypes.toArrow(spec.schema().field(c)), context.allocator());
      transfer.transfer();
      out.add((FieldVector) transfer.getTo());
    }
    out.addAll(windowColumns);
    output.emit(Batch.of(spec.schema(), out, rows));
  }

  private void expand(Batch batch, TimeStampMilliVector times) {
    int limit = context.maxRowsPerBatch();
    List<FieldVector> out = null;
    int written = 0;
    try {
      for (int row = 0; row < batch.rowCount(); row++) {
        if (times.isNull(row)) {
          continue;
        }
        int windows = assigner.assign(times.get(row), starts, ends);
        for (int w = 0; w < windows; w++) {
          if (out == null) {
            out = allocate(0, limit);
          }
          for (int c = 0; c < inputColumns; c++) {
            VectorCopy.copyValue(batch.vector(c), row, out.get(c), written);
          }
          setWindow(out.subList(inputColumns, inputColumns + 3), w, written);
          if (++written == limit) {
            output.emit(Batch.of(spec.schema(), out, written));
            out = null;
            written = 0;
          }
        }
      }
    } catch (RuntimeException e) {
      if (out != null) {
        out.forEach(FieldVector::close);
      }
      throw e;
    }
    if (out != null) {
      output.emit(Batch.of(spec.schema(), out, written));
    }
  }

  /** Writes window {@code w} of the last assignment into row {@code row} of the three columns. */
  private void setWindow(List<FieldVector> windowColumns, int w, int row) {
    ((TimeStampMilliVector) windowColumns.get(0)).setSafe(row, starts[w]);
    ((TimeStampMilliVector) windowColumns.get(1)).setSafe(row, ends[w]);
    ((TimeStampMilliVector) windowColumns.get(2)).setSafe(row, ends[w] - 1);
  }

  /** Vectors for the output columns from {@code firstColumn} on, with room for {@code rows}. */
  private List<FieldVector> allocate(int firstColumn, int rows) {
    List<FieldVector> vectors = new ArrayList<>(spec.schema().size() - firstColumn);
    for (int c = firstColumn; c < spec.schema().size(); c++) {
      FieldVector vector =
          ArrowTypes.toArrow(spec.schema().field(c)).createVector(context.allocator());
      vectors.add(vector);
      vector.setInitialCapacity(rows);
      vector.allocateNew();
    }
    return vectors;
  }
}
