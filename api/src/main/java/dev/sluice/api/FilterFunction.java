package dev.sluice.api;

import dev.sluice.execution.batch.Row;

/** A typed row predicate for {@link DataFrame#filter(FilterFunction)}. */
@FunctionalInterface
public interface FilterFunction {
  boolean call(Row row) throws Exception;
}
