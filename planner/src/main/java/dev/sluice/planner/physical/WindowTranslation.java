package dev.sluice.planner.physical;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.plan.PlanSpec;
import dev.sluice.execution.plan.WindowAssignSpec;
import dev.sluice.execution.plan.WindowAssignSpec.Kind;
import dev.sluice.planner.calcite.CalciteTypes;
import dev.sluice.planner.calcite.WindowTableFunction;
import dev.sluice.planner.logical.WindowShape;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/**
 * Translates a window table function call ({@code LogicalTableFunctionScan} over one input, the
 * call as a {@link RexCall}: {@code TUMBLE(DESCRIPTOR($2), 10000:INTERVAL SECOND)}) into a {@link
 * WindowAssignSpec}. SESSION outside an aggregation ({@link SessionTranslation}), and any other
 * table function, is refused.
 */
final class WindowTranslation {
  private WindowTranslation() {}

  static PlanSpec translate(TableFunctionScan scan, Function<RelNode, PlanSpec> translateInput) {
    RexCall call = (RexCall) scan.getCall();
    String where = WindowTableFunction.position(call.getParserPosition());
    if (!(call.getOperator() instanceof WindowTableFunction function)) {
      if (call.getOperator().getName().equalsIgnoreCase("SESSION")) {
        throw new SluiceException(
            ErrorCode.UNSUPPORTED_FEATURE,
            "SESSION"
                + where
                + " is supported only under an aggregation grouped by window_start, window_end and"
                + " exactly its partition keys: a session's bounds depend on the other rows of its"
                + " key, so rows cannot be assigned to sessions one by one; e.g. "
                + SessionTranslation.SHAPE);
      }
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_FEATURE,
          "the table function "
              + call.getOperator().getName()
              + " is not supported"
              + where
              + "; the window table functions TUMBLE, HOP and CUMULATE are");
    }
    List<RexNode> operands = call.getOperands();
    int timeColumn = ((RexInputRef) ((RexCall) operands.get(0)).getOperands().get(0)).getIndex();
    Kind kind = function.windowKind();
    long first = millis(operands.get(1));
    long size = kind == Kind.TUMBLE ? first : millis(operands.get(2));
    int offsetIndex = kind == Kind.TUMBLE ? 2 : 3;
    long offset = operands.size() > offsetIndex ? millis(operands.get(offsetIndex)) : 0;
    WindowShape shape = WindowShape.checked(kind, size, first, offset, argument -> where);
    PlanSpec input = translateInput.apply(scan.getInputs().get(0));
    return new WindowAssignSpec(
        input,
        timeColumn,
        kind,
        shape.sizeMillis(),
        shape.slideMillis(),
        shape.offsetMillis(),
        CalciteTypes.toSchema(scan.getRowType()));
  }

  private static long millis(RexNode interval) {
    return ((RexLiteral) interval).getValueAs(Long.class);
  }
}
