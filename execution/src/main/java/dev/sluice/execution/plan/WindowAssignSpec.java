package dev.sluice.execution.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.TypeKind;
import java.util.List;

/**
 * Window assignment (the window table functions {@code TUMBLE}, {@code HOP}, {@code CUMULATE}):
 * each input row whose TIMESTAMP column {@code timeColumn} is not NULL is emitted once per window
 * that contains its time, with three columns appended: {@code window_start}, {@code window_end} and
 * {@code window_time} (= {@code window_end} − 1 ms). Rows with a NULL time are dropped.
 *
 * <p>Windows are half-open, {@code [start, end)}, aligned so that a window starts at {@code
 * offsetMillis} plus a multiple of {@code slideMillis} (TUMBLE, HOP) or of {@code sizeMillis}
 * (CUMULATE). {@code slideMillis} is the hop of HOP, the step of CUMULATE, and equals {@code
 * sizeMillis} for TUMBLE; {@code sizeMillis} is always a positive multiple of it.
 */
public record WindowAssignSpec(
    PlanSpec input,
    int timeColumn,
    Kind kind,
    long sizeMillis,
    long slideMillis,
    long offsetMillis,
    Schema schema)
    implements PlanSpec {

  /** The window table function. */
  public enum Kind {
    /** Fixed-size windows that do not overlap: one window per row. */
    TUMBLE,
    /** Fixed-size windows starting every slide: size / slide windows per row. */
    HOP,
    /** Windows that all start at the same point and grow by a step up to the size. */
    CUMULATE
  }

  public WindowAssignSpec {
    requireNonNull(input, "input is null");
    requireNonNull(kind, "kind is null");
    requireNonNull(schema, "schema is null");
    if (input.schema().field(timeColumn).type().kind() != TypeKind.TIMESTAMP) {
      throw new IllegalArgumentException("the time column must be a TIMESTAMP");
    }
    if (sizeMillis <= 0 || slideMillis <= 0 || sizeMillis % slideMillis != 0) {
      throw new IllegalArgumentException(
          "the size must be a positive multiple of a positive slide: "
              + sizeMillis
              + ", "
              + slideMillis);
    }
    if (kind == Kind.TUMBLE && slideMillis != sizeMillis) {
      throw new IllegalArgumentException("a tumbling window slides by its size");
    }
    if (schema.size() != input.schema().size() + 3) {
      throw new IllegalArgumentException(
          "the output must be the input columns plus window_start, window_end and window_time");
    }
  }

  @Override
  public List<PlanSpec> inputs() {
    return List.of(input);
  }

  @Override
  public PlanSpec withInputs(List<PlanSpec> inputs) {
    return new WindowAssignSpec(
        inputs.get(0), timeColumn, kind, sizeMillis, slideMillis, offsetMillis, schema);
  }
}
