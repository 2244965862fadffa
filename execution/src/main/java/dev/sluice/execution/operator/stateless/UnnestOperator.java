package dev.sluice.execution.operator.stateless;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.batch.VectorCopy;
import dev.sluice.execution.plan.UnnestSpec;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.ListVector;

/**
 * Expands the array column of each row into one row per element, copying the other columns with
 * typed vector copies (no boxing). Output batches are cut at the chunk size, so one row with a huge
 * array still yields bounded batches.
 */
public final class UnnestOperator extends StatelessOperator {
  private final UnnestSpec spec;

  public UnnestOperator(UnnestSpec spec) {
    this.spec = spec;
  }

  @Override
  public void onBatch(int input, Batch batch) {
    try (batch) {
      ListVector arrays = (ListVector) batch.vector(spec.arrayColumn());
      FieldVector elements = arrays.getDataVector();
      int columns = batch.columnCount();
      int limit = context.maxRowsPerBatch();
      List<FieldVector> out = null;
      int written = 0;
      try {
        for (int row = 0; row < batch.rowCount(); row++) {
          if (arrays.isNull(row)) {
            continue;
          }
          int end = arrays.getElementEndIndex(row);
          for (int e = arrays.getElementStartIndex(row); e < end; e++) {
            if (out == null) {
              out = allocate(limit);
            }
            for (int c = 0; c < columns; c++) {
              VectorCopy.copyValue(batch.vector(c), row, out.get(c), written);
            }
            VectorCopy.copyValue(elements, e, out.get(columns), written);
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
  }

  private List<FieldVector> allocate(int capacity) {
    return Batch.allocateVectors(spec.schema(), context.allocator(), capacity);
  }
}
