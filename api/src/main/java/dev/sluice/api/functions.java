package dev.sluice.api;

import dev.sluice.execution.connector.Durations;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.plan.WindowAssignSpec.Kind;
import dev.sluice.planner.logical.WindowShape;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * Column functions for the DataFrame API, named as in Spark ({@code import static
 * dev.sluice.api.functions.*}). Every function here is also available in SQL.
 */
@SuppressWarnings("checkstyle:TypeName") // Spark's name, so users' code reads the same
public final class functions {
  private functions() {}

  /** The input column {@code name} (case-insensitive). */
  public static Column col(String name) {
    return new Column(name, context -> context.field(name));
  }

  /** A constant: numbers, strings, booleans and BigDecimals. */
  public static Column lit(Object value) {
    String text = value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    return new Column(text, context -> literal(context, value));
  }

  /** A SQL expression over the DataFrame's columns, e.g. {@code expr("price * 0.908")}. */
  public static Column expr(String sql) {
    return new Column(sql, context -> context.sqlExpression(sql));
  }

  public static Column upper(Column column) {
    return call("UPPER", SqlStdOperatorTable.UPPER, column);
  }

  public static Column lower(Column column) {
    return call("LOWER", SqlStdOperatorTable.LOWER, column);
  }

  public static Column length(Column column) {
    return call("CHAR_LENGTH", SqlStdOperatorTable.CHAR_LENGTH, column);
  }

  public static Column concat(Column... columns) {
    Column result = columns[0];
    for (int i = 1; i < columns.length; i++) {
      result = call("CONCAT", SqlStdOperatorTable.CONCAT, result, columns[i]);
    }
    return result;
  }

  public static Column substring(Column column, int position, int length) {
    return call("SUBSTRING", SqlStdOperatorTable.SUBSTRING, column, lit(position), lit(length));
  }

  public static Column split(Column column, String delimiter) {
    return call("SPLIT", SqlLibraryOperators.SPLIT, column, lit(delimiter));
  }

  public static Column coalesce(Column... columns) {
    return call("COALESCE", SqlStdOperatorTable.COALESCE, columns);
  }

  public static Column abs(Column column) {
    return call("ABS", SqlStdOperatorTable.ABS, column);
  }

  public static Column not(Column column) {
    return call("NOT", SqlStdOperatorTable.NOT, column);
  }

  /** {@code COUNT(*)}: rows per group. */
  public static AggregateColumn count() {
    return new AggregateColumn("count(1)", null, (builder, value) -> builder.countStar(null));
  }

  /** {@code COUNT(column)}: non-NULL values per group. */
  public static AggregateColumn count(Column column) {
    return new AggregateColumn(
        "count(" + column.name() + ")", column, (builder, value) -> builder.count(value));
  }

  /** {@code COUNT(DISTINCT column)}: distinct non-NULL values per group, exactly. */
  public static AggregateColumn countDistinct(Column column) {
    return new AggregateColumn(
        "count(DISTINCT " + column.name() + ")",
        column,
        (builder, value) -> builder.count(true, null, value));
  }

  /**
   * {@code APPROX_COUNT_DISTINCT(column)}: distinct non-NULL values per group, estimated with a
   * HyperLogLog sketch (about 1.6 % standard error) in a few KB of state per group.
   */
  public static AggregateColumn approxCountDistinct(Column column) {
    return new AggregateColumn(
        "approx_count_distinct(" + column.name() + ")",
        column,
        (builder, value) -> builder.count(true, null, value).approximate(true));
  }

  public static AggregateColumn sum(Column column) {
    return new AggregateColumn(
        "sum(" + column.name() + ")", column, (builder, value) -> builder.sum(value));
  }

  public static AggregateColumn min(Column column) {
    return new AggregateColumn(
        "min(" + column.name() + ")", column, (builder, value) -> builder.min(value));
  }

  public static AggregateColumn max(Column column) {
    return new AggregateColumn(
        "max(" + column.name() + ")", column, (builder, value) -> builder.max(value));
  }

  public static AggregateColumn avg(Column column) {
    return new AggregateColumn(
        "avg(" + column.name() + ")", column, (builder, value) -> builder.avg(value));
  }

  /**
   * Tumbling windows of {@code windowDuration} (e.g. {@code "10 seconds"}) over a TIMESTAMP column,
   * for {@code groupBy(window(col("ts"), "10 seconds"), ...)}: the groups get the key columns
   * {@code window_start} and {@code window_end} (TUMBLE in SQL). Durations as {@code "500 ms"},
   * {@code "10 seconds"}, {@code "5 minutes"}, {@code "1 hour"}, {@code "1 day"}.
   */
  public static Column window(Column timeColumn, String windowDuration) {
    return window(timeColumn, windowDuration, null, null);
  }

  /**
   * Hopping (sliding) windows of {@code windowDuration} starting every {@code slideDuration}, which
   * must divide the window duration (HOP in SQL). A row belongs to window / slide windows.
   */
  public static Column window(Column timeColumn, String windowDuration, String slideDuration) {
    return window(timeColumn, windowDuration, slideDuration, null);
  }

  /**
   * Hopping windows whose starts are shifted by {@code startTime} from 1970-01-01 00:00 (e.g.
   * hourly windows from a quarter past: {@code window(col("ts"), "1 hour", "1 hour", "15
   * minutes")}).
   */
  public static Column window(
      Column timeColumn, String windowDuration, String slideDuration, String startTime) {
    StringBuilder text =
        new StringBuilder("window(").append(timeColumn.name()).append(", ").append(windowDuration);
    if (slideDuration != null) {
      text.append(", ").append(slideDuration);
    }
    if (startTime != null) {
      text.append(", ").append(startTime);
    }
    String call = text.append(')').toString();
    long size = millis(windowDuration, call);
    long slide = slideDuration == null ? size : millis(slideDuration, call);
    long offset = startTime == null ? 0 : millis(startTime, call);
    // A slide equal to the size is a tumbling window: one window per row, no copies.
    Kind kind = slide == size ? Kind.TUMBLE : Kind.HOP;
    WindowShape shape = WindowShape.checked(kind, size, slide, offset, argument -> " in " + call);
    return new Column(new TimeWindow(timeColumn, shape, 0, call));
  }

  /**
   * Session windows over a TIMESTAMP column with a gap such as {@code "5 minutes"}, for {@code
   * groupBy(sessionWindow(col("ts"), "5 minutes"), col("user"))}: per value of the other keys, rows
   * less than the gap apart form one session {@code [first time, last time + gap)}, with the key
   * columns {@code window_start} and {@code window_end} (SESSION in SQL, the other keys as its
   * partition keys).
   */
  public static Column sessionWindow(Column timeColumn, String gapDuration) {
    String call = "sessionWindow(" + timeColumn.name() + ", " + gapDuration + ")";
    long gap = millis(gapDuration, call);
    if (gap <= 0) {
      throw new SluiceException(
          ErrorCode.INVALID_ARGUMENT,
          "the gap in " + call + " must be a positive duration, e.g. \"5 minutes\"");
    }
    return new Column(new TimeWindow(timeColumn, null, gap, call));
  }

  private static long millis(String duration, String call) {
    try {
      return Durations.parse(duration).toMillis();
    } catch (IllegalArgumentException e) {
      throw new SluiceException(
          ErrorCode.INVALID_ARGUMENT,
          "'"
              + duration
              + "' in "
              + call
              + " is not a duration; write e.g. \"500 ms\", \"10 seconds\", \"5 minutes\", \"1 hour\""
              + " or \"1 day\"",
          e);
    }
  }

  /** Calls a UDF registered with {@code sluice.udf().register(...)}. */
  public static Column callUdf(String name, Column... arguments) {
    String text =
        name
            + Arrays.stream(arguments)
                .map(Column::name)
                .collect(Collectors.joining(", ", "(", ")"));
    return new Column(
        text,
        context -> {
          RexNode[] args =
              Arrays.stream(arguments).map(a -> a.resolve(context)).toArray(RexNode[]::new);
          SqlOperator operator = context.udf(name.toUpperCase(Locale.ROOT));
          return context.builder().call(operator, args);
        });
  }

  static Column call(String name, SqlOperator operator, Column... arguments) {
    String text =
        name
            + Arrays.stream(arguments)
                .map(Column::name)
                .collect(Collectors.joining(", ", "(", ")"));
    return new Column(
        text,
        context ->
            context
                .builder()
                .call(
                    operator,
                    Arrays.stream(arguments).map(a -> a.resolve(context)).toArray(RexNode[]::new)));
  }

  static Column toColumn(Object value) {
    return value instanceof Column column ? column : lit(value);
  }

  private static RexNode literal(ColumnContext context, Object value) {
    if (value == null
        || value instanceof Number
        || value instanceof String
        || value instanceof Boolean) {
      return context.builder().literal(value instanceof Float f ? Double.valueOf(f) : value);
    }
    throw new SluiceException(
        ErrorCode.TYPE_MISMATCH,
        "lit() takes numbers, strings, booleans and BigDecimals, not "
            + value.getClass().getName()
            + "; use expr(\"DATE '2024-01-01'\") and the like for other types");
  }
}
