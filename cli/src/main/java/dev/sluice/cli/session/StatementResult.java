package dev.sluice.cli.session;

import static java.util.Objects.requireNonNull;

import dev.sluice.api.DataFrame;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.Schema;
import java.util.List;

/**
 * What a statement produced, for the shell to print and the golden files to record: the same result
 * is rendered as a table on a terminal and as text in a {@code .sql.out} file.
 */
public sealed interface StatementResult {

  /** A statement that changed something and has nothing to show but a line of text. */
  record Done(String message) implements StatementResult {}

  /**
   * A table of rows.
   *
   * @param ordered whether the order means something (the query sorted); otherwise renderers that
   *     need a stable text sort the rows
   */
  record Rows(Schema schema, List<Row> rows, boolean ordered) implements StatementResult {
    public Rows {
      requireNonNull(schema, "schema is null");
      rows = List.copyOf(rows);
    }
  }

  /** What a continuous query's sink received, batch by batch, in batch order. */
  record Batches(Schema schema, List<BatchRows> batches) implements StatementResult {
    public Batches {
      requireNonNull(schema, "schema is null");
      batches = List.copyOf(batches);
    }
  }

  /** The rows one micro-batch delivered. */
  record BatchRows(long batchId, List<Row> rows) {
    public BatchRows {
      rows = List.copyOf(rows);
    }
  }

  /** Text to show as it is (EXPLAIN). */
  record Text(String text) implements StatementResult {}

  /**
   * A query over a stream for the interactive shell to run and redraw live until Ctrl-C (in
   * sessions that show queries live; scripts run them until idle instead).
   */
  record Live(DataFrame query) implements StatementResult {}

  /** The statement failed; nothing it would have changed was changed. */
  record Failed(SluiceException error) implements StatementResult {}
}
