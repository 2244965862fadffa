package dev.sluice.execution.batch;

/**
 * What a row of a changelog does to the result table. A consumer keeps an exact copy of the table
 * by adding the rows marked {@link #INSERT} or {@link #UPDATE_AFTER} and removing the rows marked
 * {@link #UPDATE_BEFORE} or {@link #DELETE}. The short strings are what the {@code op} column of a
 * changelog holds.
 */
public enum RowKind {
  /** A row new to the result. */
  INSERT("+I"),
  /** The old version of an updated row; the new version follows as {@link #UPDATE_AFTER}. */
  UPDATE_BEFORE("-U"),
  /** The new version of an updated row. */
  UPDATE_AFTER("+U"),
  /** A row that left the result. */
  DELETE("-D");

  /** The name of the column that carries each row's kind in changelog output. */
  public static final String COLUMN = "op";

  private final String shortString;

  RowKind(String shortString) {
    this.shortString = shortString;
  }

  /** {@code +I}, {@code -U}, {@code +U} or {@code -D}. */
  public String shortString() {
    return shortString;
  }
}
