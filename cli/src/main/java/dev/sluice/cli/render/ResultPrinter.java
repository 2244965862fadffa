package dev.sluice.cli.render;

import static java.util.Objects.requireNonNull;

import dev.sluice.cli.session.StatementResult;
import java.io.PrintWriter;

/**
 * Prints a statement's result in the shell: rows in the chosen {@link OutputFormat} to {@code
 * data}, messages ({@code created stream s}) to {@code messages}. On a terminal showing tables the
 * two are the same; with CSV or JSON, messages go to standard error so standard output holds rows
 * alone.
 */
public final class ResultPrinter {
  private final RowPrinter rows;
  private final PrintWriter data;
  private final PrintWriter messages;

  public ResultPrinter(RowPrinter rows, PrintWriter data, PrintWriter messages) {
    this.rows = requireNonNull(rows, "rows is null");
    this.data = requireNonNull(data, "data is null");
    this.messages = requireNonNull(messages, "messages is null");
  }

  /**
   * Prints {@code result}. A failure or a live query is the shell's to show, not this printer's.
   */
  public void print(StatementResult result) {
    if (result instanceof StatementResult.Done done) {
      messages.println(done.message());
    } else if (result instanceof StatementResult.Rows table) {
      rows.rows(data, table.schema(), table.rows());
    } else if (result instanceof StatementResult.Batches batches) {
      if (batches.batches().isEmpty()) {
        messages.println("(no batch delivered yet)");
      }
      boolean first = true;
      for (StatementResult.BatchRows batch : batches.batches()) {
        rows.batch(data, batches.schema(), batch.batchId(), batch.rows(), first);
        first = false;
      }
    } else if (result instanceof StatementResult.Text text) {
      data.print(text.text().endsWith("\n") ? text.text() : text.text() + "\n");
    } else {
      throw new IllegalArgumentException("the shell shows this result itself: " + result);
    }
    data.flush();
    messages.flush();
  }
}
