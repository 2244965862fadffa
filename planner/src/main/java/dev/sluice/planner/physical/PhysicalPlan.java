package dev.sluice.planner.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.expression.ColumnRef;
import dev.sluice.execution.plan.AggregateSpec;
import dev.sluice.execution.plan.CalcSpec;
import dev.sluice.execution.plan.ExchangeSpec;
import dev.sluice.execution.plan.PlanSpec;
import dev.sluice.execution.plan.QuerySpec;
import dev.sluice.execution.plan.SessionAggregateSpec;
import dev.sluice.execution.type.Schema;
import dev.sluice.planner.catalog.SourceFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A planned query: the specs execution runs, how to make each source, and whether the query is
 * continuous (it reads a stream) or a one-off batch query.
 *
 * @param updating whether result rows can change after they are emitted (an aggregation), so the
 *     query needs update or complete mode
 * @param explain the optimized logical plan, as Calcite prints it
 */
public record PhysicalPlan(
    QuerySpec spec,
    Map<String, SourceFactory> sources,
    boolean streaming,
    boolean updating,
    String explain) {
  public PhysicalPlan {
    requireNonNull(spec, "spec is null");
    sources = Map.copyOf(sources);
  }

  public Schema schema() {
    return spec.root().schema();
  }

  /**
   * Whether the result can be written in append mode: no aggregation, or only aggregations whose
   * groups the watermark closes (windows, or session windows, over a watermarked column), which
   * emit each group once.
   */
  public boolean appendable() {
    return !updating || onlyClosingAggregations(spec.root());
  }

  private static boolean onlyClosingAggregations(PlanSpec spec) {
    if (spec instanceof AggregateSpec aggregate && !aggregate.closesWindows()) {
      return false;
    }
    if (spec instanceof SessionAggregateSpec sessions && !sessions.closesSessions()) {
      return false;
    }
    return spec.inputs().stream().allMatch(PhysicalPlan::onlyClosingAggregations);
  }

  /**
   * The result columns that identify a row in update mode, in key order: an update replaces the
   * earlier row with the same values in them (the group keys of the last aggregation, window bounds
   * included); no columns for a global aggregation, whose one row each update replaces. Empty when
   * rows never change (no aggregation), when the query does not select every key, or when the last
   * aggregation groups session windows, whose bounds an update can move so that the earlier row is
   * not replaced.
   */
  public Optional<List<Integer>> keyColumns() {
    PlanSpec node = spec.root();
    // Where each column of the current node lands in the result, or -1 when it is not selected.
    int[] resultColumn = new int[node.schema().size()];
    Arrays.setAll(resultColumn, i -> i);
    while (!(node instanceof AggregateSpec)) {
      if (node instanceof ExchangeSpec exchange) {
        node = exchange.input();
      } else if (node instanceof CalcSpec calc) {
        int[] below = new int[calc.input().schema().size()];
        Arrays.fill(below, -1);
        for (int i = 0; i < calc.projections().size(); i++) {
          if (calc.projections().get(i) instanceof ColumnRef ref && resultColumn[i] >= 0) {
            below[ref.index()] = resultColumn[i];
          }
        }
        resultColumn = below;
        node = calc.input();
      } else {
        return Optional.empty();
      }
    }
    AggregateSpec aggregate = (AggregateSpec) node;
    if (aggregate.changelog()) {
      return Optional.empty();
    }
    List<Integer> keys = new ArrayList<>();
    for (int key = 0; key < aggregate.keyCount(); key++) {
      if (resultColumn[key] < 0) {
        return Optional.empty();
      }
      keys.add(resultColumn[key]);
    }
    return Optional.of(List.copyOf(keys));
  }

  /**
   * This plan with state TTLs: {@code ttlMillis} maps an aggregation's operator id (e.g. {@code
   * aggregate-0}, as in progress reports) or {@code "*"} (every aggregation without a window end)
   * to the time after which a group not updated is removed.
   *
   * @throws SluiceException naming the operators if an id is unknown or names an aggregation the
   *     watermark already bounds
   */
  public PhysicalPlan withStateTtl(Map<String, Long> ttlMillis) {
    Map<String, AggregateSpec> aggregations = new LinkedHashMap<>();
    collectAggregations(spec.root(), aggregations);
    for (String id : ttlMillis.keySet()) {
      if (id.equals("*")) {
        continue;
      }
      AggregateSpec aggregate = aggregations.get(id);
      if (sessionIds(spec.root()).contains(id)) {
        throw new SluiceException(
            ErrorCode.INVALID_OPTION,
            "option stateTtl."
                + id
                + ": "
                + id
                + " aggregates session windows, which take no state TTL; a watermark on their"
                + " time column closes them");
      }
      if (aggregate == null) {
        throw new SluiceException(
            ErrorCode.INVALID_OPTION,
            "option stateTtl."
                + id
                + " names no stateful operator of this query; its operators are "
                + aggregations.keySet());
      }
      if (aggregate.closesWindows()) {
        throw new SluiceException(
            ErrorCode.INVALID_OPTION,
            "option stateTtl."
                + id
                + ": "
                + id
                + " groups by windows the watermark closes, which already bounds its state;"
                + " a TTL applies to aggregations without an event-time bound");
      }
    }
    PlanSpec root = withTtl(spec.root(), ttlMillis);
    return new PhysicalPlan(
        new QuerySpec(root, spec.sources()), sources, streaming, updating, explain);
  }

  private static List<String> sessionIds(PlanSpec spec) {
    List<String> ids = new ArrayList<>();
    if (spec instanceof SessionAggregateSpec sessions) {
      ids.add(sessions.operatorId());
    }
    spec.inputs().forEach(input -> ids.addAll(sessionIds(input)));
    return ids;
  }

  private static void collectAggregations(PlanSpec spec, Map<String, AggregateSpec> into) {
    if (spec instanceof AggregateSpec aggregate) {
      into.put(aggregate.operatorId(), aggregate);
    }
    spec.inputs().forEach(input -> collectAggregations(input, into));
  }

  private static PlanSpec withTtl(PlanSpec spec, Map<String, Long> ttlMillis) {
    PlanSpec rewritten =
        spec.withInputs(spec.inputs().stream().map(input -> withTtl(input, ttlMillis)).toList());
    if (rewritten instanceof AggregateSpec aggregate && !aggregate.closesWindows()) {
      // An option naming the operator beats a STATE_TTL hint, which beats the option for all.
      Long ttl = ttlMillis.get(aggregate.operatorId());
      if (ttl == null && aggregate.stateTtlMillis() == 0) {
        ttl = ttlMillis.get("*");
      }
      if (ttl != null) {
        return aggregate.withStateTtl(ttl);
      }
    }
    return rewritten;
  }

  /** This plan with every window-closing aggregation also emitting final rows in update mode. */
  public PhysicalPlan withFinalRowsOnClose() {
    return new PhysicalPlan(
        new QuerySpec(finalRowsOnClose(spec.root()), spec.sources()),
        sources,
        streaming,
        updating,
        explain);
  }

  private static PlanSpec finalRowsOnClose(PlanSpec spec) {
    PlanSpec rewritten =
        spec.withInputs(spec.inputs().stream().map(PhysicalPlan::finalRowsOnClose).toList());
    if (rewritten instanceof SessionAggregateSpec sessions && sessions.closesSessions()) {
      return sessions.withFinalRowOnClose();
    }
    return rewritten instanceof AggregateSpec aggregate && aggregate.closesWindows()
        ? aggregate.withFinalRowOnClose()
        : rewritten;
  }

  /** This plan emitting its result as a changelog with a leading {@code op} column. */
  public PhysicalPlan asChangelog() {
    return new PhysicalPlan(ChangelogRewrite.apply(spec), sources, streaming, updating, explain);
  }
}
