package dev.sluice.api;

import dev.sluice.execution.batch.Row;

/** A typed one-row-to-many-rows function for {@link DataFrame#flatMap}. */
@FunctionalInterface
public interface FlatMapFunction {
  Iterable<Row> call(Row row) throws Exception;
}
