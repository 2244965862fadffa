package dev.sluice.execution.connector;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.batch.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link RowCollectingWriter} hands its sink: the rows one partition wrote in one batch.
 *
 * @param rows the rows, in the order written
 */
public record CollectedRows(List<Row> rows) implements WriterCommitMessage {
  public CollectedRows {
    rows = List.copyOf(requireNonNull(rows, "rows is null"));
  }

  /**
   * The rows of all partitions, in partition order (the order of {@code messages}).
   *
   * @throws IllegalArgumentException if a message did not come from a {@link RowCollectingWriter}
   */
  public static List<Row> concat(List<WriterCommitMessage> messages) {
    List<Row> rows = new ArrayList<>();
    for (WriterCommitMessage message : messages) {
      if (!(message instanceof CollectedRows collected)) {
        throw new IllegalArgumentException(
            "expected the message of a RowCollectingWriter but got " + message);
      }
      rows.addAll(collected.rows());
    }
    return rows;
  }
}
