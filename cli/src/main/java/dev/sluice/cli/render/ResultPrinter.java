package dev.sluice.cli.render;

import dev.sluice.cli.session.StatementResult;
import dev.sluice.execution.batch.TableFormatter;
import java.io.PrintWriter;

/** Prints a statement's result on the shell's terminal: tables as Spark's {@code show} does. */
public final class ResultPrinter {
  private ResultPrinter() {}

  /**
   * Prints {@code result}; tables show at most {@code maxRows} rows. A failure or a live query is
   * the shell's to show, not this printer's.
   */
  public static void print(PrintWriter out, StatementResult result, int maxRows) {
    if (result instanceof StatementResult.Done done) {
      out.println(done.message());
    } else if (result instanceof StatementResult.Rows rows) {
      out.print(TableFormatter.format(rows.schema(), rows.rows(), maxRows, true));
      out.println(count(rows.rows().size()));
    } else if (result instanceof StatementResult.Batches batches) {
      if (batches.batches().isEmpty()) {
        out.println("(no batch delivered yet)");
      }
      for (StatementResult.BatchRows batch : batches.batches()) {
        out.println("batch " + batch.batchId() + ":");
        out.print(TableFormatter.format(batches.schema(), batch.rows(), maxRows, true));
        out.println(count(batch.rows().size()));
      }
    } else if (result instanceof StatementResult.Text text) {
      out.print(text.text().endsWith("\n") ? text.text() : text.text() + "\n");
    } else {
      throw new IllegalArgumentException("the shell shows this result itself: " + result);
    }
  }

  private static String count(int rows) {
    return "(" + rows + (rows == 1 ? " row)" : " rows)");
  }
}
