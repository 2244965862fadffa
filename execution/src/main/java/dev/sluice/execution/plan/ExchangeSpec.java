package dev.sluice.execution.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.type.Schema;
import java.util.List;

/**
 * Moves every row to the partition that owns its key: key group = murmur3 of the encoded first
 * {@code keyCount} columns mod K, and each partition owns a contiguous range of key groups. The
 * plan's stage boundary: operators below run per source partition, operators above per key-group
 * partition.
 */
public record ExchangeSpec(PlanSpec input, int keyCount) implements PlanSpec {
  public ExchangeSpec {
    requireNonNull(input, "input is null");
    if (keyCount < 0 || keyCount > input.schema().size()) {
      throw new IllegalArgumentException("bad key count " + keyCount);
    }
  }

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
    return new ExchangeSpec(inputs.get(0), keyCount);
  }
}
