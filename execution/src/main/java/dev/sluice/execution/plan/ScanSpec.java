package dev.sluice.execution.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.type.Schema;
import java.util.List;

/** Reads the source known to the query as {@code sourceId} (see {@link QuerySpec#sources()}). */
public record ScanSpec(String sourceId, Schema schema) implements PlanSpec {
  public ScanSpec {
    requireNonNull(sourceId, "sourceId is null");
    requireNonNull(schema, "schema is null");
  }

  @Override
  public List<PlanSpec> inputs() {
    return List.of();
  }

  @Override
  public PlanSpec withInputs(List<PlanSpec> inputs) {
    return this;
  }
}
