package dev.sluice.cli.render;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.batch.TableFormatter;
import dev.sluice.execution.type.Schema;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: a header line of column names, then a line a row, values as tables print them
 * ({@code 2026-01-01 00:00:10.000}). NULL is an empty field and the empty string a quoted one, so
 * the two stay apart; a field with a comma, quote, line break or edge blank is quoted.
 */
final class CsvRowPrinter implements RowPrinter {
  @Override
  public void rows(PrintWriter out, Schema schema, List<Row> rows) {
    line(out, new ArrayList<>(schema.names()));
    for (Row row : rows) {
      line(out, values(row));
    }
  }

  @Override
  public void batch(PrintWriter out, Schema schema, long batchId, List<Row> rows, boolean first) {
    if (first) {
      List<Object> header = new ArrayList<>();
      header.add(BATCH_COLUMN);
      header.addAll(schema.names());
      line(out, header);
    }
    for (Row row : rows) {
      List<Object> values = values(row);
      values.add(0, batchId);
      line(out, values);
    }
  }

  private static List<Object> values(Row row) {
    return new ArrayList<>(row.toList());
  }

  private static void line(PrintWriter out, List<?> values) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      Object value = values.get(i);
      if (value != null) {
        line.append(field(TableFormatter.cell(value)));
      }
    }
    out.println(line);
  }

  static String field(String text) {
    boolean quote =
        text.isEmpty()
            || text.indexOf(',') >= 0
            || text.indexOf('"') >= 0
            || text.indexOf('\n') >= 0
            || text.indexOf('\r') >= 0
            || Character.isWhitespace(text.charAt(0))
            || Character.isWhitespace(text.charAt(text.length() - 1));
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }
}
