package dev.sluice.execution.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.batch.RowKind;
import dev.sluice.execution.expression.Expression;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * The stateful half of an aggregation: merges the partial rows arriving from the exchange (keys
 * first; then one value per column that DISTINCT calls aggregate, in {@link #distinctArguments()}
 * order; then the partial state of each call that is not DISTINCT) into the state of their key, in
 * the state stores of operator {@code operatorId}, and emits the keys followed by each call's
 * result: the changed groups in update mode, all groups in complete mode.
 *
 * <p>With {@code changelog} set, the operator instead emits each change of a group as changelog
 * rows (the result columns followed by a trailing {@code op} column, see {@code RowKind}), and
 * {@code having}, if not null, is the HAVING condition over the result columns: the operator tests
 * it on a group's old and new row, so a group entering or leaving the result becomes +I or -D.
 *
 * <p>{@code windowEndKey}, if not -1, is the key that ends each group's event time: the {@code
 * window_end} of a window over a watermarked column. Once the watermark reaches it the group can
 * get no more rows: in append mode it is emitted then, once, and in every mode but complete it is
 * removed from state.
 *
 * <p>{@code stateTtlMillis}, if positive, bounds an aggregation without a window end on purpose: a
 * group not updated for that long (measured in batch processing time) is removed from state without
 * output; a later row for its key starts a new group.
 *
 * <p>{@code finalRowOnClose} (EMIT EVERY) makes update mode also emit a closing window's final row,
 * so the rows that came early are followed by the final one.
 *
 * <p>{@code watermarkDepth} is the number of window-closing aggregations below this one (0 for an
 * aggregation over the source's windows): it closes its windows by the watermark of the batch that
 * many batches back, since the aggregation below emits a window only in the batch whose watermark
 * closed it.
 *
 * <p>{@code panes}, if not null, makes the aggregation over HOP windows keep its state by pane
 * ({@link WindowPanes}): its input's keys are then laid out as {@link WindowPanes} says, while its
 * result's keys are in the order written, with {@code window_start} and {@code window_end} at
 * {@link WindowPanes#startKey()} and {@code windowEndKey}.
 */
public record AggregateSpec(
    PlanSpec input,
    int keyCount,
    List<AggregateCall> calls,
    String operatorId,
    Schema schema,
    boolean changelog,
    Expression having,
    int windowEndKey,
    long stateTtlMillis,
    boolean finalRowOnClose,
    int watermarkDepth,
    @OmittedWhenNull WindowPanes panes)
    implements PlanSpec {
  public AggregateSpec {
    requireNonNull(input, "input is null");
    calls = List.copyOf(calls);
    requireNonNull(operatorId, "operatorId is null");
    requireNonNull(schema, "schema is null");
    if (having != null && !changelog) {
      throw new IllegalArgumentException("only a changelog aggregation evaluates HAVING itself");
    }
    if (windowEndKey < -1 || windowEndKey >= keyCount) {
      throw new IllegalArgumentException("windowEndKey must be -1 or a key: " + windowEndKey);
    }
    if (stateTtlMillis < 0 || (stateTtlMillis > 0 && windowEndKey >= 0)) {
      throw new IllegalArgumentException(
          "stateTtlMillis must be 0, or positive for an aggregation without a window end");
    }
    if (watermarkDepth < 0 || (watermarkDepth > 0 && windowEndKey < 0)) {
      throw new IllegalArgumentException(
          "watermarkDepth must be 0, or positive for an aggregation with a window end");
    }
    if (panes != null
        && (panes.endKey() != windowEndKey
            || panes.startKey() >= keyCount
            || calls.stream().anyMatch(AggregateCall::distinct)
            || stateTtlMillis > 0)) {
      throw new IllegalArgumentException(
          "panes need the window's keys, the window end as windowEndKey, no DISTINCT and no TTL");
    }
  }

  /** An aggregation without state TTL. */
  public AggregateSpec(
      PlanSpec input,
      int keyCount,
      List<AggregateCall> calls,
      String operatorId,
      Schema schema,
      boolean changelog,
      Expression having,
      int windowEndKey) {
    this(input, keyCount, calls, operatorId, schema, changelog, having, windowEndKey, 0, false, 0);
  }

  /** An aggregation keeping one state per group and window ({@link #panes} null). */
  public AggregateSpec(
      PlanSpec input,
      int keyCount,
      List<AggregateCall> calls,
      String operatorId,
      Schema schema,
      boolean changelog,
      Expression having,
      int windowEndKey,
      long stateTtlMillis,
      boolean finalRowOnClose,
      int watermarkDepth) {
    this(
        input,
        keyCount,
        calls,
        operatorId,
        schema,
        changelog,
        having,
        windowEndKey,
        stateTtlMillis,
        finalRowOnClose,
        watermarkDepth,
        null);
  }

  /** This aggregation emitting a closing window's final row in update mode too. */
  public AggregateSpec withFinalRowOnClose() {
    return new AggregateSpec(
        input,
        keyCount,
        calls,
        operatorId,
        schema,
        changelog,
        having,
        windowEndKey,
        stateTtlMillis,
        true,
        watermarkDepth,
        panes);
  }

  /** This aggregation with its groups expiring after {@code ttlMillis} without an update. */
  public AggregateSpec withStateTtl(long ttlMillis) {
    return new AggregateSpec(
        input,
        keyCount,
        calls,
        operatorId,
        schema,
        changelog,
        having,
        windowEndKey,
        ttlMillis,
        finalRowOnClose,
        watermarkDepth,
        panes);
  }

  /** An aggregation without an event-time key. */
  public AggregateSpec(
      PlanSpec input,
      int keyCount,
      List<AggregateCall> calls,
      String operatorId,
      Schema schema,
      boolean changelog,
      Expression having) {
    this(input, keyCount, calls, operatorId, schema, changelog, having, -1);
  }

  /** Whether a watermark bounds this aggregation's groups (see {@link #windowEndKey()}). */
  public boolean closesWindows() {
    return windowEndKey >= 0;
  }

  /** An aggregation that emits result rows (update and complete mode). */
  public AggregateSpec(
      PlanSpec input, int keyCount, List<AggregateCall> calls, String operatorId, Schema schema) {
    this(input, keyCount, calls, operatorId, schema, false, null);
  }

  /**
   * The input columns DISTINCT calls aggregate, each once, in the order calls first name them: the
   * values arriving after the keys.
   */
  public List<Integer> distinctArguments() {
    return calls.stream()
        .filter(AggregateCall::distinct)
        .map(AggregateCall::argument)
        .distinct()
        .toList();
  }

  /**
   * This aggregation emitting a changelog: schema plus a trailing {@code op} column; {@code having}
   * (over this aggregation's result columns) may be null.
   */
  public AggregateSpec asChangelog(Expression having) {
    List<Field> fields = new ArrayList<>(schema.fields());
    fields.add(Field.notNull(RowKind.COLUMN, SqlType.VARCHAR));
    return new AggregateSpec(
        input,
        keyCount,
        calls,
        operatorId,
        new Schema(fields),
        true,
        having,
        windowEndKey,
        stateTtlMillis,
        finalRowOnClose,
        watermarkDepth,
        panes);
  }

  /**
   * The record's usual text, but without {@code panes} when it is null: the text is part of the
   * plan fingerprint in checkpoints, so aggregations planned before panes existed keep theirs.
   */
  @Override
  public String toString() {
    return "AggregateSpec[input="
        + input
        + ", keyCount="
        + keyCount
        + ", calls="
        + calls
        + ", operatorId="
        + operatorId
        + ", schema="
        + schema
        + ", changelog="
        + changelog
        + ", having="
        + having
        + ", windowEndKey="
        + windowEndKey
        + ", stateTtlMillis="
        + stateTtlMillis
        + ", finalRowOnClose="
        + finalRowOnClose
        + ", watermarkDepth="
        + watermarkDepth
        + (panes == null ? "" : ", panes=" + panes)
        + "]";
  }

  /** Where the result's key {@code resultKey} is among the input's keys. */
  public int inputKey(int resultKey) {
    return panes == null ? resultKey : panes.inputKey(resultKey, keyCount);
  }

  /** The result columns: the keys and each call's result, without a changelog's {@code op}. */
  public Schema resultSchema() {
    return changelog ? new Schema(schema.fields().subList(0, schema.size() - 1)) : schema;
  }

  @Override
  public List<PlanSpec> inputs() {
    return List.of(input);
  }

  @Override
  public PlanSpec withInputs(List<PlanSpec> inputs) {
    return new AggregateSpec(
        inputs.get(0),
        keyCount,
        calls,
        operatorId,
        schema,
        changelog,
        having,
        windowEndKey,
        stateTtlMillis,
        finalRowOnClose,
        watermarkDepth,
        panes);
  }
}
