package dev.sluice.api;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.batch.TableFormatter;
import dev.sluice.execution.connector.Durations;
import dev.sluice.execution.connector.EmitPolicy;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.connector.Source;
import dev.sluice.execution.driver.BatchExecution;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.expression.RowFunction;
import dev.sluice.execution.plan.PlanDescription;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import dev.sluice.execution.type.TypeKind;
import dev.sluice.planner.SluicePlanner;
import dev.sluice.planner.calcite.CalciteTypes;
import dev.sluice.planner.calcite.SessionTableFunction;
import dev.sluice.planner.calcite.SqlFrontEnd.RepeatedColumn;
import dev.sluice.planner.calcite.Suggestions;
import dev.sluice.planner.calcite.WindowTableFunction;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.CatalogEntry;
import dev.sluice.planner.logical.RowFunctionRel;
import dev.sluice.planner.logical.WatermarkRel;
import dev.sluice.planner.physical.PhysicalPlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.tools.RelBuilder;

/**
 * A query over streams and tables, built up operation by operation. Nothing runs until {@link
 * #writeStream()} starts a continuous query (for streams) or {@link #collectAsList()} / {@link
 * #show()} runs it once (for static tables).
 *
 * <p>Every operation builds a Calcite logical plan with {@link RelBuilder}; SQL-text pieces ({@link
 * #selectExpr}, {@link #where(String)}, {@code functions.expr}) are validated by the same SQL front
 * end, so SQL and DataFrames share one planner and mix freely through temp views. DataFrames are
 * immutable.
 */
public final class DataFrame {
  private final Sluice session;
  private final RelNode plan;
  private final EmitPolicy emit;

  /**
   * A column name the SQL of this query gave twice, which {@link #plan} has made unique ({@code a,
   * a0}); empty for queries built otherwise.
   */
  private final Optional<RepeatedColumn> repeatedColumn;

  DataFrame(Sluice session, RelNode plan) {
    this(session, plan, null);
  }

  DataFrame(Sluice session, RelNode plan, EmitPolicy emit) {
    this(session, plan, emit, Optional.empty());
  }

  DataFrame(
      Sluice session, RelNode plan, EmitPolicy emit, Optional<RepeatedColumn> repeatedColumn) {
    this.session = session;
    this.plan = plan;
    this.emit = emit;
    this.repeatedColumn = repeatedColumn;
  }

  /**
   * This query with an emit policy, as SQL's {@code EMIT} clause: {@code
   * EmitPolicy.onWindowClose()} (append mode: each window once, when it closes), {@code changes()}
   * (update mode) or {@code every(interval)} (update mode on a processing-time trigger of that
   * interval, plus each window's final row when it closes). {@code writeStream()} derives its
   * output mode (and trigger) from it and refuses a contradicting one.
   */
  public DataFrame emit(EmitPolicy policy) {
    return new DataFrame(session, plan, policy, repeatedColumn);
  }

  /** The emit policy of this query, from {@link #emit} or SQL's EMIT clause. */
  public Optional<EmitPolicy> emitPolicy() {
    return Optional.ofNullable(emit);
  }

  RelNode plan() {
    return plan;
  }

  public Schema schema() {
    return CalciteTypes.toSchema(plan.getRowType());
  }

  public List<String> columns() {
    return schema().names();
  }

  /** True if the query reads a stream and must be run with {@link #writeStream()}. */
  public boolean isStreaming() {
    return physical().streaming();
  }

  /**
   * True if the query aggregates, so its groups change as rows arrive: complete output mode can
   * show its whole result.
   */
  public boolean isUpdating() {
    return physical().updating();
  }

  /**
   * True if every row of the result is final when produced: no aggregation, or only aggregations
   * whose groups the watermark closes (event-time windows), so append output mode works.
   */
  public boolean isAppendable() {
    return physical().appendable();
  }

  /**
   * The columns that identify a row of this query's result in update mode: a row replaces the
   * earlier one with the same values in them, so a sink that upserts on them holds the result so
   * far. They are the group keys of the last aggregation (window bounds included); no columns for a
   * global aggregation, whose one row each update replaces. Empty when rows never change, when the
   * query does not select every group key as it is, or when the last aggregation groups session
   * windows, whose bounds an update can move.
   */
  public Optional<List<String>> keyColumns() {
    List<String> names = columns();
    return physical().keyColumns().map(keys -> keys.stream().map(names::get).toList());
  }

  public DataFrame select(Column... columns) {
    return project(Arrays.asList(columns));
  }

  public DataFrame select(String... columns) {
    return select(Arrays.stream(columns).map(functions::col).toArray(Column[]::new));
  }

  /** SQL expressions, e.g. {@code selectExpr("auction", "price * 0.908 AS euros")}. */
  public DataFrame selectExpr(String... expressions) {
    return withView(
        view ->
            session.planner().toRel("SELECT " + String.join(", ", expressions) + " FROM " + view));
  }

  public DataFrame where(Column condition) {
    RelBuilder builder = builder();
    return derive(builder.filter(condition.resolve(context(builder))).build());
  }

  /** A SQL condition, e.g. {@code where("price > 100 AND url LIKE '%sale%'")}. */
  public DataFrame where(String condition) {
    return withView(
        view -> session.planner().toRel("SELECT * FROM " + view + " WHERE " + condition));
  }

  public DataFrame filter(Column condition) {
    return where(condition);
  }

  public DataFrame filter(String condition) {
    return where(condition);
  }

  /** Adds a column, or replaces the one of that name in place. */
  public DataFrame withColumn(String name, Column column) {
    List<Column> columns = new ArrayList<>();
    boolean replaced = false;
    for (String existing : columns()) {
      if (existing.equalsIgnoreCase(name)) {
        columns.add(column.as(name));
        replaced = true;
      } else {
        columns.add(functions.col(existing));
      }
    }
    if (!replaced) {
      columns.add(column.as(name));
    }
    return project(columns);
  }

  /**
   * Declares {@code eventTime} (a TIMESTAMP column) as this stream's event time, with rows arriving
   * up to {@code delayThreshold} (e.g. {@code "5 seconds"}) later than the largest event time seen.
   * The query's watermark — the point in event time after which stateful operators treat rows as
   * late — is computed from it at the end of each batch (see docs/semantics.md).
   */
  public DataFrame withWatermark(String eventTime, String delayThreshold) {
    int column = fieldIndex(eventTime);
    SqlType type = schema().field(column).type();
    if (type.kind() != TypeKind.TIMESTAMP) {
      throw new SluiceException(
          ErrorCode.TYPE_MISMATCH,
          "withWatermark needs a TIMESTAMP event-time column, but '"
              + eventTime
              + "' is "
              + type
              + "; CAST it to TIMESTAMP in a column of its own first");
    }
    long delay;
    try {
      delay = Durations.parse(delayThreshold).toMillis();
    } catch (IllegalArgumentException e) {
      throw new SluiceException(
          ErrorCode.INVALID_OPTION,
          "withWatermark delay '"
              + delayThreshold
              + "' is not a duration; write e.g. \"5 seconds\", \"500 ms\" or \"1 minute\"");
    }
    return derive(new WatermarkRel(plan.getCluster(), plan.getTraitSet(), plan, column, delay));
  }

  public DataFrame withColumnRenamed(String existing, String renamed) {
    int index = fieldIndex(existing);
    List<Column> columns = new ArrayList<>();
    List<String> names = columns();
    for (int i = 0; i < names.size(); i++) {
      columns.add(
          i == index ? functions.col(names.get(i)).as(renamed) : functions.col(names.get(i)));
    }
    return project(columns);
  }

  public DataFrame drop(String... names) {
    List<Column> kept = new ArrayList<>();
    for (String column : columns()) {
      if (Arrays.stream(names).noneMatch(column::equalsIgnoreCase)) {
        kept.add(functions.col(column));
      }
    }
    return project(kept);
  }

  /** Groups by the given columns (none: one group of all rows) for {@link GroupedData#agg}. */
  public GroupedData groupBy(Column... keys) {
    return new GroupedData(this, Arrays.asList(keys));
  }

  public GroupedData groupBy(String... keys) {
    return groupBy(Arrays.stream(keys).map(functions::col).toArray(Column[]::new));
  }

  /** Aggregates all rows as one group: {@code groupBy().agg(aggregates)}. */
  public DataFrame agg(AggregateColumn... aggregates) {
    return aggregate(List.of(), Arrays.asList(aggregates));
  }

  DataFrame aggregate(List<Column> keys, List<AggregateColumn> aggregates) {
    List<TimeWindow> windows =
        keys.stream().map(Column::window).filter(java.util.Objects::nonNull).toList();
    if (windows.size() > 1) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_FEATURE,
          "groupBy takes one window() key, not " + windows.stream().map(TimeWindow::text).toList());
    }
    if (windows.size() == 1) {
      List<Column> expanded = new ArrayList<>();
      for (Column key : keys) {
        if (key.window() == null) {
          expanded.add(key);
        } else {
          expanded.add(functions.col("window_start"));
          expanded.add(functions.col("window_end"));
        }
      }
      TimeWindow window = windows.get(0);
      DataFrame windowed =
          window.isSession()
              ? withWindows(window, partitionKeys(window, keys))
              : withWindows(window, null);
      return windowed.aggregate(expanded, aggregates);
    }
    RelBuilder builder = builder();
    ColumnContext context = context(builder);
    List<RexNode> keyNodes = new ArrayList<>();
    for (Column key : keys) {
      keyNodes.add(builder.alias(key.resolve(context), key.name()));
    }
    List<RelBuilder.AggCall> calls = new ArrayList<>();
    for (AggregateColumn aggregate : aggregates) {
      calls.add(aggregate.resolve(context));
    }
    builder.aggregate(builder.groupKey(keyNodes), calls);
    // RelBuilder puts plain-column keys in input order; restore the order of groupBy, as Spark has.
    List<String> wanted = new ArrayList<>();
    keys.forEach(key -> wanted.add(key.name()));
    aggregates.forEach(aggregate -> wanted.add(aggregate.name()));
    List<String> actual = builder.peek().getRowType().getFieldNames();
    if (!actual.equals(wanted)
        && Set.copyOf(wanted).size() == wanted.size()
        && Set.copyOf(actual).equals(Set.copyOf(wanted))) {
      builder.project(wanted.stream().map(builder::field).toList());
    }
    return derive(builder.build());
  }

  /** The other groupBy keys of a session window, which must be columns: its partition keys. */
  private List<Integer> partitionKeys(TimeWindow window, List<Column> keys) {
    ColumnContext context = context(builder());
    List<Integer> columns = new ArrayList<>();
    for (Column key : keys) {
      if (key.window() == null) {
        if (!(key.resolve(context) instanceof RexInputRef column)) {
          throw new SluiceException(
              ErrorCode.INVALID_ARGUMENT,
              "the keys beside "
                  + window.text()
                  + " partition the sessions and must be columns of the DataFrame, not "
                  + key.name()
                  + "; add it as a column first with withColumn");
        }
        columns.add(column.getIndex());
      }
    }
    return columns;
  }

  /**
   * Every row once per window containing its time, with the columns {@code window_start}, {@code
   * window_end} and {@code window_time} appended: the same plan as SQL's window table functions.
   * For session windows, {@code partitionKeys} are the columns whose values each have their own
   * sessions.
   */
  private DataFrame withWindows(TimeWindow window, List<Integer> partitionKeys) {
    for (String column : WindowTableFunction.WINDOW_COLUMNS) {
      if (columns().stream().anyMatch(column::equalsIgnoreCase)) {
        throw new SluiceException(
            ErrorCode.DUPLICATE_OBJECT,
            window.text()
                + " adds a column "
                + column
                + ", which the DataFrame already has; rename it first with withColumnRenamed");
      }
    }
    RexNode time = window.timeColumn().resolve(context(builder()));
    if (!(time instanceof RexInputRef column)) {
      throw new SluiceException(
          ErrorCode.INVALID_ARGUMENT,
          window.text()
              + " takes a column of the DataFrame, e.g. col(\"ts\"), not an expression; add the"
              + " time as a column first with withColumn");
    }
    Field field = schema().field(column.getIndex());
    if (field.type().kind() != TypeKind.TIMESTAMP) {
      throw new SluiceException(
          ErrorCode.TYPE_MISMATCH,
          "the time column '"
              + field.name()
              + "' of "
              + window.text()
              + " is "
              + field.type()
              + ", but windows need a TIMESTAMP column; convert it with cast(SqlType.TIMESTAMP)"
              + " in withColumn first");
    }
    return derive(
        window.isSession()
            ? SessionTableFunction.scan(
                plan, column.getIndex(), partitionKeys, window.sessionGapMillis())
            : WindowTableFunction.scan(plan, column.getIndex(), window.shape()));
  }

  /**
   * An inner equi-join with {@code right} on columns both have under the same names (Spark's {@code
   * join(right, usingColumns)}): the output has each using column once, then this DataFrame's other
   * columns, then {@code right}'s. One side may be a stream; the other is then a table, read and
   * hashed once per run of the query (docs/semantics.md, "Stream–static joins").
   */
  public DataFrame join(DataFrame right, String... usingColumns) {
    return join(right, List.of(usingColumns), "inner");
  }

  /**
   * An equi-join with {@code right} on {@code usingColumns}, of type {@code joinType}: {@code
   * inner}, {@code left} ({@code left_outer}) or {@code right} ({@code right_outer}). The using
   * columns come from the side whose rows are all kept (this one for inner and left joins).
   */
  public DataFrame join(DataFrame right, List<String> usingColumns, String joinType) {
    JoinRelType type =
        switch (joinType.toLowerCase(java.util.Locale.ROOT)) {
          case "inner" -> JoinRelType.INNER;
          case "left", "left_outer", "leftouter" -> JoinRelType.LEFT;
          case "right", "right_outer", "rightouter" -> JoinRelType.RIGHT;
          default ->
              throw new SluiceException(
                  ErrorCode.INVALID_ARGUMENT,
                  "unknown join type '"
                      + joinType
                      + "'; supported are inner, left (left_outer) and right (right_outer)");
        };
    if (usingColumns.isEmpty()) {
      throw new SluiceException(
          ErrorCode.INVALID_ARGUMENT, "a join needs at least one using column");
    }
    List<String> leftColumns = columns();
    int leftWidth = leftColumns.size();
    int[] leftKeys = usingColumns.stream().mapToInt(this::fieldIndex).toArray();
    int[] rightKeys = usingColumns.stream().mapToInt(right::fieldIndex).toArray();
    RelBuilder builder = builder().push(right.plan);
    List<RexNode> equalities = new ArrayList<>();
    for (int k = 0; k < leftKeys.length; k++) {
      equalities.add(
          builder.equals(builder.field(2, 0, leftKeys[k]), builder.field(2, 1, rightKeys[k])));
    }
    builder.join(type, equalities);
    List<RexNode> fields = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int k = 0; k < leftKeys.length; k++) {
      fields.add(builder.field(type == JoinRelType.RIGHT ? leftWidth + rightKeys[k] : leftKeys[k]));
      names.add(leftColumns.get(leftKeys[k]));
    }
    addOthers(builder, leftColumns, leftKeys, 0, fields, names);
    addOthers(builder, right.columns(), rightKeys, leftWidth, fields, names);
    return derive(builder.project(fields, names, true).build());
  }

  /** The columns of one join side that are not using columns, at {@code offset} in the join. */
  private static void addOthers(
      RelBuilder builder,
      List<String> sideColumns,
      int[] keys,
      int offset,
      List<RexNode> fields,
      List<String> names) {
    for (int i = 0; i < sideColumns.size(); i++) {
      int column = i;
      if (Arrays.stream(keys).noneMatch(k -> k == column)) {
        fields.add(builder.field(offset + i));
        names.add(sideColumns.get(i));
      }
    }
  }

  /** UNION ALL by position; the column types must match. */
  public DataFrame union(DataFrame other) {
    return derive(builder().push(other.plan).union(true).build());
  }

  /** A typed map: {@code function} turns each row into a row of {@code outputSchema}. */
  public DataFrame map(MapFunction function, Schema outputSchema) {
    return rowFunction((row, out) -> out.accept(function.call(row)), outputSchema);
  }

  /** A typed flatMap: each row becomes zero or more rows of {@code outputSchema}. */
  public DataFrame flatMap(FlatMapFunction function, Schema outputSchema) {
    return rowFunction(
        (row, out) -> {
          for (Row result : function.call(row)) {
            out.accept(result);
          }
        },
        outputSchema);
  }

  /** A typed filter: keeps the rows for which {@code predicate} is true. */
  public DataFrame filter(FilterFunction predicate) {
    return rowFunction(
        (row, out) -> {
          if (predicate.call(row)) {
            out.accept(row);
          }
        },
        schema());
  }

  /**
   * Registers this query as a view {@code name} that SQL can select from.
   *
   * @throws SluiceException DUPLICATE_OBJECT if the query's SQL names two columns alike
   */
  public void createOrReplaceTempView(String name) {
    requireDistinctColumnNames("view " + name);
    session.entries().register(CatalogEntry.view(name, schema(), plan), true);
  }

  /**
   * Fails if the SQL of this query names two columns alike ({@code SELECT 1 AS a, 2 AS a}), which a
   * query may do but a view or table, whose columns are read by name, may not.
   *
   * @param target what is being made of this query, e.g. {@code view v}, for the message
   * @throws SluiceException DUPLICATE_OBJECT, naming the column and where it is named again
   */
  public void requireDistinctColumnNames(String target) {
    if (repeatedColumn.isPresent()) {
      RepeatedColumn repeated = repeatedColumn.get();
      throw new SluiceException(
          ErrorCode.DUPLICATE_OBJECT,
          target
              + " would have two columns named '"
              + repeated.name()
              + "'"
              + repeated.position().map(p -> " (the second at " + p + ")").orElse("")
              + ": give each column its own name with AS",
          repeated.position().orElse(null),
          null);
    }
  }

  public DataStreamWriter writeStream() {
    return new DataStreamWriter(session, this);
  }

  /** Runs a query over static tables once and returns its rows. */
  public List<Row> collectAsList() {
    PhysicalPlan physical = physical();
    if (physical.streaming()) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_STREAMING_OPERATION,
          "this query reads a stream, which never ends, so it cannot be collected; start it with"
              + " writeStream() (e.g. format(\"memory\") and then query the memory table)");
    }
    Map<String, Source> sources = new LinkedHashMap<>();
    physical
        .sources()
        .forEach((id, factory) -> sources.put(id, factory.create(session.options().clock())));
    try {
      return BatchExecution.run(
          physical.spec(),
          sources,
          session.pool(),
          session.allocator(),
          session.options().maxRowsPerBatch(),
          session.functions());
    } finally {
      sources.values().forEach(Source::close);
    }
  }

  /** Prints the first 20 rows of a static query as a table. */
  public void show() {
    show(20);
  }

  public void show(int rows) {
    List<Row> result = collectAsList();
    session.options().console().print(TableFormatter.format(schema(), result, rows, true));
  }

  public void printSchema() {
    StringBuilder text = new StringBuilder("root\n");
    for (Field field : schema().fields()) {
      text.append(" |-- ")
          .append(field.name())
          .append(": ")
          .append(field.type())
          .append(" (nullable = ")
          .append(field.nullable())
          .append(")\n");
    }
    session.options().console().print(text);
  }

  /** The logical plan, optimized, and the physical specs. */
  public String explainString() {
    PhysicalPlan physical = physical();
    return "== Logical plan ==\n"
        + SluicePlanner.explainLogical(plan)
        + "== Optimized plan ==\n"
        + physical.explain()
        + "== Physical plan ==\n"
        + String.join("\n", PlanDescription.lines(physical.spec()))
        + "\n";
  }

  /**
   * One part of {@link #explainString()}: {@code "logical"} (the plan as validated), {@code
   * "physical"} (the optimized plan and the physical operators, the default of {@code EXPLAIN},
   * then each stateful operator's state), or {@code "state"} (the state alone: see {@link
   * DataStreamWriter#explainString(String)}). A streaming query is explained as {@code
   * writeStream()} would run it by default: its EMIT clause's mode, else append if it can, else
   * update.
   *
   * @throws SluiceException INVALID_ARGUMENT for another level
   */
  public String explainString(String level) {
    return switch (level) {
      case "logical" -> "== Logical plan ==\n" + SluicePlanner.explainLogical(plan);
      case "physical", "state" -> {
        if (!isStreaming()) {
          yield level.equals("state")
              ? "== State ==\nno state: a query over static tables runs once\n"
              : explainString();
        }
        DataStreamWriter writer = writeStream();
        if (emit == null) {
          writer.outputMode(isAppendable() ? OutputMode.APPEND : OutputMode.UPDATE);
        }
        yield writer.explainString(level);
      }
      default ->
          throw new SluiceException(
              ErrorCode.INVALID_ARGUMENT,
              "unknown explain level '" + level + "'; use logical, physical or state");
    };
  }

  public void explain() {
    session.options().console().print(explainString());
  }

  PhysicalPlan physical() {
    return session.planner().plan(plan);
  }

  private DataFrame rowFunction(RowFunction function, Schema outputSchema) {
    String name = session.uniqueName("rowfn");
    session.functions().registerRowFunction(name, function);
    var rowType = CalciteTypes.toRowType(outputSchema, plan.getCluster().getTypeFactory());
    return derive(new RowFunctionRel(plan.getCluster(), plan.getTraitSet(), plan, name, rowType));
  }

  private DataFrame project(List<Column> columns) {
    RelBuilder builder = builder();
    ColumnContext context = context(builder);
    List<RexNode> nodes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Column column : columns) {
      nodes.add(column.resolve(context));
      names.add(column.name());
    }
    return derive(builder.project(nodes, names, true).build());
  }

  private DataFrame derive(RelNode derived) {
    return new DataFrame(session, derived, emit);
  }

  private RelBuilder builder() {
    return session.planner().relBuilder().push(plan);
  }

  /** Runs {@code sql} with this DataFrame visible under a temporary name. */
  private DataFrame withView(java.util.function.Function<String, RelNode> sql) {
    String view = session.uniqueName(Catalog.HIDDEN_PREFIX + "df");
    session.entries().register(CatalogEntry.view(view, schema(), plan), false);
    try {
      return derive(sql.apply("\"" + view + "\""));
    } finally {
      session.entries().drop(view);
    }
  }

  private int fieldIndex(String name) {
    List<String> names = columns();
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    throw new SluiceException(
        ErrorCode.UNKNOWN_COLUMN,
        "unknown column '"
            + name
            + "'; the columns are "
            + names
            + "."
            + Suggestions.didYouMean(name, names));
  }

  private ColumnContext context(RelBuilder builder) {
    return new ColumnContext() {
      @Override
      public RelBuilder builder() {
        return builder;
      }

      @Override
      public RexNode field(String name) {
        return builder.field(fieldIndex(name));
      }

      @Override
      public RexNode sqlExpression(String sql) {
        List<RexNode> nodes = session.planner().expressionsOver(plan.getRowType(), sql);
        if (nodes.size() != 1) {
          throw new SluiceException(
              ErrorCode.UNSUPPORTED_FEATURE,
              "expr(\"" + sql + "\") must be one expression; use selectExpr for several");
        }
        return nodes.get(0);
      }

      @Override
      public SqlOperator udf(String name) {
        return session
            .planner()
            .udf(name)
            .orElseThrow(
                () ->
                    new SluiceException(
                        ErrorCode.UNKNOWN_FUNCTION,
                        "no function named "
                            + name
                            + " is registered; register it with sluice.udf().register(...)"));
      }
    };
  }

  @Override
  public String toString() {
    return "DataFrame" + schema();
  }
}
