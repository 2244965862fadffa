package dev.sluice.execution.expression;

/**
 * The built-in scalar functions the runtime implements. The planner maps its operators onto these;
 * the expression compiler generates code for each. Operand conventions are noted where they are not
 * the obvious ones.
 */
public enum Function {
  // arithmetic; operands may differ in type, the result type decides the arithmetic
  PLUS,
  MINUS,
  TIMES,
  DIVIDE,
  MOD,
  NEGATE,
  ABS,
  // comparison; operands are brought to a common type first
  EQUALS,
  NOT_EQUALS,
  LESS_THAN,
  LESS_THAN_OR_EQUAL,
  GREATER_THAN,
  GREATER_THAN_OR_EQUAL,
  IS_DISTINCT_FROM,
  IS_NOT_DISTINCT_FROM,
  // boolean logic with SQL's three-valued NULL
  AND,
  OR,
  NOT,
  IS_NULL,
  IS_NOT_NULL,
  IS_TRUE,
  IS_NOT_TRUE,
  IS_FALSE,
  IS_NOT_FALSE,
  // conditionals
  /** {@code CASE(when1, then1, ..., whenN, thenN, else)}. */
  CASE,
  COALESCE,
  CAST,
  // strings
  UPPER,
  LOWER,
  /** {@code SUBSTRING(s, from)} or {@code SUBSTRING(s, from, length)}, 1-based. */
  SUBSTRING,
  /** {@code TRIM(mode symbol BOTH|LEADING|TRAILING, characters, s)}. */
  TRIM,
  CHAR_LENGTH,
  /** {@code POSITION(needle, haystack)}, 1-based, 0 when absent. */
  POSITION,
  CONCAT,
  /** {@code LIKE(s, pattern)} or {@code LIKE(s, pattern, escape)}. */
  LIKE,
  REPLACE,
  /** {@code SPLIT(s, delimiter)}: an ARRAY of the pieces. */
  SPLIT,
  // binary
  /** The number of bytes of a VARBINARY. */
  OCTET_LENGTH,
  // date and time
  /** {@code EXTRACT(unit symbol, value)}. */
  EXTRACT,
  /** {@code FLOOR(value, unit symbol)} for dates, times and timestamps. */
  FLOOR_TO_UNIT,
  /** {@code CEIL(value, unit symbol)} for dates, times and timestamps. */
  CEIL_TO_UNIT,
  /** Datetime plus interval, in either operand order. */
  DATETIME_PLUS,
  /** Datetime minus interval. */
  DATETIME_MINUS,
  /** {@code datetime - datetime} as an interval of the result type. */
  DATETIME_DIFF,
  // arrays
  /** {@code ITEM(array, index)}, 1-based, NULL when out of range. */
  ITEM,
  CARDINALITY,
  // user functions
  UDF
}
