package dev.sluice.execution.batch;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.type.IntervalText;
import dev.sluice.execution.type.Schema;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Formats rows as a text table the way Spark's {@code Dataset.show} does:
 *
 * <pre>
 * +---+-----+
 * | id| name|
 * +---+-----+
 * |  1|Alice|
 * +---+-----+
 * only showing top 1 row
 * </pre>
 *
 * <p>Columns are at least 3 characters wide. With {@code truncate}, cells (and headers) longer than
 * 20 characters are cut to 17 followed by {@code ...}, and cells are right-aligned; without it
 * cells are left-aligned and never cut. Timestamps are never cut: at 23 characters they would
 * always be, losing their seconds. NULL prints as {@code NULL}, timestamps as {@code yyyy-MM-dd
 * HH:mm:ss.SSS}, times as {@code HH:mm:ss.SSS}, decimals in plain notation, binary values as hex
 * literals {@code X'0AFF'}, intervals as {@code +1 06:00:00.000} (day-time) and {@code +1-02}
 * (year-month), and arrays as {@code [a, b]}. The last line tells how many rows were shown when
 * some were left out. Widths count code points.
 */
public final class TableFormatter {
  /** The longest cell {@code truncate} keeps whole. */
  public static final int TRUNCATE_AT = 20;

  private static final int MIN_WIDTH = 3;
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);
  private static final HexFormat HEX = HexFormat.of().withUpperCase();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);

  private TableFormatter() {}

  /**
   * The table of the first {@code maxRows} of {@code rows}, each line ending in a newline.
   *
   * @param schema names the columns
   * @param rows the rows, each with one value per field of {@code schema}
   * @param maxRows how many rows to show, at least 0
   * @param truncate cut long cells and right-align, as described above
   */
  public static String format(Schema schema, List<Row> rows, int maxRows, boolean truncate) {
    requireNonNull(schema, "schema is null");
    requireNonNull(rows, "rows is null");
    if (maxRows < 0) {
      throw new IllegalArgumentException("maxRows must not be negative: " + maxRows);
    }
    int shown = Math.min(maxRows, rows.size());
    List<String[]> lines = new ArrayList<>(shown + 1);
    lines.add(schema.names().stream().map(name -> cut(name, truncate)).toArray(String[]::new));
    for (Row row : rows.subList(0, shown)) {
      String[] cells = new String[schema.size()];
      for (int i = 0; i < cells.length; i++) {
        Object value = row.get(i);
        cells[i] = value instanceof LocalDateTime ? cell(value) : cut(cell(value), truncate);
      }
      lines.add(cells);
    }

    int[] widths = new int[schema.size()];
    for (String[] line : lines) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(Math.max(widths[i], MIN_WIDTH), width(line[i]));
      }
    }
    StringBuilder separator = new StringBuilder("+");
    for (int width : widths) {
      separator.append("-".repeat(width)).append('+');
    }
    separator.append('\n');

    StringBuilder table = new StringBuilder(separator);
    for (int l = 0; l < lines.size(); l++) {
      table.append('|');
      for (int i = 0; i < widths.length; i++) {
        String cell = lines.get(l)[i];
        String padding = " ".repeat(widths[i] - width(cell));
        table.append(truncate ? padding + cell : cell + padding).append('|');
      }
      table.append('\n');
      if (l == 0) {
        table.append(separator);
      }
    }
    table.append(separator);
    if (rows.size() > maxRows) {
      table
          .append("only showing top ")
          .append(maxRows)
          .append(maxRows == 1 ? " row" : " rows")
          .append('\n');
    }
    return table.toString();
  }

  /** How one value prints in a table (and in golden files). */
  public static String cell(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof LocalDateTime timestamp) {
      return TIMESTAMP.format(timestamp);
    }
    if (value instanceof LocalTime time) {
      return TIME.format(time);
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof byte[] bytes) {
      return binary(bytes);
    }
    if (value instanceof Duration interval) {
      return IntervalText.dayTime(interval.toMillis());
    }
    if (value instanceof Period interval) {
      return IntervalText.yearMonth(interval.toTotalMonths());
    }
    if (value instanceof List<?> list) {
      return list.stream().map(TableFormatter::cell).collect(Collectors.joining(", ", "[", "]"));
    }
    return String.valueOf(value);
  }

  /**
   * VARBINARY as its SQL literal, {@code X'0AFF'}: unambiguous next to arrays, and re-enterable.
   */
  static String binary(byte[] bytes) {
    return "X'" + HEX.formatHex(bytes) + "'";
  }

  private static String cut(String text, boolean truncate) {
    if (!truncate || width(text) <= TRUNCATE_AT) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, TRUNCATE_AT - 3)) + "...";
  }

  private static int width(String text) {
    return text.codePointCount(0, text.length());
  }
}
