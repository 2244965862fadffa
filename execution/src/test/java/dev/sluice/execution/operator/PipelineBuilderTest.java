package dev.sluice.execution.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.plan.AggregateSpec;
import dev.sluice.execution.plan.ExchangeSpec;
import dev.sluice.execution.plan.PartialAggregateSpec;
import dev.sluice.execution.plan.PlanSpec;
import dev.sluice.execution.plan.ScanSpec;
import dev.sluice.execution.plan.UnionSpec;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a plan is cut into stages at its exchanges. */
class PipelineBuilderTest {
  private static final Schema KEY = Schema.of(Field.nullable("k", SqlType.BIGINT));

  private static ExchangeSpec exchangeOver(PlanSpec input) {
    return new ExchangeSpec(new PartialAggregateSpec(input, List.of(0), List.of(), KEY), 1);
  }

  private static AggregateSpec aggregate(ExchangeSpec exchange, String id) {
    return new AggregateSpec(exchange, 1, List.of(), id, KEY);
  }

  @Test
  void chainedAggregationsAreStagesEachReadingTheOneBelow() {
    ExchangeSpec lower = exchangeOver(new ScanSpec("bids", KEY));
    ExchangeSpec upper = exchangeOver(aggregate(lower, "aggregate-0"));
    AggregateSpec root = aggregate(upper, "aggregate-1");

    assertThat(PipelineBuilder.exchanges(root)).containsExactly(upper, lower);
    assertThat(PipelineBuilder.exchangeBelow(root)).contains(upper);
    // the middle stage: from the lower exchange up to the partial aggregation below the upper one
    List<PipelineBuilder.Chain> middle = PipelineBuilder.chains(upper.input());
    assertThat(middle).hasSize(1);
    assertThat(middle.get(0).leaf()).isEqualTo(lower);
    assertThat(middle.get(0).operators())
        .extracting(PipelineBuilder::nameOf)
        .containsExactly("Aggregate", "PartialAggregate");
  }

  @Test
  void aPlanWithoutAggregationIsOneStage() {
    assertThat(PipelineBuilder.exchanges(new ScanSpec("bids", KEY))).isEmpty();
  }

  @Test
  void aStageReadingTwoExchangesIsRefused() {
    PlanSpec union =
        new UnionSpec(
            List.of(
                aggregate(exchangeOver(new ScanSpec("a", KEY)), "aggregate-0"),
                aggregate(exchangeOver(new ScanSpec("b", KEY)), "aggregate-1")),
            KEY);
    assertThatThrownBy(() -> PipelineBuilder.exchanges(union))
        .isInstanceOfSatisfying(
            SluiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FEATURE))
        .hasMessageContaining("2 aggregations");
  }
}
