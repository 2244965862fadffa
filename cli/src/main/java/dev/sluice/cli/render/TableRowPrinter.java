package dev.sluice.cli.render;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.batch.TableFormatter;
import dev.sluice.execution.type.Schema;
import java.io.PrintWriter;
import java.util.List;

/** Boxed tables with a row count under each. */
final class TableRowPrinter implements RowPrinter {
  private final int maxRows;

  TableRowPrinter(int maxRows) {
    this.maxRows = maxRows;
  }

  @Override
  public void rows(PrintWriter out, Schema schema, List<Row> rows) {
    out.print(TableFormatter.format(schema, rows, maxRows, true));
    out.println(count(rows.size()));
  }

  @Override
  public void batch(PrintWriter out, Schema schema, long batchId, List<Row> rows, boolean first) {
    out.println("batch " + batchId + ":");
    rows(out, schema, rows);
  }

  private static String count(int rows) {
    return "(" + rows + (rows == 1 ? " row)" : " rows)");
  }
}
