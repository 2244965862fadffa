package dev.sluice.sources.nexmark;

import org.apache.arrow.vector.FieldVector;

/**
 * Generates the events of one kind and writes them into Arrow vectors, one row per event. An
 * implementation draws every random value of an event in a fixed order whether or not its column is
 * read, so a projection never changes the values of the columns it keeps. Not thread-safe; each
 * reader owns one.
 */
interface TableColumns {
  /**
   * Points the writer at the vectors of the next batch, indexed by column of the {@link
   * NexmarkTable#schema()}; an entry is null when the query does not read that column.
   */
  void bind(FieldVector[] columns);

  /** Generates global event {@code eventNumber}, which is of this kind, into row {@code row}. */
  void write(long eventNumber, int row);
}
