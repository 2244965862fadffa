package dev.sluice.execution.operator;

import dev.sluice.execution.operator.stateless.CalcOperator;
import dev.sluice.execution.operator.stateless.RowFunctionOperator;
import dev.sluice.execution.operator.stateless.UnnestOperator;
import dev.sluice.execution.plan.CalcSpec;
import dev.sluice.execution.plan.PlanSpec;
import dev.sluice.execution.plan.RowFunctionSpec;
import dev.sluice.execution.plan.ScanSpec;
import dev.sluice.execution.plan.UnionSpec;
import dev.sluice.execution.plan.UnnestSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a physical plan into pipelines. A plan of stateless operators is a tree whose leaves are
 * scans; every leaf becomes one {@link Chain}: the operators on the path from that scan to the
 * root, with UNION ALL dissolved (its inputs simply flow on). Each (chain, source partition) runs
 * as one task with its own operator instances, so no operator is shared across partitions.
 */
public final class PipelineBuilder {
  private PipelineBuilder() {}

  /** The operators from {@code scan} (exclusive) up to the root (inclusive). */
  public record Chain(ScanSpec scan, List<PlanSpec> operators) {
    public Chain {
      operators = List.copyOf(operators);
    }
  }

  public static List<Chain> chains(PlanSpec root) {
    List<Chain> chains = new ArrayList<>();
    collect(root, new ArrayList<>(), chains);
    return chains;
  }

  private static void collect(PlanSpec node, List<PlanSpec> above, List<Chain> chains) {
    if (node instanceof ScanSpec scan) {
      List<PlanSpec> path = new ArrayList<>(above);
      java.util.Collections.reverse(path);
      chains.add(new Chain(scan, path));
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
    if (spec instanceof RowFunctionSpec function) {
      return new RowFunctionOperator(function);
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
