package dev.sluice.planner.catalog;

/** What a catalog name refers to. */
public enum TableKind {
  /** Unbounded and growing; queries over it are continuous. */
  STREAM,
  /** Bounded and complete; queries over only tables run once as batch queries. */
  TABLE,
  /** A named query (a DataFrame's temp view); streaming if it reads a stream. */
  VIEW
}
