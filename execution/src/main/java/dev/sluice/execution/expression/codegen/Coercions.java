package dev.sluice.execution.expression.codegen;

import static dev.sluice.execution.expression.codegen.JavaTypes.RUNTIME;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.expression.codegen.KernelGenerator.Value;
import dev.sluice.execution.type.SqlType;
import dev.sluice.execution.type.TypeKind;

/** Generates conversions of a non-null value from one SQL type to another (CAST and implicit). */
final class Coercions {
  private Coercions() {}

  /** An implicit conversion, e.g. INTEGER to BIGINT for a CASE branch: same rules as CAST. */
  static String convert(Value v, SqlType to) {
    return v.type().equals(to) ? v.value() : cast(v, to);
  }

  static String cast(Value v, SqlType to) {
    SqlType from = v.type();
    String x = v.value();
    TypeKind f = from.kind();
    TypeKind t = to.kind();
    if (from.equals(to) || f == TypeKind.NULL) {
      return f == TypeKind.NULL ? JavaTypes.defaultValue(to) : x;
    }
    if (t == TypeKind.VARCHAR) {
      return toVarchar(from, x);
    }
    if (f == TypeKind.VARCHAR) {
      return fromVarchar(to, x);
    }
    if (t.isIntegral()) {
      if (f.isIntegral()) {
        return narrow("(long) " + x, to);
      }
      return switch (f) {
        case FLOAT, DOUBLE ->
            narrow(RUNTIME + "Casts.toLong((double) " + x + ", \"" + to + "\")", to);
        case DECIMAL ->
            from.isCompactDecimal()
                ? narrow("(" + x + " / " + pow10(from.scale()) + ")", to)
                : narrow(RUNTIME + "Casts.toLong(" + x + ", \"" + to + "\")", to);
        case BOOLEAN -> narrow("(" + x + " ? 1L : 0L)", to);
        default -> throw unsupported(from, to);
      };
    }
    if (t == TypeKind.DOUBLE || t == TypeKind.FLOAT) {
      String d =
          switch (f) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, FLOAT, DOUBLE -> "(double) " + x;
            case DECIMAL ->
                from.isCompactDecimal()
                    ? RUNTIME + "DecimalMath.toDouble(" + x + ", " + from.scale() + ")"
                    : x + ".doubleValue()";
            default -> throw unsupported(from, to);
          };
      return t == TypeKind.FLOAT ? "(float) " + d : d;
    }
    if (t == TypeKind.DECIMAL) {
      return toDecimal(from, x, to);
    }
    if (t == TypeKind.BOOLEAN && f.isIntegral()) {
      return "(" + x + " != 0)";
    }
    if (f == TypeKind.DATE && t == TypeKind.TIMESTAMP) {
      return "((long) " + x + " * 86400000L)";
    }
    if (f == TypeKind.TIMESTAMP && t == TypeKind.DATE) {
      return RUNTIME + "Casts.dateOfTimestamp(" + x + ")";
    }
    if (f == TypeKind.TIMESTAMP && t == TypeKind.TIME) {
      return RUNTIME + "Casts.timeOfTimestamp(" + x + ")";
    }
    if (f == TypeKind.ARRAY && t == TypeKind.ARRAY) {
      return x; // elements are boxed objects; a change of element type keeps them as they are
    }
    throw unsupported(from, to);
  }

  private static String toVarchar(SqlType from, String x) {
    return switch (from.kind()) {
      case BOOLEAN -> "(" + x + " ? \"TRUE\" : \"FALSE\")";
      case TINYINT, SMALLINT, INTEGER, BIGINT -> "String.valueOf(" + x + ")";
      case FLOAT, DOUBLE -> RUNTIME + "Casts.fromDouble(" + x + ")";
      case DECIMAL ->
          from.isCompactDecimal()
              ? RUNTIME + "Casts.fromDecimal(" + x + ", " + from.scale() + ")"
              : RUNTIME + "Casts.fromDecimal(" + x + ")";
      case DATE -> RUNTIME + "Casts.fromDate(" + x + ")";
      case TIME -> RUNTIME + "Casts.fromTime(" + x + ")";
      case TIMESTAMP -> RUNTIME + "Casts.fromTimestamp(" + x + ")";
      case INTERVAL_DAY_TIME -> RUNTIME + "Casts.fromDayTime(" + x + ")";
      case INTERVAL_YEAR_MONTH -> RUNTIME + "Casts.fromYearMonth(" + x + ")";
      case ARRAY -> "String.valueOf(" + x + ")";
      // Malformed UTF-8 becomes U+FFFD, as in Spark.
      case VARBINARY -> "new String(" + x + ", java.nio.charset.StandardCharsets.UTF_8)";
      case VARCHAR, NULL -> x;
    };
  }

  private static String fromVarchar(SqlType to, String x) {
    return switch (to.kind()) {
      case BOOLEAN -> RUNTIME + "Casts.toBoolean(" + x + ")";
      case TINYINT, SMALLINT, INTEGER, BIGINT ->
          narrow(RUNTIME + "Casts.toLong(" + x + ", \"" + to + "\")", to);
      case FLOAT -> "(float) " + RUNTIME + "Casts.toDouble(" + x + ", \"FLOAT\")";
      case DOUBLE -> RUNTIME + "Casts.toDouble(" + x + ", \"DOUBLE\")";
      case DECIMAL -> {
        String big =
            RUNTIME + "Casts.toDecimal(" + x + ", " + to.precision() + ", " + to.scale() + ")";
        yield to.isCompactDecimal()
            ? RUNTIME
                + "DecimalMath.toCompact("
                + big
                + ", "
                + to.scale()
                + ", "
                + to.precision()
                + ")"
            : big;
      }
      case DATE -> RUNTIME + "Casts.toDate(" + x + ")";
      case TIME -> RUNTIME + "Casts.toTime(" + x + ")";
      case TIMESTAMP -> RUNTIME + "Casts.toTimestamp(" + x + ")";
      case VARBINARY -> x + ".getBytes(java.nio.charset.StandardCharsets.UTF_8)";
      default -> throw unsupported(SqlType.VARCHAR, to);
    };
  }

  private static String toDecimal(SqlType from, String x, SqlType to) {
    int p = to.precision();
    int s = to.scale();
    if (to.isCompactDecimal()) {
      return switch (from.kind()) {
        case TINYINT, SMALLINT, INTEGER, BIGINT ->
            RUNTIME
                + "DecimalMath.checkPrecision("
                + RUNTIME
                + "DecimalMath.rescale((long) "
                + x
                + ", 0, "
                + s
                + "), "
                + p
                + ")";
        case DECIMAL ->
            from.isCompactDecimal()
                ? RUNTIME
                    + "DecimalMath.checkPrecision("
                    + RUNTIME
                    + "DecimalMath.rescale("
                    + x
                    + ", "
                    + from.scale()
                    + ", "
                    + s
                    + "), "
                    + p
                    + ")"
                : RUNTIME + "DecimalMath.toCompact(" + x + ", " + s + ", " + p + ")";
        case FLOAT, DOUBLE ->
            RUNTIME
                + "DecimalMath.toCompact("
                + RUNTIME
                + "Casts.toDecimal((double) "
                + x
                + ", "
                + p
                + ", "
                + s
                + "), "
                + s
                + ", "
                + p
                + ")";
        default -> throw unsupported(from, to);
      };
    }
    return switch (from.kind()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT ->
          RUNTIME
              + "DecimalMath.checkPrecision(java.math.BigDecimal.valueOf((long) "
              + x
              + "), "
              + p
              + ", "
              + s
              + ")";
      case DECIMAL ->
          RUNTIME
              + "DecimalMath.checkPrecision("
              + (from.isCompactDecimal()
                  ? RUNTIME + "DecimalMath.toBig(" + x + ", " + from.scale() + ")"
                  : x)
              + ", "
              + p
              + ", "
              + s
              + ")";
      case FLOAT, DOUBLE -> RUNTIME + "Casts.toDecimal((double) " + x + ", " + p + ", " + s + ")";
      default -> throw unsupported(from, to);
    };
  }

  /** A non-null numeric value as a {@link java.math.BigDecimal} expression. */
  static String toBigDecimal(Value v) {
    SqlType t = v.type();
    return switch (t.kind()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT ->
          "java.math.BigDecimal.valueOf((long) " + v.value() + ")";
      case DECIMAL ->
          t.isCompactDecimal()
              ? RUNTIME + "DecimalMath.toBig(" + v.value() + ", " + t.scale() + ")"
              : v.value();
      case FLOAT, DOUBLE -> "java.math.BigDecimal.valueOf((double) " + v.value() + ")";
      default ->
          throw new SluiceException(ErrorCode.TYPE_MISMATCH, "cannot use " + t + " as a DECIMAL");
    };
  }

  /** Narrows a {@code long} expression to an integral type, failing on overflow. */
  static String narrow(String longExpression, SqlType to) {
    return switch (to.kind()) {
      case TINYINT -> RUNTIME + "Arithmetic.toByte(" + longExpression + ", \"TINYINT\")";
      case SMALLINT -> RUNTIME + "Arithmetic.toShort(" + longExpression + ", \"SMALLINT\")";
      case INTEGER -> RUNTIME + "Arithmetic.toInt(" + longExpression + ", \"INTEGER\")";
      default -> longExpression;
    };
  }

  static String pow10(int scale) {
    long p = 1;
    for (int i = 0; i < scale; i++) {
      p *= 10;
    }
    return p + "L";
  }

  private static SluiceException unsupported(SqlType from, SqlType to) {
    return new SluiceException(
        ErrorCode.TYPE_MISMATCH, "cannot cast a value of type " + from + " to " + to);
  }
}
