package dev.sluice.api;

import static java.util.Objects.requireNonNull;

import java.util.function.BiFunction;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.tools.RelBuilder;

/**
 * An aggregate for {@link GroupedData#agg}: {@code functions.sum(col("price")).as("total")}. Made
 * by {@link functions#count}, {@link functions#sum}, {@link functions#min}, {@link functions#max}
 * and {@link functions#avg}.
 */
public final class AggregateColumn {
  private final String name;
  private final Column argument;
  private final BiFunction<RelBuilder, RexNode, RelBuilder.AggCall> call;

  AggregateColumn(
      String name, Column argument, BiFunction<RelBuilder, RexNode, RelBuilder.AggCall> call) {
    this.name = requireNonNull(name, "name is null");
    this.argument = argument;
    this.call = requireNonNull(call, "call is null");
  }

  public AggregateColumn as(String alias) {
    return new AggregateColumn(alias, argument, call);
  }

  String name() {
    return name;
  }

  RelBuilder.AggCall resolve(ColumnContext context) {
    RexNode value = argument == null ? null : argument.resolve(context);
    return call.apply(context.builder(), value).as(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
