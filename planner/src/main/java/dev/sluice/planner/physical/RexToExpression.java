package dev.sluice.planner.physical;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.expression.Call;
import dev.sluice.execution.expression.ColumnRef;
import dev.sluice.execution.expression.Expression;
import dev.sluice.execution.expression.Function;
import dev.sluice.execution.expression.Literal;
import dev.sluice.execution.type.SqlType;
import dev.sluice.execution.type.TypeKind;
import dev.sluice.planner.calcite.CalciteTypes;
import dev.sluice.planner.calcite.UdfOperator;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntFunction;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

/**
 * Translates Calcite row expressions into Sluice's {@link Expression} specs. Anything without a
 * runtime implementation fails here, at planning time, naming the function, instead of at run time.
 */
final class RexToExpression {
  /**
   * Implemented for VARCHAR only; Calcite also accepts VARBINARY for some (||, SUBSTRING, SPLIT).
   */
  private static final Set<Function> STRING_FUNCTIONS =
      EnumSet.of(
          Function.UPPER,
          Function.LOWER,
          Function.SUBSTRING,
          Function.TRIM,
          Function.CHAR_LENGTH,
          Function.POSITION,
          Function.CONCAT,
          Function.LIKE,
          Function.REPLACE,
          Function.SPLIT);

  private final RexBuilder rexBuilder;

  /** Resolves an input reference: normally a column, but a correlation variable for UNNEST. */
  private final IntFunction<Expression> inputs;

  RexToExpression(RexBuilder rexBuilder, IntFunction<Expression> inputs) {
    this.rexBuilder = rexBuilder;
    this.inputs = inputs;
  }

  static RexToExpression overColumns(
      RexBuilder rexBuilder, dev.sluice.execution.type.Schema input) {
    return new RexToExpression(rexBuilder, i -> new ColumnRef(i, input.field(i).type()));
  }

  Expression translate(RexNode node) {
    if (node instanceof RexInputRef ref) {
      return inputs.apply(ref.getIndex());
    }
    if (node instanceof RexLiteral literal) {
      return literal(literal);
    }
    if (node instanceof RexCall call) {
      if (call.getKind() == SqlKind.SEARCH) {
        return translate(RexUtil.expandSearch(rexBuilder, null, call));
      }
      return call(call);
    }
    throw new SluiceException(
        ErrorCode.UNSUPPORTED_FEATURE,
        "expression " + node + " (" + node.getKind() + ") is not supported");
  }

  private Expression literal(RexLiteral literal) {
    SqlType type = typeOf(literal);
    if (literal.isNull()) {
      return new Literal(null, type);
    }
    if (literal.getTypeName() == SqlTypeName.SYMBOL) {
      Object symbol = literal.getValue();
      return Literal.symbol(symbol instanceof Enum<?> e ? e.name() : String.valueOf(symbol));
    }
    Object value =
        switch (type.kind()) {
          case BOOLEAN -> literal.getValueAs(Boolean.class);
          case TINYINT, SMALLINT, INTEGER, BIGINT ->
              literal.getValueAs(BigDecimal.class).longValueExact();
          case FLOAT, DOUBLE -> literal.getValueAs(Double.class);
          case DECIMAL -> literal.getValueAs(BigDecimal.class);
          case VARCHAR -> literal.getValueAs(String.class);
          case VARBINARY -> literal.getValueAs(byte[].class);
          case DATE ->
              LocalDate.ofEpochDay(literal.getValueAs(DateString.class).getDaysSinceEpoch());
          case TIME ->
              LocalTime.ofNanoOfDay(
                  literal.getValueAs(TimeString.class).getMillisOfDay() * 1_000_000L);
          case TIMESTAMP ->
              dev.sluice.execution.batch.VectorValues.timestamp(
                  literal.getValueAs(TimestampString.class).getMillisSinceEpoch());
          case INTERVAL_DAY_TIME ->
              Duration.ofMillis(literal.getValueAs(BigDecimal.class).longValueExact());
          case INTERVAL_YEAR_MONTH ->
              Period.ofMonths(literal.getValueAs(BigDecimal.class).intValueExact());
          case ARRAY, NULL ->
              throw new SluiceException(
                  ErrorCode.UNSUPPORTED_FEATURE, "literal " + literal + " is not supported");
        };
    return new Literal(value, type);
  }

  private Expression call(RexCall call) {
    SqlType type = typeOf(call);
    List<Expression> operands = new ArrayList<>();
    for (RexNode operand : call.getOperands()) {
      operands.add(translate(operand));
    }
    if (call.getOperator() instanceof UdfOperator udf) {
      List<SqlType> declared = udf.signature().parameterTypes();
      List<Expression> converted = new ArrayList<>();
      for (int i = 0; i < operands.size(); i++) {
        Expression operand = operands.get(i);
        converted.add(
            operand.type().equals(declared.get(i))
                ? operand
                : Call.of(Function.CAST, declared.get(i), operand));
      }
      return Call.udf(udf.getName(), type, converted);
    }
    SqlKind kind = call.getKind();
    boolean datetimeResult = isDatetime(call.getType().getSqlTypeName());
    Function f =
        switch (kind) {
          case PLUS -> datetimeResult ? Function.DATETIME_PLUS : Function.PLUS;
          case MINUS ->
              datetimeResult
                  ? Function.DATETIME_MINUS
                  : isDatetime(call.getOperands().get(0).getType().getSqlTypeName())
                      ? Function.DATETIME_DIFF
                      : Function.MINUS;
          case TIMES -> Function.TIMES;
          case DIVIDE -> Function.DIVIDE;
          case MOD -> Function.MOD;
          case MINUS_PREFIX -> Function.NEGATE;
          case PLUS_PREFIX -> null;
          case EQUALS -> Function.EQUALS;
          case NOT_EQUALS -> Function.NOT_EQUALS;
          case LESS_THAN -> Function.LESS_THAN;
          case LESS_THAN_OR_EQUAL -> Function.LESS_THAN_OR_EQUAL;
          case GREATER_THAN -> Function.GREATER_THAN;
          case GREATER_THAN_OR_EQUAL -> Function.GREATER_THAN_OR_EQUAL;
          case IS_DISTINCT_FROM -> Function.IS_DISTINCT_FROM;
          case IS_NOT_DISTINCT_FROM -> Function.IS_NOT_DISTINCT_FROM;
          case AND -> Function.AND;
          case OR -> Function.OR;
          case NOT -> Function.NOT;
          case IS_NULL -> Function.IS_NULL;
          case IS_NOT_NULL -> Function.IS_NOT_NULL;
          case IS_TRUE -> Function.IS_TRUE;
          case IS_NOT_TRUE -> Function.IS_NOT_TRUE;
          case IS_FALSE -> Function.IS_FALSE;
          case IS_NOT_FALSE -> Function.IS_NOT_FALSE;
          case CASE -> Function.CASE;
          case COALESCE -> Function.COALESCE;
          case CAST, SAFE_CAST -> Function.CAST;
          case LIKE -> Function.LIKE;
          case TRIM -> Function.TRIM;
          case POSITION -> Function.POSITION;
          case EXTRACT -> Function.EXTRACT;
          case FLOOR -> call.getOperands().size() == 2 ? Function.FLOOR_TO_UNIT : null;
          case CEIL -> call.getOperands().size() == 2 ? Function.CEIL_TO_UNIT : null;
          case ITEM -> Function.ITEM;
          default -> byName(call);
        };
    if (kind == SqlKind.PLUS_PREFIX) {
      return operands.get(0);
    }
    if (f == null) {
      throw unsupported(call);
    }
    if (STRING_FUNCTIONS.contains(f)
        && operands.stream().anyMatch(o -> o.type().kind() == TypeKind.VARBINARY)) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_FEATURE,
          "function "
              + call.getOperator().getName()
              + " over VARBINARY is not supported yet (in "
              + call
              + "); CAST the value AS VARCHAR to apply it to the UTF-8 text");
    }
    if (kind == SqlKind.LIKE
        && call.getOperator().getName().toUpperCase(Locale.ROOT).contains("NOT")) {
      return Call.of(
          Function.NOT, SqlType.BOOLEAN, Call.of(Function.LIKE, SqlType.BOOLEAN, operands));
    }
    if (f == Function.DATETIME_DIFF) {
      return truncateToQualifier(Call.of(f, type, operands), call.getType());
    }
    return Call.of(f, type, operands);
  }

  /**
   * {@code (t1 - t2) DAY} is a whole number of days: the difference is truncated (toward zero) to
   * the last unit of its interval qualifier, so it prints, compares and adds as that many days. The
   * runtime holds every interval as milliseconds or months, so the unit is applied here as {@code
   * difference / step * step}.
   */
  private Expression truncateToQualifier(Expression difference, RelDataType intervalType) {
    SqlIntervalQualifier qualifier = intervalType.getIntervalQualifier();
    TimeUnit last = qualifier.getEndUnit() != null ? qualifier.getEndUnit() : qualifier.getUnit();
    long step =
        last == TimeUnit.SECOND
            ? millisPerSecondDigit(
                qualifier.getFractionalSecondPrecision(rexBuilder.getTypeFactory().getTypeSystem()))
            : last.multiplier.longValueExact();
    if (step == 1) {
      return difference;
    }
    Literal stepLiteral = new Literal(step, SqlType.BIGINT);
    SqlType type = difference.type();
    return Call.of(
        Function.TIMES, type, Call.of(Function.DIVIDE, type, difference, stepLiteral), stepLiteral);
  }

  /** The milliseconds in one unit of the last fractional second digit kept (1 from 3 digits on). */
  private static long millisPerSecondDigit(int fractionalDigits) {
    long step = 1;
    for (int digits = fractionalDigits; digits < 3; digits++) {
      step *= 10;
    }
    return step;
  }

  private static Function byName(RexCall call) {
    return switch (call.getOperator().getName().toUpperCase(Locale.ROOT)) {
      case "UPPER" -> Function.UPPER;
      case "LOWER" -> Function.LOWER;
      case "SUBSTRING" -> Function.SUBSTRING;
      case "CHAR_LENGTH", "CHARACTER_LENGTH" -> Function.CHAR_LENGTH;
      case "||" -> Function.CONCAT;
      case "REPLACE" -> Function.REPLACE;
      case "SPLIT" -> Function.SPLIT;
      case "ABS" -> Function.ABS;
      case "CARDINALITY" -> Function.CARDINALITY;
      case "OCTET_LENGTH" -> Function.OCTET_LENGTH;
      default -> null;
    };
  }

  private static SluiceException unsupported(RexCall call) {
    return new SluiceException(
        ErrorCode.UNKNOWN_FUNCTION,
        "function "
            + call.getOperator().getName()
            + " is not supported yet (in "
            + call
            + "); see"
            + " docs/functions.md for the supported functions");
  }

  private static boolean isDatetime(SqlTypeName name) {
    return name.getFamily() == SqlTypeFamily.DATE
        || name.getFamily() == SqlTypeFamily.TIME
        || name.getFamily() == SqlTypeFamily.TIMESTAMP;
  }

  private static SqlType typeOf(RexNode node) {
    SqlType type = CalciteTypes.toSqlType(node.getType(), "expression " + node);
    // CHAR literals and symbols are VARCHAR at run time.
    return type.kind() == TypeKind.NULL ? SqlType.NULL : type;
  }
}
