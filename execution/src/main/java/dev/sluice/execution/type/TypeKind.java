package dev.sluice.execution.type;

/** The SQL types Sluice supports, independent of any planner's or Arrow's type classes. */
public enum TypeKind {
  BOOLEAN,
  TINYINT,
  SMALLINT,
  INTEGER,
  BIGINT,
  FLOAT,
  DOUBLE,
  DECIMAL,
  VARCHAR,
  /** Variable-length bytes without a length limit, held as {@code byte[]}. */
  VARBINARY,
  DATE,
  TIME,
  TIMESTAMP,
  /** Day-time interval, held as milliseconds. */
  INTERVAL_DAY_TIME,
  /** Year-month interval, held as months. */
  INTERVAL_YEAR_MONTH,
  ARRAY,
  /** The type of an untyped NULL literal; never the type of a stored column. */
  NULL;

  public boolean isIntegral() {
    return this == TINYINT || this == SMALLINT || this == INTEGER || this == BIGINT;
  }

  public boolean isNumeric() {
    return isIntegral() || this == FLOAT || this == DOUBLE || this == DECIMAL;
  }
}
