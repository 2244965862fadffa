package dev.sluice.execution.connector;

/** What a streaming query writes to its sink each micro-batch (see docs/semantics.md). */
public enum OutputMode {
  /** Only rows that will never change; each result row is written once. */
  APPEND,
  /** The rows of the result table that changed in this batch. */
  UPDATE,
  /** The whole result table, every batch. */
  COMPLETE,
  /**
   * Every change to the result table as rows marked +I, -U, +U or -D in a leading {@code op} column
   * (see {@code RowKind}), so a consumer can keep an exact copy of the result.
   */
  CHANGELOG
}
