package dev.sluice.execution.batch;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;

/** Row-by-row copies between vectors of the same type, for operators that pick or repeat rows. */
public final class VectorCopy {
  private VectorCopy() {}

  /**
   * Copies value {@code fromIndex} of {@code from} to {@code toIndex} of {@code to}, growing {@code
   * to} as needed. A NULL-typed column (e.g. {@code VALUES (1, NULL)}) holds nothing but its row
   * count, which {@link Batch#of} sets, so there is nothing to copy; Arrow's {@link NullVector}
   * refuses {@code copyFromSafe}.
   */
  public static void copyValue(FieldVector from, int fromIndex, FieldVector to, int toIndex) {
    if (to instanceof NullVector) {
      return;
    }
    to.copyFromSafe(fromIndex, toIndex, from);
  }
}
