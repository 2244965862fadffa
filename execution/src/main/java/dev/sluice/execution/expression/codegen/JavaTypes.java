package dev.sluice.execution.expression.codegen;

import dev.sluice.execution.type.SqlType;

/** How generated code holds, reads and writes a value of each SQL type. */
final class JavaTypes {
  private JavaTypes() {}

  /** The Java type of a value inside a kernel. */
  static String javaType(SqlType type) {
    return switch (type.kind()) {
      case BOOLEAN, NULL -> "boolean";
      case TINYINT -> "byte";
      case SMALLINT -> "short";
      case INTEGER, DATE, TIME, INTERVAL_YEAR_MONTH -> "int";
      case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME -> "long";
      case FLOAT -> "float";
      case DOUBLE -> "double";
      case DECIMAL -> type.isCompactDecimal() ? "long" : "java.math.BigDecimal";
      case VARCHAR -> "String";
      case VARBINARY -> "byte[]";
      case ARRAY -> "java.util.List";
    };
  }

  static String defaultValue(SqlType type) {
    return switch (javaType(type)) {
      case "boolean" -> "false";
      case "byte" -> "(byte) 0";
      case "short" -> "(short) 0";
      case "int" -> "0";
      case "long" -> "0L";
      case "float" -> "0f";
      case "double" -> "0d";
      // A typed null in parentheses, since a constant NULL is also an operand: `null.length()`
      // does not compile, and calls overloaded on byte[] (Arrays.equals, setSafe) would be
      // ambiguous.
      default -> "((" + javaType(type) + ") null)";
    };
  }

  /** The Arrow vector class generated code casts a column to. */
  static String vectorClass(SqlType type) {
    String simple =
        switch (type.kind()) {
          case BOOLEAN -> "BitVector";
          case TINYINT -> "TinyIntVector";
          case SMALLINT -> "SmallIntVector";
          case INTEGER -> "IntVector";
          case BIGINT -> "BigIntVector";
          case FLOAT -> "Float4Vector";
          case DOUBLE -> "Float8Vector";
          case DECIMAL -> "DecimalVector";
          case VARCHAR -> "VarCharVector";
          case VARBINARY -> "VarBinaryVector";
          case DATE -> "DateDayVector";
          case TIME -> "TimeMilliVector";
          case TIMESTAMP -> "TimeStampMilliVector";
          case INTERVAL_DAY_TIME -> "DurationVector";
          case INTERVAL_YEAR_MONTH -> "IntervalYearVector";
          case ARRAY -> "complex.ListVector";
          case NULL -> "NullVector";
        };
    return "org.apache.arrow.vector." + simple;
  }

  /** An expression reading row {@code row} of vector variable {@code v} (known not null). */
  static String read(SqlType type, String v, String row, String typeRef) {
    return switch (type.kind()) {
      case BOOLEAN -> "(" + v + ".get(" + row + ") == 1)";
      case TINYINT,
          SMALLINT,
          INTEGER,
          BIGINT,
          FLOAT,
          DOUBLE,
          DATE,
          TIME,
          TIMESTAMP,
          INTERVAL_YEAR_MONTH ->
          v + ".get(" + row + ")";
      case INTERVAL_DAY_TIME -> v + ".getDataBuffer().getLong((long) " + row + " * 8L)";
      // The low eight bytes of a little-endian 128-bit decimal are the unscaled long whenever
      // the precision is at most 18 digits.
      case DECIMAL ->
          type.isCompactDecimal()
              ? v + ".getDataBuffer().getLong((long) " + row + " * 16L)"
              : v + ".getObject(" + row + ")";
      case VARCHAR -> RUNTIME + "Values.readString(" + v + ", " + row + ")";
      case VARBINARY -> v + ".get(" + row + ")";
      case ARRAY -> RUNTIME + "Values.readList(" + v + ", " + typeRef + ", " + row + ")";
      case NULL -> "false";
    };
  }

  /** A statement writing {@code value} at {@code row} of vector variable {@code v}. */
  static String write(SqlType type, String v, String row, String value, String typeRef) {
    return switch (type.kind()) {
      case BOOLEAN -> v + ".set(" + row + ", " + value + " ? 1 : 0);";
      case TINYINT,
          SMALLINT,
          INTEGER,
          BIGINT,
          FLOAT,
          DOUBLE,
          DATE,
          TIME,
          TIMESTAMP,
          INTERVAL_DAY_TIME,
          INTERVAL_YEAR_MONTH ->
          v + ".set(" + row + ", " + value + ");";
      case DECIMAL ->
          type.isCompactDecimal()
              ? v + ".set(" + row + ", " + value + ");"
              : v + ".setSafe(" + row + ", " + value + ");";
      case VARCHAR ->
          v
              + ".setSafe("
              + row
              + ", "
              + value
              + ".getBytes(java.nio.charset.StandardCharsets.UTF_8));";
      case VARBINARY -> v + ".setSafe(" + row + ", " + value + ");";
      case ARRAY ->
          "dev.sluice.execution.batch.VectorValues.set("
              + v
              + ", "
              + typeRef
              + ", "
              + row
              + ", "
              + value
              + ");";
      case NULL -> v + ".setNull(" + row + ");";
    };
  }

  /** Converts a kernel value to the boxed Java object of {@code VectorValues}. */
  static String box(SqlType type, String value) {
    return switch (type.kind()) {
      case BOOLEAN -> "Boolean.valueOf(" + value + ")";
      case TINYINT -> "Byte.valueOf(" + value + ")";
      case SMALLINT -> "Short.valueOf(" + value + ")";
      case INTEGER -> "Integer.valueOf(" + value + ")";
      case BIGINT -> "Long.valueOf(" + value + ")";
      case FLOAT -> "Float.valueOf(" + value + ")";
      case DOUBLE -> "Double.valueOf(" + value + ")";
      case DECIMAL ->
          type.isCompactDecimal()
              ? "java.math.BigDecimal.valueOf(" + value + ", " + type.scale() + ")"
              : value;
      case VARCHAR, VARBINARY, ARRAY -> value;
      case DATE -> RUNTIME + "Values.boxDate(" + value + ")";
      case TIME -> RUNTIME + "Values.boxTime(" + value + ")";
      case TIMESTAMP -> RUNTIME + "Values.boxTimestamp(" + value + ")";
      case INTERVAL_DAY_TIME -> RUNTIME + "Values.boxDayTime(" + value + ")";
      case INTERVAL_YEAR_MONTH -> RUNTIME + "Values.boxYearMonth(" + value + ")";
      case NULL -> "null";
    };
  }

  /** Converts a non-null boxed object to a kernel value of {@code type}. */
  static String unbox(SqlType type, String object) {
    return switch (type.kind()) {
      case BOOLEAN -> RUNTIME + "Values.unboxBoolean(" + object + ")";
      case TINYINT -> "(byte) " + RUNTIME + "Values.unboxLong(" + object + ")";
      case SMALLINT -> "(short) " + RUNTIME + "Values.unboxLong(" + object + ")";
      case INTEGER -> "(int) " + RUNTIME + "Values.unboxLong(" + object + ")";
      case BIGINT -> RUNTIME + "Values.unboxLong(" + object + ")";
      case FLOAT -> "(float) " + RUNTIME + "Values.unboxDouble(" + object + ")";
      case DOUBLE -> RUNTIME + "Values.unboxDouble(" + object + ")";
      case DECIMAL ->
          type.isCompactDecimal()
              ? RUNTIME
                  + "DecimalMath.toCompact("
                  + RUNTIME
                  + "Values.unboxDecimal("
                  + object
                  + "), "
                  + type.scale()
                  + ", "
                  + type.precision()
                  + ")"
              : RUNTIME
                  + "DecimalMath.checkPrecision("
                  + RUNTIME
                  + "Values.unboxDecimal("
                  + object
                  + "), "
                  + type.precision()
                  + ", "
                  + type.scale()
                  + ")";
      case VARCHAR -> RUNTIME + "Values.unboxString(" + object + ")";
      case VARBINARY -> RUNTIME + "Values.unboxBytes(" + object + ")";
      case DATE -> RUNTIME + "Values.unboxDate(" + object + ")";
      case TIME -> RUNTIME + "Values.unboxTime(" + object + ")";
      case TIMESTAMP -> RUNTIME + "Values.unboxTimestamp(" + object + ")";
      case INTERVAL_DAY_TIME -> RUNTIME + "Values.unboxDayTime(" + object + ")";
      case INTERVAL_YEAR_MONTH -> RUNTIME + "Values.unboxYearMonth(" + object + ")";
      case ARRAY -> RUNTIME + "Values.unboxList(" + object + ")";
      case NULL -> "false";
    };
  }

  static final String RUNTIME = "dev.sluice.execution.expression.runtime.";
}
