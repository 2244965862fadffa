package dev.sluice.execution.expression.codegen;

import static dev.sluice.execution.expression.codegen.JavaTypes.RUNTIME;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.expression.Function;
import dev.sluice.execution.expression.codegen.KernelGenerator.Value;
import dev.sluice.execution.type.SqlType;
import dev.sluice.execution.type.TypeKind;

/** Generates comparisons of two non-null values, bringing them to a common type first. */
final class Comparisons {
  private Comparisons() {}

  static String compare(Function op, Value a, Value b) {
    TypeKind ka = a.type().kind();
    TypeKind kb = b.type().kind();
    String symbol = symbol(op);
    if (ka.isNumeric() && kb.isNumeric()) {
      if (ka == TypeKind.DOUBLE
          || ka == TypeKind.FLOAT
          || kb == TypeKind.DOUBLE
          || kb == TypeKind.FLOAT) {
        return "("
            + Coercions.convert(a, SqlType.DOUBLE)
            + " "
            + symbol
            + " "
            + Coercions.convert(b, SqlType.DOUBLE)
            + ")";
      }
      if (ka == TypeKind.DECIMAL || kb == TypeKind.DECIMAL) {
        return "(" + decimalCompare(a, b) + " " + symbol + " 0)";
      }
      return "(" + a.value() + " " + symbol + " " + b.value() + ")";
    }
    if (ka == TypeKind.DATE && kb == TypeKind.TIMESTAMP
        || ka == TypeKind.TIMESTAMP && kb == TypeKind.DATE) {
      return "("
          + Coercions.convert(a, SqlType.TIMESTAMP)
          + " "
          + symbol
          + " "
          + Coercions.convert(b, SqlType.TIMESTAMP)
          + ")";
    }
    if (ka != kb && ka != TypeKind.NULL && kb != TypeKind.NULL) {
      throw new SluiceException(
          ErrorCode.TYPE_MISMATCH, "cannot compare " + a.type() + " with " + b.type());
    }
    return switch (ka) {
      case BOOLEAN -> "(Boolean.compare(" + a.value() + ", " + b.value() + ") " + symbol + " 0)";
      case VARCHAR ->
          op == Function.EQUALS
              ? a.value() + ".equals(" + b.value() + ")"
              : op == Function.NOT_EQUALS
                  ? "!" + a.value() + ".equals(" + b.value() + ")"
                  : "(" + a.value() + ".compareTo(" + b.value() + ") " + symbol + " 0)";
      case VARBINARY ->
          switch (op) {
            case EQUALS -> "java.util.Arrays.equals(" + a.value() + ", " + b.value() + ")";
            case NOT_EQUALS -> "!java.util.Arrays.equals(" + a.value() + ", " + b.value() + ")";
            default ->
                "(java.util.Arrays.compareUnsigned("
                    + a.value()
                    + ", "
                    + b.value()
                    + ") "
                    + symbol
                    + " 0)";
          };
      case ARRAY ->
          switch (op) {
            case EQUALS -> a.value() + ".equals(" + b.value() + ")";
            case NOT_EQUALS -> "!" + a.value() + ".equals(" + b.value() + ")";
            default ->
                throw new SluiceException(
                    ErrorCode.TYPE_MISMATCH, "arrays can only be compared for equality");
          };
      default -> "(" + a.value() + " " + symbol + " " + b.value() + ")";
    };
  }

  private static String decimalCompare(Value a, Value b) {
    if (isLongValued(a.type()) && isLongValued(b.type())) {
      return RUNTIME
          + "DecimalMath.compare((long) "
          + a.value()
          + ", "
          + a.type().scale()
          + ", (long) "
          + b.value()
          + ", "
          + b.type().scale()
          + ")";
    }
    return Coercions.toBigDecimal(a) + ".compareTo(" + Coercions.toBigDecimal(b) + ")";
  }

  private static boolean isLongValued(SqlType type) {
    return type.kind().isIntegral() || type.isCompactDecimal();
  }

  private static String symbol(Function op) {
    return switch (op) {
      case EQUALS -> "==";
      case NOT_EQUALS -> "!=";
      case LESS_THAN -> "<";
      case LESS_THAN_OR_EQUAL -> "<=";
      case GREATER_THAN -> ">";
      case GREATER_THAN_OR_EQUAL -> ">=";
      default -> throw new IllegalArgumentException(op + " is not a comparison");
    };
  }
}
