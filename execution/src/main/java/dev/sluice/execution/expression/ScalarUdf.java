package dev.sluice.execution.expression;

/**
 * A user's scalar function as the runtime calls it: boxed arguments in, one boxed result out (null
 * for SQL NULL), using the Java classes of {@code VectorValues}. The API adapts typed lambdas to
 * this; kernels call it once per row, so it must be thread-safe and should be cheap.
 */
@FunctionalInterface
public interface ScalarUdf {
  Object apply(Object[] arguments);
}
