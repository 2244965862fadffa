package dev.sluice.execution.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.type.Schema;

/**
 * A source a query reads, as the checkpoint knows it.
 *
 * @param id unique within the query; the key of the source's offsets in the offset log
 * @param description what it is, e.g. {@code nexmark(table=bid)}; part of the plan fingerprint
 * @param schema the rows it produces
 */
public record SourceSpec(String id, String description, Schema schema) {
  public SourceSpec {
    requireNonNull(id, "id is null");
    requireNonNull(description, "description is null");
    requireNonNull(schema, "schema is null");
  }
}
