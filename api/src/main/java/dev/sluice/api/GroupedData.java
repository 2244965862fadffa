package dev.sluice.api;

import java.util.Arrays;
import java.util.List;

/**
 * The result of {@link DataFrame#groupBy}: choose the aggregates with {@link #agg} or {@link
 * #count()}. Over a stream the result is kept up to date from state; run it with {@code
 * outputMode("update")} or {@code "complete"}.
 */
public final class GroupedData {
  private final DataFrame input;
  private final List<Column> keys;

  GroupedData(DataFrame input, List<Column> keys) {
    this.input = input;
    this.keys = List.copyOf(keys);
  }

  /** The keys followed by the aggregates, e.g. {@code agg(count(), sum(col("price")))}. */
  public DataFrame agg(AggregateColumn... aggregates) {
    return input.aggregate(keys, Arrays.asList(aggregates));
  }

  /** The keys and a {@code count} column of rows per group. */
  public DataFrame count() {
    return agg(functions.count().as("count"));
  }
}
