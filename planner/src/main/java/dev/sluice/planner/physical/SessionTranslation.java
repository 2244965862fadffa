package dev.sluice.planner.physical;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.expression.ColumnRef;
import dev.sluice.execution.expression.Expression;
import dev.sluice.execution.plan.AggregateCall;
import dev.sluice.execution.plan.CalcSpec;
import dev.sluice.execution.plan.ExchangeSpec;
import dev.sluice.execution.plan.PlanSpec;
import dev.sluice.execution.plan.SessionAggregateSpec;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import dev.sluice.planner.calcite.CalciteTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;

/**
 * Plans the one supported use of Calcite's {@code SESSION} table function: a GROUP BY over it whose
 * keys are {@code window_start}, {@code window_end} and exactly the partition keys, e.g.
 *
 * <pre>{@code
 * SELECT user_id, window_start, window_end, COUNT(*)
 * FROM TABLE(SESSION(TABLE clicks PARTITION BY user_id, DESCRIPTOR(ts), INTERVAL '10' SECOND))
 * GROUP BY user_id, window_start, window_end
 * }</pre>
 *
 * The SQL front end spells {@code TABLE t PARTITION BY k} as a key descriptor, so the {@code
 * LogicalTableFunctionScan} over t has the call {@code SESSION(DESCRIPTOR($ts), DESCRIPTOR($k),
 * gap)}. The plan becomes a calc keeping the partition keys, the time and the aggregate arguments,
 * an exchange on the keys, a {@link SessionAggregateSpec}, and a calc putting the columns in the
 * GROUP BY's order.
 */
final class SessionTranslation {
  static final String SHAPE =
      "SELECT k, window_start, window_end, COUNT(*) FROM TABLE(SESSION(TABLE t PARTITION BY k,"
          + " DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY k, window_start, window_end";

  private SessionTranslation() {}

  /** Whether {@code rel} is a SESSION table function. */
  static boolean isSession(RelNode rel) {
    return rel instanceof TableFunctionScan scan
        && scan.getCall() instanceof RexCall call
        && call.getOperator().getName().equalsIgnoreCase("SESSION");
  }

  /**
   * The plan of {@code aggregate} if it aggregates session windows, else null.
   *
   * @throws SluiceException {@code UNSUPPORTED_FEATURE} naming the supported shape when the
   *     aggregation over SESSION has another shape
   */
  static PlanSpec translate(
      Aggregate aggregate,
      Supplier<String> operatorId,
      Function<RelNode, PlanSpec> translateInput,
      RexBuilder rexBuilder) {
    RelNode below = aggregate.getInput();
    List<RexNode> projections;
    RelNode scanNode;
    if (below instanceof Calc calc) {
      RexProgram program = calc.getProgram();
      projections = program.getProjectList().stream().map(program::expandLocalRef).toList();
      scanNode = calc.getInput();
      if (isSession(scanNode) && program.getCondition() != null) {
        throw refused(
            "a filter between SESSION and its GROUP BY; filter the rows in the table argument"
                + " instead, e.g. SESSION(TABLE (SELECT * FROM t WHERE ...) PARTITION BY k, ...)");
      }
    } else {
      scanNode = below;
      projections = new ArrayList<>(rexBuilder.identityProjects(below.getRowType()));
    }
    if (!isSession(scanNode)) {
      return null;
    }
    TableFunctionScan scan = (TableFunctionScan) scanNode;
    RexCall call = (RexCall) scan.getCall();
    RelNode inputNode = scan.getInputs().get(0);
    List<RexNode> operands = call.getOperands();
    int timeColumn = descriptorColumns(operands.get(0)).get(0);
    List<Integer> partitionKeys = descriptorColumns(operands.get(1));
    long gapMillis = ((RexLiteral) operands.get(2)).getValueAs(Long.class);
    int width = inputNode.getRowType().getFieldCount();
    PlanSpec input = translateInput.apply(inputNode);
    Schema inputSchema = input.schema();
    RexToExpression rex = RexToExpression.overColumns(rexBuilder, inputSchema);

    // The calc below the exchange: partition keys, time, then each distinct aggregate argument.
    List<Expression> lower = new ArrayList<>();
    List<Field> lowerFields = new ArrayList<>();
    for (int key : partitionKeys) {
      lower.add(new ColumnRef(key, inputSchema.field(key).type()));
      lowerFields.add(inputSchema.field(key));
    }
    lower.add(new ColumnRef(timeColumn, SqlType.TIMESTAMP));
    lowerFields.add(inputSchema.field(timeColumn));

    // Where each GROUP BY key comes from in the session operator's output (keys, start, end).
    List<Integer> keySources = new ArrayList<>();
    for (int g : aggregate.getGroupSet()) {
      RexNode projection = projections.get(g);
      int column = projection instanceof RexInputRef ref ? ref.getIndex() : -1;
      int source =
          column == width
              ? partitionKeys.size()
              : column == width + 1 ? partitionKeys.size() + 1 : partitionKeys.indexOf(column);
      if (source < 0) {
        throw refused("GROUP BY " + projection + ", which is not a partition key of SESSION");
      }
      keySources.add(source);
    }
    for (int source = 0; source < partitionKeys.size() + 2; source++) {
      if (!keySources.contains(source)) {
        throw refused(
            "a GROUP BY without "
                + (source < partitionKeys.size()
                    ? "the partition key " + inputSchema.field(partitionKeys.get(source)).name()
                    : source == partitionKeys.size() ? "window_start" : "window_end"));
      }
    }

    Schema aggregateInput = CalciteTypes.toSchema(below.getRowType());
    List<AggregateCall> calls = new ArrayList<>();
    List<Integer> arguments = new ArrayList<>();
    for (org.apache.calcite.rel.core.AggregateCall calciteCall : aggregate.getAggCallList()) {
      AggregateCall planned = PhysicalPlanner.aggregateCall(calciteCall, aggregateInput);
      if (planned.distinct()) {
        throw refused(
            calciteCall
                + " (DISTINCT aggregates over sessions would have to merge the sets of values of"
                + " merged sessions; use APPROX_COUNT_DISTINCT)");
      }
      int argument = -1;
      if (planned.argument() >= 0) {
        RexNode expression = projections.get(planned.argument());
        if (RelOptUtil.InputFinder.bits(expression).nextSetBit(width) >= 0) {
          throw refused(calciteCall + " over window_start, window_end or window_time");
        }
        int known = arguments.indexOf(planned.argument());
        if (known < 0) {
          arguments.add(planned.argument());
          Expression translated = rex.translate(expression);
          lower.add(translated);
          lowerFields.add(Field.nullable("$argument" + arguments.size(), translated.type()));
          known = arguments.size() - 1;
        }
        argument = partitionKeys.size() + 1 + known;
      }
      calls.add(
          new AggregateCall(
              planned.function(), argument, planned.argumentType(), planned.resultType(), false));
    }
    CalcSpec keep = new CalcSpec(input, null, lower, new Schema(lowerFields));
    ExchangeSpec exchange = new ExchangeSpec(keep, partitionKeys.size());

    Schema result = CalciteTypes.toSchema(aggregate.getRowType());
    int keyCount = aggregate.getGroupCount();
    List<Field> sessionFields = new ArrayList<>(lowerFields.subList(0, partitionKeys.size()));
    sessionFields.add(Field.notNull("window_start", SqlType.TIMESTAMP));
    sessionFields.add(Field.notNull("window_end", SqlType.TIMESTAMP));
    sessionFields.addAll(result.fields().subList(keyCount, result.size()));
    SessionAggregateSpec sessions =
        new SessionAggregateSpec(
            exchange,
            partitionKeys.size(),
            partitionKeys.size(),
            gapMillis,
            calls,
            operatorId.get(),
            new Schema(sessionFields),
            EventTimeColumns.eventTime(input).contains(timeColumn),
            false,
            false);

    List<Expression> ordered = new ArrayList<>();
    for (int source : keySources) {
      ordered.add(new ColumnRef(source, sessionFields.get(source).type()));
    }
    for (int c = 0; c < calls.size(); c++) {
      int column = partitionKeys.size() + 2 + c;
      ordered.add(new ColumnRef(column, sessionFields.get(column).type()));
    }
    return new CalcSpec(sessions, null, ordered, result);
  }

  private static List<Integer> descriptorColumns(RexNode descriptor) {
    return ((RexCall) descriptor)
        .getOperands().stream().map(column -> ((RexInputRef) column).getIndex()).toList();
  }

  private static SluiceException refused(String what) {
    return new SluiceException(
        ErrorCode.UNSUPPORTED_FEATURE,
        "SESSION windows are supported in one shape, an aggregation grouped by window_start,"
            + " window_end and exactly the partition keys ("
            + SHAPE
            + "), not "
            + what);
  }
}
