package dev.sluice.planner.physical;

import dev.sluice.execution.expression.Call;
import dev.sluice.execution.expression.ColumnRef;
import dev.sluice.execution.expression.Expression;
import dev.sluice.execution.plan.CalcSpec;
import dev.sluice.execution.plan.PlanSpec;
import dev.sluice.execution.plan.WindowAssignSpec;
import java.util.List;
import java.util.Optional;

/**
 * Sliding windows computed from panes: an aggregation grouped by a HOP window's {@code
 * window_start} and {@code window_end} is planned over a TUMBLE of the slide instead (each row in
 * one pane), and its partial aggregates are then copied to the {@code size / slide} windows of
 * their pane ({@code PaneExpandSpec}). Partial states merge, so a window's result is the merge of
 * its panes': rows are aggregated once, not once per window.
 *
 * <p>Applies when the aggregation's input is the HOP itself (as the DataFrame API's {@code
 * groupBy(window(...), ...)} plans it) or a projection of it, and the window columns are read only
 * as group keys, {@code window_start} and {@code window_end} both.
 */
final class HopPanes {
  private HopPanes() {}

  /**
   * The pane form of a HOP aggregation.
   *
   * @param input the aggregation's input over panes instead of windows
   * @param startKey the position among the group keys of {@code window_start}
   * @param endKey the position among the group keys of {@code window_end}
   * @param sizeMillis the window size
   * @param slideMillis the pane length
   */
  record Panes(PlanSpec input, int startKey, int endKey, long sizeMillis, long slideMillis) {}

  static Optional<Panes> of(PlanSpec input, List<Integer> keys, List<Integer> callArguments) {
    if (input instanceof WindowAssignSpec window && window.kind() == WindowAssignSpec.Kind.HOP) {
      int windowStart = window.input().schema().size();
      int startKey = keys.indexOf(windowStart);
      int endKey = keys.indexOf(windowStart + 1);
      if (startKey < 0
          || endKey < 0
          || keys.contains(windowStart + 2)
          || callArguments.stream().anyMatch(argument -> argument >= windowStart)) {
        return Optional.empty(); // window_time, or a window column aggregated
      }
      return Optional.of(
          new Panes(
              overPanes(window), startKey, endKey, window.sizeMillis(), window.slideMillis()));
    }
    if (!(input instanceof CalcSpec calc)
        || !(calc.input() instanceof WindowAssignSpec window)
        || window.kind() != WindowAssignSpec.Kind.HOP) {
      return Optional.empty();
    }
    int windowStart = window.input().schema().size();
    if (calc.condition() != null && refersTo(calc.condition(), windowStart)) {
      return Optional.empty();
    }
    int startKey = -1;
    int endKey = -1;
    for (int i = 0; i < calc.projections().size(); i++) {
      Expression projection = calc.projections().get(i);
      boolean windowColumn = refersTo(projection, windowStart);
      if (!windowColumn) {
        continue;
      }
      if (!(projection instanceof ColumnRef ref) || ref.index() > windowStart + 1) {
        return Optional.empty(); // computes with a window column, or reads window_time
      }
      int key = keys.indexOf(i);
      if (key < 0) {
        return Optional.empty(); // a window column used other than as a group key
      }
      if (ref.index() == windowStart) {
        startKey = key;
      } else {
        endKey = key;
      }
    }
    if (startKey < 0 || endKey < 0) {
      return Optional.empty();
    }
    return Optional.of(
        new Panes(
            calc.withInputs(List.of(overPanes(window))),
            startKey,
            endKey,
            window.sizeMillis(),
            window.slideMillis()));
  }

  /** The HOP's rows in panes: a TUMBLE of its slide, with the same columns. */
  private static WindowAssignSpec overPanes(WindowAssignSpec window) {
    return new WindowAssignSpec(
        window.input(),
        window.timeColumn(),
        WindowAssignSpec.Kind.TUMBLE,
        window.slideMillis(),
        window.slideMillis(),
        window.offsetMillis(),
        window.schema());
  }

  /** Whether {@code expression} reads any of the window columns, which start at {@code first}. */
  private static boolean refersTo(Expression expression, int first) {
    if (expression instanceof ColumnRef ref) {
      return ref.index() >= first;
    }
    return expression instanceof Call call
        && call.operands().stream().anyMatch(operand -> refersTo(operand, first));
  }
}
