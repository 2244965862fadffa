package dev.sluice.execution.error;

/**
 * Stable error codes. Tests and golden files assert the code, never the message text; the SQLSTATE
 * lets a JDBC-minded user classify the failure. Codes are never renumbered or reused.
 */
public enum ErrorCode {
  // 42xxx: the query or statement is wrong
  SYNTAX_ERROR("42000"),
  UNKNOWN_TABLE("42P01"),
  UNKNOWN_COLUMN("42703"),
  UNKNOWN_FUNCTION("42883"),
  TYPE_MISMATCH("42804"),
  AMBIGUOUS_COLUMN("42702"),
  DUPLICATE_OBJECT("42710"),
  UNSUPPORTED_STREAMING_OPERATION("0A000"),
  UNSUPPORTED_FEATURE("0A001"),
  UNSUPPORTED_OUTPUT_MODE("0A002"),
  // 22xxx: a value is wrong
  INVALID_CAST("22018"),
  NUMERIC_OVERFLOW("22003"),
  DIVISION_BY_ZERO("22012"),
  INVALID_ARGUMENT("22023"),
  // connectors and options
  UNKNOWN_CONNECTOR("42P02"),
  UNKNOWN_OPTION("42P03"),
  INVALID_OPTION("42P04"),
  MISSING_OPTION("42P05"),
  // running queries and checkpoints
  QUERY_FAILED("XX001"),
  CHECKPOINT_CORRUPT("XX002"),
  CHECKPOINT_INCOMPATIBLE("XX003"),
  QUERY_ALREADY_ACTIVE("55006"),
  // the machine: a file that cannot be read or written
  IO_ERROR("58030"),
  INTERNAL_ERROR("XX000");

  private final String sqlState;

  ErrorCode(String sqlState) {
    this.sqlState = sqlState;
  }

  public String sqlState() {
    return sqlState;
  }
}
