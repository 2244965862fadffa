package dev.sluice.execution.expression.codegen;

import org.apache.arrow.vector.FieldVector;

/**
 * A compiled filter-and-project over one chunk: for every input row that passes the condition (if
 * any), evaluates the projections and appends them to the output vectors.
 *
 * <p>Kernels are generated Java compiled by Janino, one class per distinct calc (see {@link
 * ExpressionCompiler}). They hold no per-chunk state and may be shared across threads.
 */
public interface CalcKernel {
  /**
   * @param in the input vectors, in schema order
   * @param rowCount rows in the input
   * @param out output vectors, one per projection, each allocated for at least {@code rowCount}
   *     values; the caller sets their value count to the returned count
   * @return the number of rows written to {@code out}
   */
  int evaluate(FieldVector[] in, int rowCount, FieldVector[] out);
}
