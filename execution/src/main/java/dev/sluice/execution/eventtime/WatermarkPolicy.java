package dev.sluice.execution.eventtime;

/** How a query with several watermarked inputs combines their watermarks. */
public enum WatermarkPolicy {
  /** The slowest input sets the pace: no input's on-time rows are ever dropped as late. */
  MIN,
  /** The fastest input sets the pace: results come sooner, rows of slower inputs may be late. */
  MAX
}
