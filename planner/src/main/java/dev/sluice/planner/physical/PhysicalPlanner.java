package dev.sluice.planner.physical;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.expression.ColumnRef;
import dev.sluice.execution.expression.Expression;
import dev.sluice.execution.expression.Literal;
import dev.sluice.execution.operator.PipelineBuilder;
import dev.sluice.execution.plan.AggregateCall;
import dev.sluice.execution.plan.AggregateFunction;
import dev.sluice.execution.plan.AggregateSpec;
import dev.sluice.execution.plan.CalcSpec;
import dev.sluice.execution.plan.ExchangeSpec;
import dev.sluice.execution.plan.LateRowFilterSpec;
import dev.sluice.execution.plan.PaneExpandSpec;
import dev.sluice.execution.plan.PartialAggregateSpec;
import dev.sluice.execution.plan.PlanSpec;
import dev.sluice.execution.plan.QuerySpec;
import dev.sluice.execution.plan.RowFunctionSpec;
import dev.sluice.execution.plan.ScanSpec;
import dev.sluice.execution.plan.SessionAggregateSpec;
import dev.sluice.execution.plan.SortSpec;
import dev.sluice.execution.plan.SourceSpec;
import dev.sluice.execution.plan.UnionSpec;
import dev.sluice.execution.plan.UnnestSpec;
import dev.sluice.execution.plan.WatermarkSpec;
import dev.sluice.execution.plan.WindowPanes;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import dev.sluice.execution.type.TypeKind;
import dev.sluice.planner.calcite.CalciteTypes;
import dev.sluice.planner.calcite.NumericAggregateArguments;
import dev.sluice.planner.calcite.QueryHints;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.CatalogEntry;
import dev.sluice.planner.catalog.RowsSource;
import dev.sluice.planner.catalog.SourceFactory;
import dev.sluice.planner.catalog.TableKind;
import dev.sluice.planner.catalog.WatermarkDeclaration;
import dev.sluice.planner.logical.RowFunctionRel;
import dev.sluice.planner.logical.WatermarkRel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Uncollect;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlExplainLevel;

/**
 * Turns a logical plan into the physical plan execution runs: optimizes it ({@link RuleProgram}),
 * refuses what a stream cannot do (saying why), and translates each relational node into its spec.
 * One instance plans one query.
 */
public final class PhysicalPlanner {
  private final RexBuilder rexBuilder;
  private final Map<String, SourceFactory> sources = new LinkedHashMap<>();

  /** The sources of the plan being translated: the query's, or a join's static side's. */
  private List<SourceSpec> sourceSpecs = new ArrayList<>();

  private boolean streaming;
  private final Map<String, String> sourceIds = new java.util.HashMap<>();
  private int hiddenSourceCount;
  private int valuesCount;
  private int aggregateCount;
  private int watermarkCount;

  private PhysicalPlanner(RexBuilder rexBuilder) {
    this.rexBuilder = rexBuilder;
  }

  public static PhysicalPlan plan(RelNode logical) {
    RelNode optimized = RuleProgram.optimize(logical);
    PhysicalPlanner planner = new PhysicalPlanner(logical.getCluster().getRexBuilder());
    PlanSpec root = ColumnPruning.apply(planner.translate(optimized));
    if (planner.streaming && containsSort(root)) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_STREAMING_OPERATION,
          "ORDER BY / LIMIT over a stream is not supported: a stream never ends, so it has no last"
              + " row to sort by or stop at. Remove it (sorting an aggregated result in complete"
              + " mode comes with aggregation)");
    }
    if (planner.streaming) {
      PipelineBuilder.exchanges(root); // refuses stages a stream cannot run, before it starts
    }
    // The root's names are the query's output names, whatever the rules did to intermediate ones.
    Schema named = withNames(root.schema(), CalciteTypes.toSchema(logical.getRowType()).names());
    root = rename(root, named);
    String explain = RelOptUtil.toString(optimized, SqlExplainLevel.EXPPLAN_ATTRIBUTES);
    return new PhysicalPlan(
        new QuerySpec(root, planner.sourceSpecs),
        planner.sources,
        planner.streaming,
        containsAggregate(root),
        explain);
  }

  private PlanSpec sort(Sort sort) {
    PlanSpec input = translate(sort.getInput());
    List<SortSpec.SortKey> keys = new ArrayList<>();
    for (RelFieldCollation field : sort.getCollation().getFieldCollations()) {
      boolean descending = field.getDirection().isDescending();
      boolean nullsFirst =
          field.nullDirection == RelFieldCollation.NullDirection.UNSPECIFIED
              ? descending
              : field.nullDirection == RelFieldCollation.NullDirection.FIRST;
      keys.add(new SortSpec.SortKey(field.getFieldIndex(), descending, nullsFirst));
    }
    long offset = sort.offset == null ? 0 : RexLiteral.longValue(sort.offset);
    long fetch = sort.fetch == null ? -1 : RexLiteral.longValue(sort.fetch);
    return new SortSpec(input, keys, offset, fetch);
  }

  /**
   * GROUP BY as partial aggregation per chunk, an exchange by key, and the stateful merge. The
   * operator id numbers the aggregations of the plan in translation order, so it is the same every
   * time the same query is planned (its state directory is found again on restart).
   *
   * <p>When a key is the {@code window_end} of a window over watermarked event time, the groups
   * close by the watermark: rows of closed windows are dropped (and counted) before the partial
   * stage, and the stateful merge emits (append mode) and evicts closed groups. Fed by other
   * window-closing aggregations, it closes by an older watermark ({@link ChainedAggregations}).
   */
  /** The STATE_TTL hints of the aggregations enclosing the one being translated. */
  private final java.util.Deque<Set<List<String>>> enclosingTtlHints = new java.util.ArrayDeque<>();

  private PlanSpec aggregate(Aggregate aggregate) {
    if (aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_FEATURE, "GROUPING SETS, ROLLUP and CUBE are not supported yet");
    }
    // Calcite passes a SELECT's hints down to the aggregations below it too: a hint is this
    // aggregation's own only if no enclosing aggregation carries it.
    Set<List<String>> hints = QueryHints.stateTtlOptions(aggregate);
    Set<List<String>> ownHints = new java.util.HashSet<>(hints);
    enclosingTtlHints.forEach(ownHints::removeAll);
    enclosingTtlHints.push(hints);
    try {
      return aggregate(aggregate, ownHints);
    } finally {
      enclosingTtlHints.pop();
    }
  }

  private PlanSpec aggregate(Aggregate aggregate, Set<List<String>> ownTtlHints) {
    PlanSpec sessions =
        SessionTranslation.translate(
            aggregate, () -> "aggregate-" + aggregateCount++, this::translate, rexBuilder);
    if (sessions != null) {
      refuseTtlHint(ownTtlHints, "aggregates session windows, which a watermark closes");
      return sessions;
    }
    PlanSpec input = translate(aggregate.getInput());
    Schema inputSchema = input.schema();
    List<Integer> keys = aggregate.getGroupSet().asList();
    List<AggregateCall> calls = new ArrayList<>();
    for (org.apache.calcite.rel.core.AggregateCall call : aggregate.getAggCallList()) {
      calls.add(aggregateCall(call, inputSchema));
    }
    // The columns of DISTINCT calls travel as values: the partial stage groups by key and those
    // values, and the stateful merge folds each value of a group once per column.
    List<Integer> distinctColumns =
        calls.stream()
            .filter(AggregateCall::distinct)
            .map(AggregateCall::argument)
            .distinct()
            .toList();
    List<Integer> partialKeys = new ArrayList<>(keys);
    partialKeys.addAll(distinctColumns);
    List<AggregateCall> partialCalls = calls.stream().filter(call -> !call.distinct()).toList();
    String operatorId = "aggregate-" + aggregateCount++;
    Set<Integer> windowEnds = EventTimeColumns.windowEnds(input);
    int windowEndKey = -1;
    for (int k = 0; k < keys.size() && windowEndKey < 0; k++) {
      if (windowEnds.contains(keys.get(k))) {
        windowEndKey = k;
      }
    }
    if (windowEndKey >= 0) {
      refuseTtlHint(ownTtlHints, "groups by windows the watermark closes");
    }
    // A one-off query runs every aggregation once over all its input, so any chain is fine there.
    int levelsBelow = streaming ? ChainedAggregations.levelsBelow(input) : 0;
    int watermarkDepth = windowEndKey < 0 ? 0 : levelsBelow;
    Optional<HopPanes.Panes> panes =
        HopPanes.of(input, keys, calls.stream().map(AggregateCall::argument).toList());
    if (panes.isPresent() && distinctColumns.isEmpty() && windowEndKey == panes.get().endKey()) {
      return paneAggregate(
          panes.get(), aggregate, keys, calls, operatorId, windowEndKey, watermarkDepth);
    }
    PlanSpec rows = panes.map(HopPanes.Panes::input).orElse(input);
    long lastWindowAfter = panes.map(p -> p.sizeMillis() - p.slideMillis()).orElse(0L);
    PlanSpec onTime =
        windowEndKey < 0
            ? rows
            : new LateRowFilterSpec(
                rows, keys.get(windowEndKey), operatorId, watermarkDepth, lastWindowAfter);
    PlanSpec partial =
        new PartialAggregateSpec(
            onTime,
            partialKeys,
            partialCalls,
            partialSchema(inputSchema, partialKeys, partialCalls));
    if (panes.isPresent()) {
      HopPanes.Panes p = panes.get();
      partial =
          new PaneExpandSpec(
              partial, p.startKey(), p.endKey(), p.sizeMillis(), p.slideMillis(), watermarkDepth);
    }
    ExchangeSpec exchange = new ExchangeSpec(partial, keys.size());
    return new AggregateSpec(
        exchange,
        keys.size(),
        calls,
        operatorId,
        CalciteTypes.toSchema(aggregate.getRowType()),
        false,
        null,
        windowEndKey,
        windowEndKey < 0 ? QueryHints.stateTtlMillis(aggregate) : 0,
        false,
        watermarkDepth);
  }

  /**
   * An aggregation over HOP windows that keeps its state by pane ({@link WindowPanes}): the partial
   * stage groups rows by the other keys and their pane, the exchange routes by the other keys only,
   * and the stateful merge emits each window from its panes.
   */
  private PlanSpec paneAggregate(
      HopPanes.Panes panes,
      Aggregate aggregate,
      List<Integer> keys,
      List<AggregateCall> calls,
      String operatorId,
      int windowEndKey,
      int watermarkDepth) {
    List<Integer> paneKeys = new ArrayList<>();
    for (int k = 0; k < keys.size(); k++) {
      if (k != panes.startKey() && k != panes.endKey()) {
        paneKeys.add(keys.get(k));
      }
    }
    paneKeys.add(keys.get(panes.startKey()));
    paneKeys.add(keys.get(panes.endKey()));
    PlanSpec onTime =
        new LateRowFilterSpec(
            panes.input(),
            keys.get(panes.endKey()),
            operatorId,
            watermarkDepth,
            panes.sizeMillis() - panes.slideMillis());
    PlanSpec partial =
        new PartialAggregateSpec(
            onTime, paneKeys, calls, partialSchema(panes.input().schema(), paneKeys, calls));
    return new AggregateSpec(
        new ExchangeSpec(partial, keys.size() - 2),
        keys.size(),
        calls,
        operatorId,
        CalciteTypes.toSchema(aggregate.getRowType()),
        false,
        null,
        windowEndKey,
        0,
        false,
        watermarkDepth,
        new WindowPanes(panes.startKey(), panes.endKey(), panes.sizeMillis(), panes.slideMillis()));
  }

  /** A partial aggregation's rows: its keys' columns of {@code input}, then each call's state. */
  private static Schema partialSchema(Schema input, List<Integer> keys, List<AggregateCall> calls) {
    List<Field> fields = new ArrayList<>();
    for (int key : keys) {
      fields.add(input.field(key));
    }
    for (int c = 0; c < calls.size(); c++) {
      fields.addAll(calls.get(c).stateFields("a" + c));
    }
    return new Schema(fields);
  }

  /** Refuses a STATE_TTL hint on an aggregation whose state something else bounds. */
  private static void refuseTtlHint(Set<List<String>> ownHints, String bound) {
    if (!ownHints.isEmpty()) {
      throw new SluiceException(
          ErrorCode.INVALID_OPTION,
          "hint "
              + QueryHints.STATE_TTL
              + "('"
              + ownHints.iterator().next().get(0)
              + "') is on an aggregation that "
              + bound
              + ", which already bounds its state; remove the hint (a TTL applies to aggregations"
              + " without an event-time bound)");
    }
  }

  static AggregateCall aggregateCall(org.apache.calcite.rel.core.AggregateCall call, Schema input) {
    if (call.filterArg >= 0 || call.getArgList().size() > 1) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_FEATURE,
          call + " is not supported yet (FILTER or several arguments)");
    }
    AggregateFunction function =
        switch (call.getAggregation().getKind()) {
          case COUNT ->
              call.getArgList().isEmpty()
                  ? AggregateFunction.COUNT_STAR
                  : call.isApproximate()
                      ? AggregateFunction.APPROX_COUNT_DISTINCT
                      : AggregateFunction.COUNT;
          case SUM, SUM0 -> AggregateFunction.SUM;
          case MIN -> AggregateFunction.MIN;
          case MAX -> AggregateFunction.MAX;
          case AVG -> AggregateFunction.AVG;
          default ->
              throw new SluiceException(
                  ErrorCode.UNKNOWN_FUNCTION,
                  "aggregate function "
                      + call.getAggregation().getName()
                      + " is not supported; supported are"
                      + " COUNT, SUM, MIN, MAX, AVG and APPROX_COUNT_DISTINCT");
        };
    int argument = call.getArgList().isEmpty() ? -1 : call.getArgList().get(0);
    SqlType argumentType = argument < 0 ? null : input.field(argument).type();
    if ((function == AggregateFunction.SUM || function == AggregateFunction.AVG)
        && !argumentType.kind().isNumeric()
        && argumentType.kind() != TypeKind.NULL) {
      // SQL is refused while validated (with a position); this is for DataFrame aggregations.
      throw NumericAggregateArguments.refused(
          call.getAggregation().getName(), argumentType.toString(), "");
    }
    return new AggregateCall(
        function,
        argument,
        argumentType,
        CalciteTypes.toSqlType(call.getType(), call.toString()),
        // DISTINCT changes nothing for MIN and MAX; a sketch is distinct by nature.
        call.isDistinct()
            && function != AggregateFunction.MIN
            && function != AggregateFunction.MAX
            && function != AggregateFunction.APPROX_COUNT_DISTINCT);
  }

  private static boolean containsAggregate(PlanSpec spec) {
    return spec instanceof AggregateSpec
        || spec instanceof SessionAggregateSpec
        || spec.inputs().stream().anyMatch(PhysicalPlanner::containsAggregate);
  }

  private static boolean containsSort(PlanSpec spec) {
    return spec instanceof SortSpec
        || spec.inputs().stream().anyMatch(PhysicalPlanner::containsSort);
  }

  private PlanSpec translate(RelNode rel) {
    if (rel instanceof TableScan scan) {
      return scan(scan);
    }
    if (rel instanceof Calc calc) {
      PlanSpec input = translate(calc.getInput());
      RexProgram program = calc.getProgram();
      RexToExpression rex = RexToExpression.overColumns(rexBuilder, input.schema());
      Expression condition =
          program.getCondition() == null
              ? null
              : rex.translate(program.expandLocalRef(program.getCondition()));
      List<Expression> projections = new ArrayList<>();
      for (var ref : program.getProjectList()) {
        projections.add(rex.translate(program.expandLocalRef(ref)));
      }
      return new CalcSpec(input, condition, projections, CalciteTypes.toSchema(calc.getRowType()));
    }
    if (rel instanceof Union union) {
      if (!union.all) {
        throw new SluiceException(
            ErrorCode.UNSUPPORTED_STREAMING_OPERATION,
            "UNION (without ALL) removes duplicates, which needs state that this version does not keep; use UNION ALL");
      }
      List<PlanSpec> inputs = new ArrayList<>();
      for (RelNode input : union.getInputs()) {
        inputs.add(translate(input));
      }
      return new UnionSpec(inputs, CalciteTypes.toSchema(union.getRowType()));
    }
    if (rel instanceof Correlate correlate) {
      return unnest(correlate);
    }
    if (rel instanceof Values values) {
      return values(values);
    }
    if (rel instanceof RowFunctionRel function) {
      return new RowFunctionSpec(
          translate(function.getInput()),
          function.functionName(),
          CalciteTypes.toSchema(function.getRowType()));
    }
    if (rel instanceof WatermarkRel watermark) {
      return new WatermarkSpec(
          translate(watermark.getInput()),
          watermark.column(),
          watermark.delayMillis(),
          "watermark-" + watermarkCount++);
    }
    if (rel instanceof TableFunctionScan window) {
      return WindowTranslation.translate(window, this::translate);
    }
    if (rel instanceof Sort sort) {
      return sort(sort);
    }
    if (rel instanceof Aggregate aggregate) {
      return aggregate(aggregate);
    }
    if (rel instanceof Join join) {
      return JoinTranslation.translate(
          join,
          rexBuilder,
          new JoinTranslation.Translator() {
            @Override
            public PlanSpec translate(RelNode input) {
              return PhysicalPlanner.this.translate(input);
            }

            @Override
            public QuerySpec translateStatic(RelNode input) {
              return PhysicalPlanner.this.translateStatic(input);
            }
          });
    }
    throw new SluiceException(
        ErrorCode.UNSUPPORTED_FEATURE,
        "the operation " + rel.getRelTypeName() + " is not supported yet");
  }

  /**
   * A join's static side as a query of its own: its sources are read when the join's table is
   * built, not batch by batch, so they stay out of the enclosing query's sources (and offset log).
   */
  private QuerySpec translateStatic(RelNode rel) {
    List<SourceSpec> enclosing = sourceSpecs;
    sourceSpecs = new ArrayList<>();
    try {
      return new QuerySpec(ColumnPruning.apply(translate(rel)), sourceSpecs);
    } finally {
      sourceSpecs = enclosing;
    }
  }

  private PlanSpec scan(TableScan scan) {
    CatalogEntry entry = dev.sluice.planner.calcite.CatalogTables.entryOf(scan);
    streaming |= entry.kind() == TableKind.STREAM;
    String id = sourceIds.computeIfAbsent(entry.name(), name -> sourceId(name));
    sources.putIfAbsent(id, entry.source());
    if (sourceSpecs.stream().noneMatch(source -> source.id().equals(id))) {
      sourceSpecs.add(new SourceSpec(id, entry.source().description(), entry.schema()));
    }
    ScanSpec read = new ScanSpec(id, entry.schema());
    WatermarkDeclaration watermark = entry.watermark();
    return watermark == null
        ? read
        : new WatermarkSpec(
            read, watermark.column(), watermark.delayMillis(), "watermark-" + watermarkCount++);
  }

  /**
   * The id of a source in the plan, its checkpoint and its offset log: the catalog name, except for
   * the hidden entries of {@code readStream().load()}, whose names carry a session counter; they
   * are numbered by their order in the plan instead, so the same query planned again (after a
   * restart, or in the same session) has the same ids and fingerprint.
   */
  private String sourceId(String catalogName) {
    if (!catalogName.startsWith(Catalog.HIDDEN_PREFIX)) {
      return catalogName;
    }
    return catalogName.replaceFirst("_[0-9]+$", "") + "#" + hiddenSourceCount++;
  }

  /** {@code left CROSS JOIN UNNEST(array expression over left)}. */
  private PlanSpec unnest(Correlate correlate) {
    if (correlate.getJoinType() != JoinRelType.INNER) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_FEATURE,
          "only CROSS JOIN UNNEST is supported, not " + correlate.getJoinType() + " JOIN UNNEST");
    }
    RelNode right = correlate.getRight();
    if (!(right instanceof Uncollect uncollect) || uncollect.withOrdinality) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_FEATURE,
          "a correlated subquery other than UNNEST(array) (without ORDINALITY) is not supported");
    }
    RexNode arrayRex = singleExpressionOverValues(uncollect.getInput());
    PlanSpec left = translate(correlate.getLeft());
    Schema leftSchema = left.schema();
    RexNode overLeft =
        arrayRex.accept(
            new RexShuttle() {
              @Override
              public RexNode visitFieldAccess(RexFieldAccess access) {
                if (access.getReferenceExpr() instanceof RexCorrelVariable) {
                  return rexBuilder.makeInputRef(access.getType(), access.getField().getIndex());
                }
                return super.visitFieldAccess(access);
              }
            });
    Expression array = RexToExpression.overColumns(rexBuilder, leftSchema).translate(overLeft);
    List<Expression> withArray = new ArrayList<>();
    List<Field> withArrayFields = new ArrayList<>(leftSchema.fields());
    for (int i = 0; i < leftSchema.size(); i++) {
      withArray.add(new ColumnRef(i, leftSchema.field(i).type()));
    }
    withArray.add(array);
    withArrayFields.add(Field.nullable("$array", array.type()));
    CalcSpec computeArray = new CalcSpec(left, null, withArray, new Schema(withArrayFields));

    Schema correlateSchema = CalciteTypes.toSchema(correlate.getRowType());
    Field element = correlateSchema.field(correlateSchema.size() - 1);
    List<Field> unnestFields = new ArrayList<>(withArrayFields);
    unnestFields.add(element);
    UnnestSpec unnest = new UnnestSpec(computeArray, leftSchema.size(), new Schema(unnestFields));

    List<Expression> dropArray = new ArrayList<>();
    for (int i = 0; i < leftSchema.size(); i++) {
      dropArray.add(new ColumnRef(i, leftSchema.field(i).type()));
    }
    dropArray.add(new ColumnRef(leftSchema.size() + 1, element.type()));
    return new CalcSpec(unnest, null, dropArray, correlateSchema);
  }

  private static RexNode singleExpressionOverValues(RelNode node) {
    if (node instanceof Calc calc
        && calc.getInput() instanceof Values
        && calc.getProgram().getCondition() == null
        && calc.getProgram().getProjectList().size() == 1) {
      return calc.getProgram().expandLocalRef(calc.getProgram().getProjectList().get(0));
    }
    throw new SluiceException(
        ErrorCode.UNSUPPORTED_FEATURE, "UNNEST supports a single array expression");
  }

  private PlanSpec values(Values values) {
    Schema schema = CalciteTypes.toSchema(values.getRowType());
    List<Row> rows = new ArrayList<>();
    RexToExpression rex = RexToExpression.overColumns(rexBuilder, schema);
    for (List<RexLiteral> tuple : values.getTuples()) {
      Object[] row = new Object[tuple.size()];
      for (int i = 0; i < tuple.size(); i++) {
        Expression literal = rex.translate(tuple.get(i));
        row[i] = ((Literal) literal).value();
      }
      rows.add(Row.of(row));
    }
    String id = "values#" + valuesCount++;
    String description = "values" + rows;
    SourceFactory factory = RowsSource.of(id, schema, rows, description);
    sources.put(id, factory);
    sourceSpecs.add(new SourceSpec(id, description, schema));
    return new ScanSpec(id, schema);
  }

  private static Schema withNames(Schema schema, List<String> names) {
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < schema.size(); i++) {
      Field field = schema.field(i);
      fields.add(new Field(names.get(i), field.type(), field.nullable()));
    }
    return new Schema(fields);
  }

  /** The same node producing the given (renamed) schema. */
  private static PlanSpec rename(PlanSpec root, Schema named) {
    if (root.schema().equals(named)) {
      return root;
    }
    if (root instanceof CalcSpec calc) {
      return new CalcSpec(calc.input(), calc.condition(), calc.projections(), named);
    }
    if (root instanceof SortSpec sort) {
      return new SortSpec(rename(sort.input(), named), sort.keys(), sort.offset(), sort.fetch());
    }
    List<Expression> identity = new ArrayList<>();
    for (int i = 0; i < named.size(); i++) {
      identity.add(new ColumnRef(i, named.field(i).type()));
    }
    return new CalcSpec(root, null, identity, named);
  }
}
