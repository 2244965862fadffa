package dev.sluice.execution.expression.codegen;

import org.apache.arrow.vector.FieldVector;

/**
 * Runs the fast (decimal-narrowed) kernel and, if it fails on a chunk for any reason, clears the
 * outputs and runs the exact kernel on that chunk; the exact kernel's result or error is the
 * answer. User functions of a re-run chunk are therefore called twice for its rows.
 */
final class SpeculativeKernel implements CalcKernel {
  private final CalcKernel fast;
  private final CalcKernel exact;

  SpeculativeKernel(CalcKernel fast, CalcKernel exact) {
    this.fast = fast;
    this.exact = exact;
  }

  @Override
  public int evaluate(FieldVector[] in, int rowCount, FieldVector[] out) {
    try {
      return fast.evaluate(in, rowCount, out);
    } catch (RuntimeException notCompact) {
      for (FieldVector vector : out) {
        vector.reset();
      }
      return exact.evaluate(in, rowCount, out);
    }
  }
}
