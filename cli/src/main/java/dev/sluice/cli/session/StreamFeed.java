package dev.sluice.cli.session;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.memory.MemoryStream;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code INSERT INTO memory_stream SELECT ... FROM another_stream} writes: each batch's rows
 * are added to the memory stream once. A batch delivered again (replayed after a failure between
 * the write and the commit) is not added twice: the feed remembers the last batch it added, for the
 * session's life.
 */
final class StreamFeed implements QueryTarget {
  private final String name;
  private final MemoryStream stream;
  private long lastBatchAdded = -1;

  StreamFeed(String name, MemoryStream stream) {
    this.name = requireNonNull(name, "name is null");
    this.stream = requireNonNull(stream, "stream is null");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String describe() {
    return "stream " + name;
  }

  @Override
  public boolean keepsOutput() {
    return true;
  }

  /**
   * Adds batch {@code batchId}'s rows, unless it was added already.
   *
   * @throws SluiceException INVALID_ARGUMENT if a row has NULL in a column the stream declares NOT
   *     NULL (the query fails; nothing of the batch is added)
   */
  synchronized void add(long batchId, List<Row> rows) {
    if (batchId <= lastBatchAdded) {
      return;
    }
    for (Row row : rows) {
      Optional<String> column = CatalogStatements.nullInNotNullColumn(row, stream.schema());
      if (column.isPresent()) {
        throw new SluiceException(
            ErrorCode.INVALID_ARGUMENT,
            "batch "
                + batchId
                + " has a row with NULL in column '"
                + column.get()
                + "', which stream "
                + name
                + " declares NOT NULL: "
                + row);
      }
    }
    stream.addData(rows);
    lastBatchAdded = batchId;
  }
}
