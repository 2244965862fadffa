package dev.sluice.execution.plan;

/** The aggregate functions streaming aggregation implements. */
public enum AggregateFunction {
  /** {@code COUNT(*)}: rows. */
  COUNT_STAR,
  /** {@code COUNT(x)}: rows where x is not NULL. */
  COUNT,
  SUM,
  MIN,
  MAX,
  AVG
}
