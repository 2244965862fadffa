package dev.sluice.execution.expression.codegen;

import static dev.sluice.execution.expression.codegen.JavaTypes.RUNTIME;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.expression.codegen.KernelGenerator.Value;
import dev.sluice.execution.type.SqlType;
import dev.sluice.execution.type.TypeKind;

/** Generates date/time calls on non-null operands; units arrive as quoted symbol names. */
final class DateTimes {
  private DateTimes() {}

  static String extract(String unit, Value v) {
    return switch (v.type().kind()) {
      case TIMESTAMP ->
          RUNTIME + "DateTimeFunctions.extractFromTimestamp(" + unit + ", " + v.value() + ")";
      case DATE -> RUNTIME + "DateTimeFunctions.extractFromDate(" + unit + ", " + v.value() + ")";
      case TIME -> RUNTIME + "DateTimeFunctions.extractFromTime(" + unit + ", " + v.value() + ")";
      default -> throw unsupported("EXTRACT", v.type());
    };
  }

  static String floorOrCeil(boolean floor, Value v, String unit) {
    String name = floor ? "floor" : "ceil";
    return switch (v.type().kind()) {
      case TIMESTAMP ->
          RUNTIME + "DateTimeFunctions." + name + "Timestamp(" + v.value() + ", " + unit + ")";
      case DATE -> RUNTIME + "DateTimeFunctions." + name + "Date(" + v.value() + ", " + unit + ")";
      case TIME -> RUNTIME + "DateTimeFunctions." + name + "Time(" + v.value() + ", " + unit + ")";
      default -> throw unsupported(floor ? "FLOOR" : "CEIL", v.type());
    };
  }

  /** {@code datetime ± interval}, accepting the interval as either operand of a plus. */
  static String plus(Value a, Value b, boolean minus) {
    Value datetime = isInterval(a.type()) ? b : a;
    Value interval = isInterval(a.type()) ? a : b;
    String amount =
        minus
            ? RUNTIME + "Arithmetic.negate((long) " + interval.value() + ")"
            : "(long) " + interval.value();
    boolean months = interval.type().kind() == TypeKind.INTERVAL_YEAR_MONTH;
    return switch (datetime.type().kind()) {
      case TIMESTAMP ->
          months
              ? RUNTIME
                  + "DateTimeFunctions.timestampPlusMonths("
                  + datetime.value()
                  + ", "
                  + amount
                  + ")"
              : RUNTIME + "Arithmetic.add(" + datetime.value() + ", " + amount + ")";
      case DATE ->
          months
              ? RUNTIME
                  + "DateTimeFunctions.datePlusMonths("
                  + datetime.value()
                  + ", "
                  + amount
                  + ")"
              : RUNTIME
                  + "DateTimeFunctions.datePlusMillis("
                  + datetime.value()
                  + ", "
                  + amount
                  + ")";
      case TIME -> {
        if (months) {
          throw unsupported("TIME + year-month INTERVAL", datetime.type());
        }
        yield RUNTIME
            + "DateTimeFunctions.timePlusMillis("
            + datetime.value()
            + ", "
            + amount
            + ")";
      }
      default -> throw unsupported("datetime arithmetic", datetime.type());
    };
  }

  /** {@code a - b} of two datetimes, as an interval of {@code type}. */
  static String diff(Value a, Value b, SqlType type) {
    TypeKind k = a.type().kind();
    if (type.kind() == TypeKind.INTERVAL_YEAR_MONTH) {
      return switch (k) {
        case TIMESTAMP ->
            RUNTIME
                + "DateTimeFunctions.monthsBetweenTimestamps("
                + a.value()
                + ", "
                + b.value()
                + ")";
        case DATE ->
            RUNTIME + "DateTimeFunctions.monthsBetweenDates(" + a.value() + ", " + b.value() + ")";
        default -> throw unsupported("datetime difference in months", a.type());
      };
    }
    String ma = Coercions.convert(a, k == TypeKind.DATE ? SqlType.TIMESTAMP : a.type());
    String mb = Coercions.convert(b, k == TypeKind.DATE ? SqlType.TIMESTAMP : b.type());
    return RUNTIME + "Arithmetic.subtract((long) " + ma + ", (long) " + mb + ")";
  }

  private static boolean isInterval(SqlType type) {
    return type.kind() == TypeKind.INTERVAL_DAY_TIME || type.kind() == TypeKind.INTERVAL_YEAR_MONTH;
  }

  private static SluiceException unsupported(String what, SqlType type) {
    return new SluiceException(ErrorCode.TYPE_MISMATCH, what + " is not defined for " + type);
  }
}
