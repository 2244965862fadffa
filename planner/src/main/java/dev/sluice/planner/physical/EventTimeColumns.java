package dev.sluice.planner.physical;

import dev.sluice.execution.expression.ColumnRef;
import dev.sluice.execution.expression.Expression;
import dev.sluice.execution.plan.AggregateSpec;
import dev.sluice.execution.plan.CalcSpec;
import dev.sluice.execution.plan.ExchangeSpec;
import dev.sluice.execution.plan.LateRowFilterSpec;
import dev.sluice.execution.plan.PaneExpandSpec;
import dev.sluice.execution.plan.PartialAggregateSpec;
import dev.sluice.execution.plan.PlanSpec;
import dev.sluice.execution.plan.StaticJoinSpec;
import dev.sluice.execution.plan.UnionSpec;
import dev.sluice.execution.plan.WatermarkSpec;
import dev.sluice.execution.plan.WindowAssignSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which output columns of a plan carry watermarked event time, and which are the ends of windows
 * over it — the facts that let an aggregation close its groups by the watermark.
 *
 * <p>A column is <i>event time</i> if a {@link WatermarkSpec} declared it, or it is the {@code
 * window_time} of a window over event time, passed on unchanged by projections and by every input
 * of a union. A column is a <i>window end</i> if it is the {@code window_end} of a window over
 * event time, passed on the same way, or a key of a window-closing aggregation that was a window
 * end in its input: such an aggregation emits each group once its window closed, so its {@code
 * window_end} bounds its output as the watermark's window ends did (see {@link PhysicalPlanner}'s
 * per-depth watermarks). Anything computed from them is neither.
 */
final class EventTimeColumns {
  private EventTimeColumns() {}

  /** The event-time columns of {@code spec}'s output. */
  static Set<Integer> eventTime(PlanSpec spec) {
    if (spec instanceof WatermarkSpec watermark) {
      Set<Integer> columns = new HashSet<>(eventTime(watermark.input()));
      columns.add(watermark.column());
      return columns;
    }
    if (spec instanceof WindowAssignSpec window) {
      Set<Integer> columns = new HashSet<>(eventTime(window.input()));
      if (columns.contains(window.timeColumn())) {
        columns.add(window.input().schema().size() + 2); // window_time
      }
      return columns;
    }
    return passedOn(spec, EventTimeColumns::eventTime);
  }

  /** The window-end columns of {@code spec}'s output. */
  static Set<Integer> windowEnds(PlanSpec spec) {
    if (spec instanceof WindowAssignSpec window) {
      Set<Integer> columns = new HashSet<>(windowEnds(window.input()));
      if (eventTime(window.input()).contains(window.timeColumn())) {
        columns.add(window.input().schema().size() + 1); // window_end
      }
      return columns;
    }
    if (spec instanceof WatermarkSpec watermark) {
      return windowEnds(watermark.input());
    }
    if (spec instanceof AggregateSpec aggregate) {
      return windowEndKeys(aggregate);
    }
    return passedOn(spec, EventTimeColumns::windowEnds);
  }

  /**
   * The keys (output index = key position) of a window-closing aggregation that are window ends.
   */
  private static Set<Integer> windowEndKeys(AggregateSpec aggregate) {
    Set<Integer> keys = new HashSet<>();
    if (aggregate.closesWindows()
        && aggregate.input() instanceof ExchangeSpec exchange
        && (exchange.input() instanceof PaneExpandSpec panes ? panes.input() : exchange.input())
            instanceof PartialAggregateSpec partial) {
      Set<Integer> ends = windowEnds(partial.input());
      for (int k = 0; k < aggregate.keyCount(); k++) {
        if (ends.contains(partial.groupKeys().get(aggregate.inputKey(k)))) {
          keys.add(k);
        }
      }
    }
    return keys;
  }

  private static Set<Integer> passedOn(
      PlanSpec spec, java.util.function.Function<PlanSpec, Set<Integer>> of) {
    if (spec instanceof LateRowFilterSpec filter) {
      return of.apply(filter.input());
    }
    if (spec instanceof StaticJoinSpec join) {
      return of.apply(join.input()); // the input's columns come first, unchanged
    }
    if (spec instanceof CalcSpec calc) {
      Set<Integer> input = of.apply(calc.input());
      Set<Integer> columns = new HashSet<>();
      List<Expression> projections = calc.projections();
      for (int i = 0; i < projections.size(); i++) {
        if (projections.get(i) instanceof ColumnRef ref && input.contains(ref.index())) {
          columns.add(i);
        }
      }
      return columns;
    }
    if (spec instanceof UnionSpec union) {
      Set<Integer> columns = new HashSet<>(of.apply(union.inputs().get(0)));
      union.inputs().forEach(input -> columns.retainAll(of.apply(input)));
      return columns;
    }
    return Set.of();
  }
}
