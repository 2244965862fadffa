package dev.sluice.api;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.SqlType;
import dev.sluice.planner.calcite.CalciteTypes;
import java.util.function.Function;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * A column expression of a DataFrame: a column reference, a literal, a SQL expression string, or a
 * call over other columns. It is resolved against a DataFrame's plan when used, so the same column
 * can serve several DataFrames. Build them with {@link functions}.
 */
public final class Column {
  private final Function<ColumnContext, RexNode> resolver;
  private final String name;
  private final TimeWindow window;

  Column(String name, Function<ColumnContext, RexNode> resolver) {
    this.name = requireNonNull(name, "name is null");
    this.resolver = requireNonNull(resolver, "resolver is null");
    this.window = null;
  }

  /** A {@link functions#window} column: only a {@code groupBy} key, which expands it. */
  Column(TimeWindow window) {
    this.name = window.text();
    this.window = window;
    this.resolver =
        context -> {
          throw new SluiceException(
              ErrorCode.UNSUPPORTED_FEATURE,
              window.text()
                  + " can only be a groupBy key, e.g. groupBy("
                  + window.text()
                  + ", col(\"auction\")), which groups by the columns window_start and"
                  + " window_end");
        };
  }

  RexNode resolve(ColumnContext context) {
    return resolver.apply(context);
  }

  /** The windows this column stands for, if it was made by {@link functions#window}. */
  TimeWindow window() {
    return window;
  }

  /** The output name: the alias, the column name, or the expression's text. */
  String name() {
    return name;
  }

  /** The column under another name; a window column keeps its columns' names. */
  public Column as(String alias) {
    return window != null ? this : new Column(alias, resolver);
  }

  public Column alias(String alias) {
    return as(alias);
  }

  public Column plus(Object other) {
    return binary("+", SqlStdOperatorTable.PLUS, other);
  }

  public Column minus(Object other) {
    return binary("-", SqlStdOperatorTable.MINUS, other);
  }

  public Column multiply(Object other) {
    return binary("*", SqlStdOperatorTable.MULTIPLY, other);
  }

  public Column divide(Object other) {
    return binary("/", SqlStdOperatorTable.DIVIDE, other);
  }

  public Column mod(Object other) {
    return functions.call("MOD", SqlStdOperatorTable.MOD, this, functions.toColumn(other));
  }

  public Column equalTo(Object other) {
    return binary("=", SqlStdOperatorTable.EQUALS, other);
  }

  public Column notEqual(Object other) {
    return binary("<>", SqlStdOperatorTable.NOT_EQUALS, other);
  }

  public Column gt(Object other) {
    return binary(">", SqlStdOperatorTable.GREATER_THAN, other);
  }

  public Column geq(Object other) {
    return binary(">=", SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, other);
  }

  public Column lt(Object other) {
    return binary("<", SqlStdOperatorTable.LESS_THAN, other);
  }

  public Column leq(Object other) {
    return binary("<=", SqlStdOperatorTable.LESS_THAN_OR_EQUAL, other);
  }

  public Column and(Column other) {
    return binary("AND", SqlStdOperatorTable.AND, other);
  }

  public Column or(Column other) {
    return binary("OR", SqlStdOperatorTable.OR, other);
  }

  public Column isNull() {
    return functions.call(name + " IS NULL", SqlStdOperatorTable.IS_NULL, this);
  }

  public Column isNotNull() {
    return functions.call(name + " IS NOT NULL", SqlStdOperatorTable.IS_NOT_NULL, this);
  }

  public Column like(String pattern) {
    return binary("LIKE", SqlStdOperatorTable.LIKE, pattern);
  }

  /** {@code CAST(this AS type)}. */
  public Column cast(SqlType type) {
    return new Column(
        "CAST(" + name + " AS " + type + ")",
        context ->
            context
                .builder()
                .cast(
                    resolve(context),
                    CalciteTypes.toRelType(type, true, context.builder().getTypeFactory())
                        .getSqlTypeName()));
  }

  private Column binary(String symbol, SqlOperator operator, Object other) {
    Column right = functions.toColumn(other);
    return new Column(
        "(" + name + " " + symbol + " " + right.name + ")",
        context -> context.builder().call(operator, resolve(context), right.resolve(context)));
  }

  @Override
  public String toString() {
    return name;
  }
}
