package dev.sluice.execution.expression.codegen;

import static dev.sluice.execution.expression.codegen.JavaTypes.RUNTIME;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.expression.Function;
import dev.sluice.execution.expression.codegen.KernelGenerator.Value;
import dev.sluice.execution.type.SqlType;
import dev.sluice.execution.type.TypeKind;
import java.util.List;

/**
 * Generates arithmetic on non-null operands. The result type decides the arithmetic: integers in
 * {@code long} with overflow checks then narrowed, FLOAT/DOUBLE in IEEE {@code double}, compact
 * DECIMALs as exact unscaled {@code long}s, wide DECIMALs in {@link java.math.BigDecimal},
 * intervals as their millisecond or month counts.
 */
final class Arithmetics {
  private Arithmetics() {}

  static String generate(Function f, SqlType type, List<Value> args) {
    TypeKind k = type.kind();
    boolean interval = k == TypeKind.INTERVAL_DAY_TIME || k == TypeKind.INTERVAL_YEAR_MONTH;
    if (k.isIntegral() || interval) {
      String result =
          interval && (f == Function.TIMES || f == Function.DIVIDE) && hasFractionalFactor(args)
              ? scaledInterval(f, args)
              : integral(f, args);
      return k == TypeKind.INTERVAL_YEAR_MONTH
          ? Coercions.narrow(result, SqlType.INTEGER)
          : Coercions.narrow(result, type);
    }
    if (k == TypeKind.DOUBLE || k == TypeKind.FLOAT) {
      String result = floating(f, args);
      return k == TypeKind.FLOAT ? "(float) " + result : result;
    }
    if (k == TypeKind.DECIMAL) {
      return type.isCompactDecimal()
              && f != Function.DIVIDE
              && f != Function.MOD
              && allLongValued(args)
          ? compactDecimal(f, type, args)
          : wideDecimal(f, type, args);
    }
    throw new SluiceException(ErrorCode.TYPE_MISMATCH, f + " is not defined for " + type);
  }

  private static String integral(Function f, List<Value> args) {
    String a = "(long) " + args.get(0).value();
    if (f == Function.NEGATE) {
      return RUNTIME + "Arithmetic.negate(" + a + ")";
    }
    if (f == Function.ABS) {
      return "Math.abs(" + RUNTIME + "Arithmetic.negate(-Math.abs(" + a + ")))";
    }
    String b = "(long) " + args.get(1).value();
    String method =
        switch (f) {
          case PLUS -> "add";
          case MINUS -> "subtract";
          case TIMES -> "multiply";
          case DIVIDE -> "divide";
          case MOD -> "mod";
          default -> throw new IllegalArgumentException(f.name());
        };
    return RUNTIME + "Arithmetic." + method + "(" + a + ", " + b + ")";
  }

  private static boolean hasFractionalFactor(List<Value> args) {
    return args.stream().map(v -> v.type().kind()).anyMatch(Arithmetics::isFractional);
  }

  private static boolean isFractional(TypeKind k) {
    return k == TypeKind.DECIMAL || k == TypeKind.DOUBLE || k == TypeKind.FLOAT;
  }

  /**
   * An interval times or divided by a DECIMAL, DOUBLE or FLOAT, in either operand order for a
   * product: exact, then rounded HALF_UP to whole milliseconds or months.
   */
  private static String scaledInterval(Function f, List<Value> args) {
    boolean factorFirst = isFractional(args.get(0).type().kind());
    Value count = args.get(factorFirst ? 1 : 0);
    Value factor = args.get(factorFirst ? 0 : 1);
    String exactFactor =
        factor.type().kind() == TypeKind.DECIMAL
            ? Coercions.toBigDecimal(factor)
            : RUNTIME + "Arithmetic.exactFactor((double) " + factor.value() + ")";
    String method = f == Function.TIMES ? "multiplyCount" : "divideCount";
    return RUNTIME + "Arithmetic." + method + "((long) " + count.value() + ", " + exactFactor + ")";
  }

  private static String floating(Function f, List<Value> args) {
    String a = Coercions.convert(args.get(0), SqlType.DOUBLE);
    return switch (f) {
      case NEGATE -> "(-" + a + ")";
      case ABS -> "Math.abs(" + a + ")";
      default -> {
        String b = Coercions.convert(args.get(1), SqlType.DOUBLE);
        String op =
            switch (f) {
              case PLUS -> "+";
              case MINUS -> "-";
              case TIMES -> "*";
              case DIVIDE -> "/";
              case MOD -> "%";
              default -> throw new IllegalArgumentException(f.name());
            };
        yield "(" + a + " " + op + " " + b + ")";
      }
    };
  }

  private static boolean allLongValued(List<Value> args) {
    return args.stream().allMatch(v -> v.type().kind().isIntegral() || v.type().isCompactDecimal());
  }

  private static String compactDecimal(Function f, SqlType type, List<Value> args) {
    Value a = args.get(0);
    int p = type.precision();
    int s = type.scale();
    if (f == Function.NEGATE || f == Function.ABS) {
      String negated = RUNTIME + "Arithmetic.negate((long) " + a.value() + ")";
      String v =
          f == Function.NEGATE
              ? negated
              : "(" + a.value() + " < 0 ? " + negated + " : " + a.value() + ")";
      return RUNTIME
          + "DecimalMath.checkPrecision("
          + RUNTIME
          + "DecimalMath.rescale("
          + v
          + ", "
          + a.type().scale()
          + ", "
          + s
          + "), "
          + p
          + ")";
    }
    Value b = args.get(1);
    String method =
        switch (f) {
          case PLUS -> "add";
          case MINUS -> "subtract";
          case TIMES -> "multiply";
          default -> throw new IllegalArgumentException(f.name());
        };
    return RUNTIME
        + "DecimalMath."
        + method
        + "((long) "
        + a.value()
        + ", "
        + a.type().scale()
        + ", (long) "
        + b.value()
        + ", "
        + b.type().scale()
        + ", "
        + s
        + ", "
        + p
        + ")";
  }

  private static String wideDecimal(Function f, SqlType type, List<Value> args) {
    String a = Coercions.toBigDecimal(args.get(0));
    String result;
    if (f == Function.NEGATE) {
      result = a + ".negate()";
    } else if (f == Function.ABS) {
      result = a + ".abs()";
    } else {
      String method =
          switch (f) {
            case PLUS -> "add";
            case MINUS -> "subtract";
            case TIMES -> "multiply";
            case DIVIDE -> "divide";
            case MOD -> "mod";
            default -> throw new IllegalArgumentException(f.name());
          };
      // Work at the widest useful scale, then fit the result type.
      result =
          RUNTIME
              + "DecimalMath."
              + method
              + "("
              + a
              + ", "
              + Coercions.toBigDecimal(args.get(1))
              + ", "
              + type.scale()
              + ", "
              + SqlType.MAX_DECIMAL_PRECISION
              + ")";
    }
    String checked =
        RUNTIME
            + "DecimalMath.checkPrecision("
            + result
            + ", "
            + type.precision()
            + ", "
            + type.scale()
            + ")";
    return type.isCompactDecimal()
        ? RUNTIME
            + "DecimalMath.toCompact("
            + checked
            + ", "
            + type.scale()
            + ", "
            + type.precision()
            + ")"
        : checked;
  }
}
