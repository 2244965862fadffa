package dev.sluice.execution.plan;

/** Which rows a join returns besides the matching pairs. */
public enum JoinKind {
  /** Only the matching pairs. */
  INNER,
  /** Also each input row that matches nothing, with NULLs for the other side's columns. */
  LEFT
}
