package dev.sluice.api;

import dev.sluice.execution.batch.Row;

/** A typed one-row-to-one-row function for {@link DataFrame#map}. */
@FunctionalInterface
public interface MapFunction {
  Row call(Row row) throws Exception;
}
