package dev.sluice.planner.physical;

import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.plan.AggregateCall;
import dev.sluice.execution.plan.AggregateFunction;
import dev.sluice.execution.plan.AggregateSpec;
import dev.sluice.execution.plan.LateRowFilterSpec;
import dev.sluice.execution.plan.PaneExpandSpec;
import dev.sluice.execution.plan.PartialAggregateSpec;
import dev.sluice.execution.plan.PlanSpec;
import dev.sluice.execution.plan.QuerySpec;
import dev.sluice.execution.plan.SessionAggregateSpec;
import dev.sluice.execution.plan.SourceSpec;
import dev.sluice.execution.plan.StaticJoinSpec;
import dev.sluice.execution.plan.WatermarkSpec;
import dev.sluice.execution.plan.WindowPanes;
import dev.sluice.execution.type.Schema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code EXPLAIN STATE}: for each stateful operator of a plan, in the order data flows through
 * them, what its state holds (the key and the values per key), what bounds it (the watermark, a
 * state TTL, or nothing), what happens to late rows, and what it emits (append, update, complete or
 * changelog rows). Before them, the query's event-time inputs and how their watermarks are made.
 *
 * <p>Written for a person deciding whether a query's state stays bounded: an operator bounded by
 * nothing says so, and says what would bound it.
 */
public final class StateExplanation {
  private static final String INDENT = "  ";

  private final OutputMode mode;
  private final Optional<String> lateRowsSink;
  private final StringBuilder text = new StringBuilder();

  private StateExplanation(OutputMode mode, Optional<String> lateRowsSink) {
    this.mode = mode;
    this.lateRowsSink = lateRowsSink;
  }

  /**
   * The explanation of {@code query} run in {@code mode}.
   *
   * @param lateRowsSink the sink late rows are written to, if the query routes them
   */
  public static String of(QuerySpec query, OutputMode mode, Optional<String> lateRowsSink) {
    StateExplanation explanation = new StateExplanation(mode, lateRowsSink);
    explanation.explain(query.root());
    return explanation.text.toString();
  }

  private void explain(PlanSpec root) {
    text.append("== State ==\n");
    List<WatermarkSpec> watermarks = new ArrayList<>();
    collect(root, WatermarkSpec.class, watermarks);
    for (WatermarkSpec watermark : watermarks) {
      text.append("event time ")
          .append(watermark.inputId())
          .append(": column ")
          .append(watermark.schema().field(watermark.column()).name())
          .append(", watermark = the largest value seen minus ")
          .append(duration(watermark.delayMillis()))
          .append('\n');
    }
    List<StaticJoinSpec> joins = new ArrayList<>();
    collect(root, StaticJoinSpec.class, joins);
    for (StaticJoinSpec join : joins) {
      text.append("static table of a join (")
          .append(
              join.table().sources().stream().map(SourceSpec::id).collect(Collectors.joining(", ")))
          .append("): read and hashed on ")
          .append(
              join.tableKeys().isEmpty()
                  ? "no key (every row is compared)"
                  : join.tableKeys().stream()
                      .map(k -> join.table().root().schema().field(k).name())
                      .collect(Collectors.joining(", ")))
          .append(" when the query starts, held in memory for the run, not in the checkpoint\n");
    }
    List<Stateful> operators = new ArrayList<>();
    stateful(root, null, operators);
    if (operators.isEmpty()) {
      text.append("no stateful operator: each batch's result comes from its own rows alone\n");
      return;
    }
    List<LateRowFilterSpec> filters = new ArrayList<>();
    collect(root, LateRowFilterSpec.class, filters);
    Map<String, LateRowFilterSpec> dropLateRows =
        filters.stream()
            .collect(
                Collectors.toMap(LateRowFilterSpec::operatorId, filter -> filter, (a, b) -> a));
    for (Stateful operator : operators) {
      if (operator.spec() instanceof AggregateSpec aggregate) {
        aggregate(aggregate, operator.consumer(), dropLateRows);
      } else {
        sessions((SessionAggregateSpec) operator.spec(), operator.consumer());
      }
    }
  }

  /** A stateful operator and the stateful operator its rows go to, or null for the sink. */
  private record Stateful(PlanSpec spec, String consumer) {}

  /** The stateful operators under {@code spec}, inputs first. */
  private static void stateful(PlanSpec spec, String consumer, List<Stateful> operators) {
    String own = operatorId(spec);
    for (PlanSpec input : spec.inputs()) {
      stateful(input, own != null ? own : consumer, operators);
    }
    if (own != null) {
      operators.add(new Stateful(spec, consumer));
    }
  }

  private static String operatorId(PlanSpec spec) {
    if (spec instanceof AggregateSpec aggregate) {
      return aggregate.operatorId();
    }
    if (spec instanceof SessionAggregateSpec sessions) {
      return sessions.operatorId();
    }
    return null;
  }

  /**
   * @param dropLateRows by operator, the filter before it that drops its late rows
   */
  private void aggregate(
      AggregateSpec aggregate, String consumer, Map<String, LateRowFilterSpec> dropLateRows) {
    boolean windowed = aggregate.closesWindows();
    text.append(aggregate.operatorId())
        .append(windowed ? ": window aggregation\n" : ": grouped aggregation\n");
    Schema result = aggregate.schema();
    List<String> keys = result.names().subList(0, aggregate.keyCount());
    line("key", keys.isEmpty() ? "none (one global group)" : String.join(", ", keys));
    Optional<PartialAggregateSpec> partial = first(aggregate, PartialAggregateSpec.class);
    Schema arguments = partial.map(p -> p.input().schema()).orElse(null);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < aggregate.calls().size(); i++) {
      AggregateCall call = aggregate.calls().get(i);
      values.add(result.field(aggregate.keyCount() + i).name() + " = " + call(call, arguments));
    }
    line("per key", String.join(", ", values));
    if (aggregate.panes() != null) {
      WindowPanes panes = aggregate.panes();
      line(
          "panes",
          "state is kept per "
              + duration(panes.slideMillis())
              + " pane and key; each window of "
              + duration(panes.sizeMillis())
              + " is merged from its "
              + panes.panesPerWindow()
              + " panes when emitted");
    }
    first(aggregate, PaneExpandSpec.class)
        .ifPresent(
            panes ->
                line(
                    "panes",
                    "rows are pre-aggregated per "
                        + duration(panes.slideMillis())
                        + " pane; each pane's partial result is added to the "
                        + panes.sizeMillis() / panes.slideMillis()
                        + " windows of "
                        + duration(panes.sizeMillis())
                        + " containing it"));
    for (AggregateCall call : aggregate.calls()) {
      if (call.distinct()) {
        line("", "and every distinct value of " + argument(call, arguments) + " in the group");
      }
    }
    String windowEnd = windowed ? keys.get(aggregate.windowEndKey()) : null;
    boolean complete = consumer == null && mode == OutputMode.COMPLETE;
    if (complete) {
      line(
          "bounded by", "nothing: complete mode emits every group every batch, so none is removed");
    } else if (windowed) {
      String removed =
          aggregate.panes() == null
              ? "a group is removed once the watermark passes its " + windowEnd
              : "a pane is removed once the watermark passes the "
                  + windowEnd
                  + " of its last window";
      line(
          "bounded by",
          "the watermark: "
              + removed
              + (aggregate.watermarkDepth() > 0
                  ? " (the watermark of "
                      + batches(aggregate.watermarkDepth())
                      + " back, as each aggregation below emits a window the batch after it"
                      + " closes)"
                  : ""));
    } else if (aggregate.stateTtlMillis() > 0) {
      line(
          "bounded by",
          "state TTL "
              + duration(aggregate.stateTtlMillis())
              + ": a group not updated for that long (processing time) is removed, without output");
    } else {
      line(
          "bounded by",
          "nothing: one entry per distinct key, kept for the query's life; a window over a"
              + " watermarked column, or a state TTL (stateTtl), bounds it");
    }
    LateRowFilterSpec filter = dropLateRows.get(aggregate.operatorId());
    if (filter != null) {
      line(
          "late rows",
          lateRows("whose " + windowEnd + " the watermark has passed", filter.routesLateRows()));
    }
    line("emits", emits(aggregate.changelog(), aggregate.finalRowOnClose(), consumer, "group"));
  }

  private void sessions(SessionAggregateSpec sessions, String consumer) {
    text.append(sessions.operatorId())
        .append(": session windows, gap ")
        .append(duration(sessions.gapMillis()))
        .append('\n');
    Schema input = sessions.input().schema();
    List<String> keys = input.names().subList(0, sessions.keyCount());
    line("key", keys.isEmpty() ? "none (one global sequence)" : String.join(", ", keys));
    List<String> values = new ArrayList<>();
    Schema result = sessions.schema();
    int firstCall = sessions.keyCount() + 2; // after the keys, window_start and window_end
    for (int i = 0; i < sessions.calls().size(); i++) {
      values.add(result.field(firstCall + i).name() + " = " + call(sessions.calls().get(i), input));
    }
    line(
        "per key",
        "its open sessions (window_start, window_end by "
            + input.field(sessions.timeColumn()).name()
            + ")"
            + (values.isEmpty() ? "" : ", each with " + String.join(", ", values)));
    boolean complete = consumer == null && mode == OutputMode.COMPLETE;
    if (complete) {
      line("bounded by", "nothing: complete mode emits every session every batch");
    } else if (sessions.closesSessions()) {
      line("bounded by", "the watermark: a session is removed once the watermark passes its end");
      line("late rows", lateRows("that could only form a session the watermark has passed", true));
    } else {
      line(
          "bounded by",
          "nothing: "
              + input.field(sessions.timeColumn()).name()
              + " has no watermark, so no session ever closes; declare one (WATERMARK FOR)");
    }
    line("emits", emits(sessions.changelog(), sessions.finalRowOnClose(), consumer, "session"));
  }

  private static String batches(int count) {
    return count == 1 ? "1 batch" : count + " batches";
  }

  /**
   * @param routed whether they go to the late-rows sink (rows of a chained aggregation do not)
   */
  private String lateRows(String which, boolean routed) {
    String dropped = "rows " + which + " are dropped and counted (lateRows in progress)";
    if (lateRowsSink.isEmpty()) {
      return dropped;
    }
    return routed
        ? dropped + ", and written to sink " + lateRowsSink.get()
        : dropped + "; not written to sink " + lateRowsSink.get() + ", which holds input rows";
  }

  /** What an operator emits, in the query's output mode (or to the operator above it). */
  private String emits(boolean changelog, boolean finalRow, String consumer, String group) {
    if (changelog) {
      return "changelog: +I for a new "
          + group
          + ", -U/+U when one changes, -D when one leaves the result";
    }
    if (consumer != null) {
      return "each " + group + " once, when the watermark closes it, to " + consumer;
    }
    return switch (mode) {
      case APPEND -> "append: each " + group + " once, when the watermark passes its end";
      case UPDATE ->
          "update: the "
              + group
              + "s each batch changed"
              + (finalRow ? ", and each one's final row when it closes (EMIT EVERY)" : "");
      case COMPLETE -> "complete: every " + group + ", every batch";
      case CHANGELOG -> "changelog rows";
    };
  }

  private void line(String label, String value) {
    String padded = label.isEmpty() ? "" : label + ":";
    text.append(INDENT)
        .append(padded)
        .append(" ".repeat(Math.max(1, 12 - padded.length())))
        .append(value)
        .append('\n');
  }

  private static String call(AggregateCall call, Schema arguments) {
    if (call.function() == AggregateFunction.COUNT_STAR) {
      return "COUNT(*)";
    }
    return call.function().name()
        + "("
        + (call.distinct() ? "DISTINCT " : "")
        + argument(call, arguments)
        + ")";
  }

  private static String argument(AggregateCall call, Schema arguments) {
    return arguments != null && call.argument() < arguments.size()
        ? arguments.field(call.argument()).name()
        : "$" + call.argument();
  }

  /** The first node of {@code type} below {@code spec}, not looking past another stateful one. */
  private static <T extends PlanSpec> Optional<T> first(PlanSpec spec, Class<T> type) {
    for (PlanSpec input : spec.inputs()) {
      if (type.isInstance(input)) {
        return Optional.of(type.cast(input));
      }
      if (operatorId(input) == null) {
        Optional<T> found = first(input, type);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static <T extends PlanSpec> void collect(PlanSpec spec, Class<T> type, List<T> found) {
    for (PlanSpec input : spec.inputs()) {
      collect(input, type, found);
    }
    if (type.isInstance(spec)) {
      found.add(type.cast(spec));
    }
  }

  /** {@code 5 s}, {@code 1 min}, {@code 1 h 30 min}, {@code 250 ms}. */
  static String duration(long millis) {
    Duration duration = Duration.ofMillis(millis);
    List<String> parts = new ArrayList<>();
    if (duration.toDaysPart() > 0) {
      parts.add(duration.toDaysPart() + " d");
    }
    if (duration.toHoursPart() > 0) {
      parts.add(duration.toHoursPart() + " h");
    }
    if (duration.toMinutesPart() > 0) {
      parts.add(duration.toMinutesPart() + " min");
    }
    if (duration.toSecondsPart() > 0) {
      parts.add(duration.toSecondsPart() + " s");
    }
    if (duration.toMillisPart() > 0 || parts.isEmpty()) {
      parts.add(duration.toMillisPart() + " ms");
    }
    return String.join(" ", parts).toLowerCase(Locale.ROOT);
  }
}
