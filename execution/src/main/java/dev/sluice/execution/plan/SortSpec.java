package dev.sluice.execution.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.type.Schema;
import java.util.List;

/**
 * ORDER BY / LIMIT / OFFSET in a one-off query over static tables: all of the input, ordered by
 * {@code keys}, without the first {@code offset} rows, at most {@code fetch} rows (-1: all). A
 * pipeline breaker that {@code BatchExecution} materializes; a stream has no last row, so
 * continuous plans never contain it.
 */
public record SortSpec(PlanSpec input, List<SortKey> keys, long offset, long fetch)
    implements PlanSpec {
  public SortSpec {
    requireNonNull(input, "input is null");
    keys = List.copyOf(keys);
  }

  /** One ordering column; NULLs sort as {@code nullsFirst} says. */
  public record SortKey(int column, boolean descending, boolean nullsFirst) {}

  @Override
  public Schema schema() {
    return input.schema();
  }

  @Override
  public List<PlanSpec> inputs() {
    return List.of(input);
  }

  @Override
  public PlanSpec withInputs(List<PlanSpec> inputs) {
    return new SortSpec(inputs.get(0), keys, offset, fetch);
  }
}
