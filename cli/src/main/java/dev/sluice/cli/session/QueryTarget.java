package dev.sluice.cli.session;

/** Where a named query writes: a declared sink, or a memory stream it feeds. */
sealed interface QueryTarget permits SinkDefinition, StreamFeed {
  /** The sink's or stream's name, which the query is named after. */
  String name();

  /** How SHOW QUERIES and DESCRIBE QUERY show it: {@code out (memory)}, {@code stream s}. */
  String describe();

  /** Whether SHOW OUTPUT can show what the query wrote (a memory sink, a stream). */
  boolean keepsOutput();
}
