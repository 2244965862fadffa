package dev.sluice.execution.expression;

import dev.sluice.execution.batch.Row;
import java.util.function.Consumer;

/**
 * A user's row-at-a-time Java function: emits zero or more rows per input row. The API adapts typed
 * {@code map}, {@code flatMap} and {@code filter} lambdas to this.
 */
@FunctionalInterface
public interface RowFunction {
  void apply(Row row, Consumer<Row> out) throws Exception;
}
