package dev.sluice.planner.physical;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.plan.AggregateSpec;
import dev.sluice.execution.plan.PlanSpec;
import dev.sluice.execution.plan.SessionAggregateSpec;

/**
 * Checks the aggregations that feed a streaming aggregation and tells how deep it sits in their
 * chain.
 *
 * <p>Without retractions, an aggregation can only consume rows that never change: the one below
 * must emit each group once, final. So a streaming aggregation over another aggregation is planned
 * only when the inner one closes its windows by the watermark (its output is then append-only; the
 * stage runner makes it emit in append mode whatever the query's output mode). Its depth — the
 * number of window-closing aggregations below it — picks the watermark it closes by ({@code
 * AggregateSpec#watermarkDepth}).
 */
final class ChainedAggregations {
  private ChainedAggregations() {}

  /**
   * The number of window-closing aggregations chained below {@code input}'s root (0: none).
   *
   * @throws SluiceException if an aggregation below does not close its windows, or aggregates
   *     session windows
   */
  static int levelsBelow(PlanSpec input) {
    if (input instanceof AggregateSpec inner) {
      if (!inner.closesWindows()) {
        throw new SluiceException(
            ErrorCode.UNSUPPORTED_FEATURE,
            "an aggregation over the result of another aggregation needs the inner one ("
                + inner.operatorId()
                + ") to emit each group once, when its window closes: group it by the window_end"
                + " of a window (TUMBLE, HOP, CUMULATE or window()) over a column with a"
                + " watermark (withWatermark); an aggregation without one updates its groups"
                + " forever, which the outer one would count again");
      }
      return inner.watermarkDepth() + 1;
    }
    if (input instanceof SessionAggregateSpec sessions) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_FEATURE,
          "an aggregation over the result of a session window aggregation ("
              + sessions.operatorId()
              + ") is not supported yet; aggregate TUMBLE, HOP or CUMULATE windows instead");
    }
    int levels = 0;
    for (PlanSpec below : input.inputs()) {
      levels = Math.max(levels, levelsBelow(below));
    }
    return levels;
  }
}
