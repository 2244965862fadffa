package dev.sluice.execution.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.execution.expression.Expression;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pane layout of a HOP aggregation, and plan texts that checkpoints depend on. */
class AggregateSpecTest {
  private static final Schema WINDOWED =
      Schema.of(
          Field.nullable("auction", SqlType.BIGINT),
          Field.notNull("window_start", SqlType.TIMESTAMP),
          Field.notNull("window_end", SqlType.TIMESTAMP));
  private static final ScanSpec SCAN = new ScanSpec("bids", WINDOWED);

  /** The record as it was before {@code panes}: its text is what older checkpoints hold. */
  private record Before(
      PlanSpec input,
      int keyCount,
      List<AggregateCall> calls,
      String operatorId,
      Schema schema,
      boolean changelog,
      Expression having,
      int windowEndKey,
      long stateTtlMillis,
      boolean finalRowOnClose,
      int watermarkDepth) {}

  @Test
  void withoutPanesTheTextIsTheOneOlderCheckpointsFingerprinted() {
    AggregateSpec spec =
        new AggregateSpec(SCAN, 3, List.of(), "aggregate-0", WINDOWED, false, null, 2, 0, false, 1);
    Before before =
        new Before(SCAN, 3, List.of(), "aggregate-0", WINDOWED, false, null, 2, 0, false, 1);

    assertThat(spec.toString())
        .isEqualTo(before.toString().replaceFirst("^Before", "AggregateSpec"));
    assertThat(spec.withInputs(List.of(SCAN)).toString()).isEqualTo(spec.toString());
  }

  @Test
  void withPanesTheTextNamesThemAndInputKeysPutTheWindowLast() {
    WindowPanes panes = new WindowPanes(1, 2, 6_000, 2_000);
    AggregateSpec spec =
        new AggregateSpec(
            SCAN, 3, List.of(), "aggregate-0", WINDOWED, false, null, 2, 0, false, 0, panes);

    assertThat(spec.toString()).endsWith(", panes=" + panes + "]");
    assertThat(spec.asChangelog(null).panes()).isEqualTo(panes);
    assertThat(panes.panesPerWindow()).isEqualTo(3);
    // GROUP BY window_start, auction, window_end: auction first among the inputs, then the window
    WindowPanes startFirst = new WindowPanes(0, 2, 6_000, 2_000);
    assertThat(
            List.of(
                startFirst.inputKey(0, 3), startFirst.inputKey(1, 3), startFirst.inputKey(2, 3)))
        .containsExactly(1, 0, 2);
    WindowPanes endFirst = new WindowPanes(2, 0, 6_000, 2_000);
    assertThat(List.of(endFirst.inputKey(0, 3), endFirst.inputKey(1, 3), endFirst.inputKey(2, 3)))
        .containsExactly(2, 0, 1);
  }

  @Test
  void panesNeedTheWindowEndAsWindowEndKeyAndASizeThatIsAMultipleOfTheSlide() {
    assertThatThrownBy(() -> new WindowPanes(1, 2, 5_000, 2_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiple of the slide");
    assertThatThrownBy(
            () ->
                new AggregateSpec(
                    SCAN,
                    3,
                    List.of(),
                    "aggregate-0",
                    WINDOWED,
                    false,
                    null,
                    1,
                    0,
                    false,
                    0,
                    new WindowPanes(0, 2, 6_000, 2_000)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
