package dev.sluice.cli.render;

/** How the shell prints rows: {@code --output table|csv|json}. */
public enum OutputFormat {
  /** Boxed tables for people, as Spark's {@code show} prints them. */
  TABLE,
  /** RFC 4180 CSV with a header line; NULL is an empty field, the empty string {@code ""}. */
  CSV,
  /** JSON lines: one object a row, keyed by column name. */
  JSON;

  /** The printer of this format; tables show at most {@code maxRows} rows. */
  public RowPrinter printer(int maxRows) {
    return switch (this) {
      case TABLE -> new TableRowPrinter(maxRows);
      case CSV -> new CsvRowPrinter();
      case JSON -> new JsonRowPrinter();
    };
  }
}
