package dev.sluice.execution.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.expression.Expression;
import dev.sluice.execution.type.Schema;
import java.util.List;

/**
 * Joins each row of {@code input} (a stream, or the probe side of a one-off join) with a static
 * table: {@code table} is run once, as a one-off query, and its rows are built into a hash table on
 * {@code tableKeys} that every partition probes with {@code inputKeys}. The output is the input's
 * columns followed by the table's.
 *
 * <p>The table is not one of {@link #inputs()}: no task reads it batch by batch, and its sources
 * are not in the enclosing query's offset log (its rows are read when the query starts; see
 * docs/semantics.md, "Stream–static joins").
 *
 * @param inputKeys the input's key columns; row {@code i} matches a table row whose {@code
 *     tableKeys} values equal its {@code inputKeys} values, pairwise, with NULL equal to nothing
 * @param condition the rest of the join condition over the output columns, or null; with {@link
 *     JoinKind#LEFT} it decides which pairs match (an input row without a pair that passes gets
 *     NULLs); an INNER join's is a filter above, so it is always null there
 */
public record StaticJoinSpec(
    PlanSpec input,
    QuerySpec table,
    JoinKind kind,
    List<Integer> inputKeys,
    List<Integer> tableKeys,
    Expression condition,
    Schema schema)
    implements PlanSpec {
  public StaticJoinSpec {
    requireNonNull(input, "input is null");
    requireNonNull(table, "table is null");
    requireNonNull(kind, "kind is null");
    requireNonNull(schema, "schema is null");
    inputKeys = List.copyOf(inputKeys);
    tableKeys = List.copyOf(tableKeys);
    if (inputKeys.size() != tableKeys.size()) {
      throw new IllegalArgumentException("the two sides need as many key columns");
    }
    if (schema.size() != input.schema().size() + table.root().schema().size()) {
      throw new IllegalArgumentException(
          "a join's output is the input's columns, then the table's");
    }
    if (kind == JoinKind.INNER && condition != null) {
      throw new IllegalArgumentException(
          "an INNER join's remaining condition is a filter above it");
    }
  }

  @Override
  public List<PlanSpec> inputs() {
    return List.of(input);
  }

  @Override
  public PlanSpec withInputs(List<PlanSpec> inputs) {
    return new StaticJoinSpec(inputs.get(0), table, kind, inputKeys, tableKeys, condition, schema);
  }
}
