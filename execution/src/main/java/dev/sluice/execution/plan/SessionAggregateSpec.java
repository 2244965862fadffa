package dev.sluice.execution.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.batch.RowKind;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * An aggregation over session windows: per key (the first {@code keyCount} input columns, by which
 * the exchange below partitioned the rows), the rows whose times in {@code timeColumn} (a
 * TIMESTAMP) are less than {@code gapMillis} apart form one session {@code [first time, last time +
 * gap)}; each session keeps the state of every call. Rows arrive unaggregated (a session's bounds
 * depend on the other rows of its key, so there is no partial stage); a call's argument is an input
 * column.
 *
 * <p>The result is the keys, {@code window_start}, {@code window_end}, then each call's result.
 *
 * <p>{@code closesSessions}: the time column is watermarked, so a session whose end is at or before
 * the watermark is closed (emitted once in append mode, evicted in every mode but complete), and a
 * row that could only form a closed session is dropped as late. {@code finalRowOnClose} (EMIT
 * EVERY) makes update mode also emit a closing session's final row.
 *
 * <p>With {@code changelog} set, the schema ends with an {@code op} column and the operator emits
 * each change of a session as changelog rows: {@code +I} for a new session, {@code -U}/{@code +U}
 * for one that got rows but kept its bounds, {@code -D} for one that a row extended or merged away
 * (its replacement is a {@code +I}).
 */
public record SessionAggregateSpec(
    PlanSpec input,
    int keyCount,
    int timeColumn,
    long gapMillis,
    List<AggregateCall> calls,
    String operatorId,
    Schema schema,
    boolean closesSessions,
    boolean finalRowOnClose,
    boolean changelog)
    implements PlanSpec {
  public SessionAggregateSpec {
    requireNonNull(input, "input is null");
    calls = List.copyOf(calls);
    requireNonNull(operatorId, "operatorId is null");
    requireNonNull(schema, "schema is null");
    if (gapMillis <= 0) {
      throw new IllegalArgumentException("the gap must be positive: " + gapMillis);
    }
    if (timeColumn < keyCount || timeColumn >= input.schema().size()) {
      throw new IllegalArgumentException("the time column must follow the keys: " + timeColumn);
    }
    if (calls.stream().anyMatch(AggregateCall::distinct)) {
      throw new IllegalArgumentException("session aggregations take no DISTINCT calls");
    }
  }

  /** This aggregation emitting a closing session's final row in update mode too. */
  public SessionAggregateSpec withFinalRowOnClose() {
    return new SessionAggregateSpec(
        input,
        keyCount,
        timeColumn,
        gapMillis,
        calls,
        operatorId,
        schema,
        closesSessions,
        true,
        changelog);
  }

  /** This aggregation emitting a changelog: schema plus a trailing {@code op} column. */
  public SessionAggregateSpec asChangelog() {
    List<Field> fields = new ArrayList<>(schema.fields());
    fields.add(Field.notNull(RowKind.COLUMN, SqlType.VARCHAR));
    return new SessionAggregateSpec(
        input,
        keyCount,
        timeColumn,
        gapMillis,
        calls,
        operatorId,
        new Schema(fields),
        closesSessions,
        finalRowOnClose,
        true);
  }

  /** The result columns: keys, window_start, window_end, each call's result; no {@code op}. */
  public Schema resultSchema() {
    return changelog ? new Schema(schema.fields().subList(0, schema.size() - 1)) : schema;
  }

  @Override
  public List<PlanSpec> inputs() {
    return List.of(input);
  }

  @Override
  public PlanSpec withInputs(List<PlanSpec> inputs) {
    return new SessionAggregateSpec(
        inputs.get(0),
        keyCount,
        timeColumn,
        gapMillis,
        calls,
        operatorId,
        schema,
        closesSessions,
        finalRowOnClose,
        changelog);
  }
}
