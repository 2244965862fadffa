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
  AVG,
  /** {@code APPROX_COUNT_DISTINCT(x)}: distinct non-NULL values, estimated by HyperLogLog. */
  APPROX_COUNT_DISTINCT
}
