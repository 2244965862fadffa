package dev.sluice.cli.render;

import dev.sluice.cli.session.StatementResult;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.batch.TableFormatter;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A statement's result as plain text lines for golden files, made to diff well: one row a line,
 * values separated by {@code " | "} (as {@link TableFormatter#cell} prints them, line breaks
 * escaped), no padding, so a changed value changes one line. Rows whose order the query does not
 * define are sorted; so are the rows within each batch of a continuous query.
 */
public final class ResultText {
  static final String SEPARATOR = " | ";

  private ResultText() {}

  /** The lines of {@code result} (without the statement), each without its newline. */
  public static List<String> lines(StatementResult result) {
    List<String> lines = new ArrayList<>();
    if (result instanceof StatementResult.Done done) {
      lines.add("-- !done");
      lines.addAll(done.message().lines().toList());
    } else if (result instanceof StatementResult.Rows rows) {
      lines.add("-- !schema");
      lines.add(schema(rows.schema()));
      lines.add("-- !rows" + (rows.ordered() ? "" : " (sorted)"));
      lines.addAll(rows(rows.rows(), !rows.ordered()));
    } else if (result instanceof StatementResult.Batches batches) {
      lines.add("-- !schema");
      lines.add(schema(batches.schema()));
      lines.add("-- !batches (rows of each batch sorted)");
      for (StatementResult.BatchRows batch : batches.batches()) {
        lines.add("-- batch " + batch.batchId() + ": " + count(batch.rows().size()));
        lines.addAll(rows(batch.rows(), true));
      }
    } else if (result instanceof StatementResult.Text text) {
      lines.add("-- !text");
      lines.addAll(text.text().lines().toList());
    } else if (result instanceof StatementResult.Failed failed) {
      SluiceException error = failed.error();
      lines.add("-- !error " + error.code());
      lines.addAll(error.getMessage().lines().toList());
    } else if (result instanceof StatementResult.Live) {
      throw new IllegalArgumentException(
          "a live query has no text; scripts run queries until idle");
    }
    return lines;
  }

  /** {@code name TYPE, name TYPE NOT NULL, ...}. */
  static String schema(Schema schema) {
    return schema.fields().stream().map(Field::toString).collect(Collectors.joining(", "));
  }

  private static List<String> rows(List<Row> rows, boolean sort) {
    List<String> lines = new ArrayList<>();
    for (Row row : rows) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        cells.add(escape(TableFormatter.cell(row.get(i))));
      }
      lines.add(String.join(SEPARATOR, cells));
    }
    if (sort) {
      lines.sort(null);
    }
    return lines;
  }

  private static String escape(String cell) {
    return cell.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
  }

  private static String count(int rows) {
    return rows + (rows == 1 ? " row" : " rows");
  }
}
