package dev.sluice.execution.operator;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.operator.aggregate.AggregateOperator;
import dev.sluice.execution.operator.aggregate.PaneWindowAggregateOperator;
import dev.sluice.execution.operator.aggregate.PartialAggregateOperator;
import dev.sluice.execution.operator.aggregate.SessionWindowAggregateOperator;
import dev.sluice.execution.operator.eventtime.LateRowFilterOperator;
import dev.sluice.execution.operator.eventtime.WatermarkOperator;
import dev.sluice.execution.operator.join.StaticJoinOperator;
import dev.sluice.execution.operator.stateless.CalcOperator;
import dev.sluice.execution.operator.stateless.RowFunctionOperator;
import dev.sluice.execution.operator.stateless.UnnestOperator;
import dev.sluice.execution.operator.window.PaneExpandOperator;
import dev.sluice.execution.operator.window.WindowAssignOperator;
import dev.sluice.execution.plan.AggregateSpec;
import dev.sluice.execution.plan.CalcSpec;
import dev.sluice.execution.plan.ExchangeSpec;
import dev.sluice.execution.plan.LateRowFilterSpec;
import dev.sluice.execution.plan.PaneExpandSpec;
import dev.sluice.execution.plan.PartialAggregateSpec;
import dev.sluice.execution.plan.PlanSpec;
import dev.sluice.execution.plan.RowFunctionSpec;
import dev.sluice.execution.plan.ScanSpec;
import dev.sluice.execution.plan.SessionAggregateSpec;
import dev.sluice.execution.plan.StaticJoinSpec;
import dev.sluice.execution.plan.UnionSpec;
import dev.sluice.execution.plan.UnnestSpec;
import dev.sluice.execution.plan.WatermarkSpec;
import dev.sluice.execution.plan.WindowAssignSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a physical plan into pipelines. A plan is cut at its exchanges into stages, each the part
 * of the plan between two exchanges (or between the sources and the first); within a stage, every
 * leaf (a scan, or the exchange for the upper stage) becomes one {@link Chain}: the operators on
 * the path from that leaf to the stage's root, with UNION ALL dissolved (its inputs simply flow
 * on). Each (chain, partition) runs as one task with its own operator instances, so no operator is
 * shared across partitions.
 */
public final class PipelineBuilder {
  private PipelineBuilder() {}

  /**
   * The operators from {@code leaf} (exclusive) up to the root (inclusive). The leaf is a {@link
   * ScanSpec} or, above a stage boundary, an {@link ExchangeSpec}.
   */
  public record Chain(PlanSpec leaf, List<PlanSpec> operators) {
    public Chain {
      operators = List.copyOf(operators);
    }

    /** The source id of a scan leaf. */
    public String sourceId() {
      return ((ScanSpec) leaf).sourceId();
    }
  }

  /**
   * The exchange the stage rooted at {@code root} reads from, if any: the highest exchange on every
   * path down from {@code root}, where the stage below begins. A stage reads at most one exchange
   * (a UNION ALL of two aggregations would need two; refused).
   *
   * @throws SluiceException if the stage reads two exchanges
   */
  public static Optional<ExchangeSpec> exchangeBelow(PlanSpec root) {
    List<ExchangeSpec> found = new ArrayList<>();
    collectExchanges(root, found);
    if (found.size() > 1) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_FEATURE,
          "combining the results of "
              + found.size()
              + " aggregations (e.g. UNION ALL of two GROUP BY queries) in one query is not"
              + " supported yet; run each aggregation as its own query");
    }
    return found.stream().findFirst();
  }

  /**
   * The plan's exchanges, the top stage's first: a chain of stages, each reading the one below.
   *
   * @throws SluiceException if a stage reads two exchanges (see {@link #exchangeBelow})
   */
  public static List<ExchangeSpec> exchanges(PlanSpec root) {
    List<ExchangeSpec> chain = new ArrayList<>();
    for (Optional<ExchangeSpec> next = exchangeBelow(root);
        next.isPresent();
        next = exchangeBelow(next.get().input())) {
      chain.add(next.get());
    }
    return chain;
  }

  /** The exchanges directly below {@code node}'s stage (not those of the stages below them). */
  private static void collectExchanges(PlanSpec node, List<ExchangeSpec> found) {
    if (node instanceof ExchangeSpec exchange) {
      found.add(exchange);
      return;
    }
    node.inputs().forEach(input -> collectExchanges(input, found));
  }

  public static List<Chain> chains(PlanSpec root) {
    List<Chain> chains = new ArrayList<>();
    collect(root, new ArrayList<>(), chains);
    return chains;
  }

  private static void collect(PlanSpec node, List<PlanSpec> above, List<Chain> chains) {
    if (node instanceof ScanSpec || node instanceof ExchangeSpec) {
      List<PlanSpec> path = new ArrayList<>(above);
      java.util.Collections.reverse(path);
      chains.add(new Chain(node, path));
      return;
    }
    List<PlanSpec> next = new ArrayList<>(above);
    if (!(node instanceof UnionSpec)) {
      next.add(node);
    }
    for (PlanSpec input : node.inputs()) {
      collect(input, next, chains);
    }
  }

  /** A fresh operator for one node of a chain. */
  public static Operator create(PlanSpec spec) {
    if (spec instanceof CalcSpec calc) {
      return new CalcOperator(calc);
    }
    if (spec instanceof UnnestSpec unnest) {
      return new UnnestOperator(unnest);
    }
    if (spec instanceof WindowAssignSpec window) {
      return new WindowAssignOperator(window);
    }
    if (spec instanceof RowFunctionSpec function) {
      return new RowFunctionOperator(function);
    }
    if (spec instanceof PartialAggregateSpec partial) {
      return new PartialAggregateOperator(partial);
    }
    if (spec instanceof AggregateSpec aggregate) {
      return aggregate.panes() == null
          ? new AggregateOperator(aggregate)
          : new PaneWindowAggregateOperator(aggregate);
    }
    if (spec instanceof SessionAggregateSpec sessions) {
      return new SessionWindowAggregateOperator(sessions);
    }
    if (spec instanceof WatermarkSpec watermark) {
      return new WatermarkOperator(watermark);
    }
    if (spec instanceof PaneExpandSpec panes) {
      return new PaneExpandOperator(panes);
    }
    if (spec instanceof LateRowFilterSpec lateRows) {
      return new LateRowFilterOperator(lateRows);
    }
    if (spec instanceof StaticJoinSpec join) {
      return new StaticJoinOperator(join);
    }
    // SortSpec is applied by BatchExecution to a finished result; it never streams.
    throw new IllegalArgumentException(
        "no streaming operator for " + spec.getClass().getSimpleName());
  }

  /** A short name for logs and errors, e.g. {@code Calc}. */
  public static String nameOf(PlanSpec spec) {
    return spec.getClass().getSimpleName().replace("Spec", "");
  }
}
