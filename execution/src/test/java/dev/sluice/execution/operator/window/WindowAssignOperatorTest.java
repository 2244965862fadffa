package dev.sluice.execution.operator.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.expression.UserFunctions;
import dev.sluice.execution.plan.ScanSpec;
import dev.sluice.execution.plan.WindowAssignSpec;
import dev.sluice.execution.plan.WindowAssignSpec.Kind;
import dev.sluice.execution.testing.OperatorHarness;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowAssignOperatorTest {
  private static final Schema INPUT =
      Schema.of(Field.nullable("id", SqlType.BIGINT), Field.nullable("ts", SqlType.TIMESTAMP));
  private static final Schema OUTPUT =
      Schema.of(
          INPUT.field(0),
          INPUT.field(1),
          Field.notNull("window_start", SqlType.TIMESTAMP),
          Field.notNull("window_end", SqlType.TIMESTAMP),
          Field.notNull("window_time", SqlType.TIMESTAMP));

  private static LocalDateTime at(int second, int millis) {
    return LocalDateTime.of(2024, 1, 1, 0, 0, second).plusNanos(millis * 1_000_000L);
  }

  private static WindowAssignOperator operator(Kind kind, long size, long slide) {
    return new WindowAssignOperator(
        new WindowAssignSpec(new ScanSpec("s", INPUT), 1, kind, size, slide, 0, OUTPUT));
  }

  private static Row row(long id, LocalDateTime ts, int start, int end) {
    return Row.of(id, ts, at(start, 0), at(end, 0), at(end, 0).minusNanos(1_000_000));
  }

  @Test
  void tumbleAppendsTheWindowToEveryRowAndPassesWatermarksAndEndOfInput() {
    try (OperatorHarness harness =
        new OperatorHarness(operator(Kind.TUMBLE, 10_000, 10_000), INPUT, 2, new UserFunctions())) {
      harness.process(Row.of(1L, at(9, 999)), Row.of(2L, at(10, 0)), Row.of(3L, at(25, 0)));
      harness.watermark(42).endOfInput();
      assertThat(harness.output())
          .containsExactly(
              row(1L, at(9, 999), 0, 10), row(2L, at(10, 0), 10, 20), row(3L, at(25, 0), 20, 30));
      assertThat(harness.outputBatches()).extracting(List::size).containsExactly(2, 1);
      assertThat(harness.watermarks()).containsExactly(42L);
      assertThat(harness.endsOfInput()).isEqualTo(1);
    }
  }

  @Test
  void rowsWithANullTimeAreDroppedInEveryKind() {
    for (Kind kind : Kind.values()) {
      long slide = kind == Kind.TUMBLE ? 10_000 : 5_000;
      try (OperatorHarness harness =
          new OperatorHarness(operator(kind, 10_000, slide), INPUT, 2, new UserFunctions())) {
        harness.process(Row.of(1L, null), Row.of(2L, at(1, 0)), Row.of(3L, null));
        assertThat(harness.output()).extracting(r -> r.get(0)).containsOnly(2L);
        assertThat(harness.output()).isNotEmpty();
      }
    }
  }

  @Test
  void hopRepeatsEachRowPerWindowAndCutsBatchesAtTheChunkSize() {
    try (OperatorHarness harness =
        new OperatorHarness(operator(Kind.HOP, 6_000, 2_000), INPUT, 2, new UserFunctions())) {
      harness.process(Row.of(1L, at(5, 0)), Row.of(2L, null), Row.of(3L, at(6, 0)));
      assertThat(harness.output())
          .containsExactly(
              row(1L, at(5, 0), 0, 6),
              row(1L, at(5, 0), 2, 8),
              row(1L, at(5, 0), 4, 10),
              row(3L, at(6, 0), 2, 8),
              row(3L, at(6, 0), 4, 10),
              row(3L, at(6, 0), 6, 12));
      // Each 2-row input chunk becomes 3 rows, cut into batches of at most 2.
      assertThat(harness.outputBatches()).extracting(List::size).containsExactly(2, 1, 2, 1);
    }
  }

  @Test
  void cumulateGivesOneRowPerGrowingWindowThatContainsTheTime() {
    try (OperatorHarness harness =
        new OperatorHarness(operator(Kind.CUMULATE, 6_000, 2_000), INPUT, 3, new UserFunctions())) {
      harness.process(Row.of(1L, at(1, 0)), Row.of(2L, at(4, 0)));
      assertThat(harness.output())
          .containsExactly(
              row(1L, at(1, 0), 0, 2),
              row(1L, at(1, 0), 0, 4),
              row(1L, at(1, 0), 0, 6),
              row(2L, at(4, 0), 0, 6));
      assertThat(harness.outputBatches()).extracting(List::size).containsExactly(3, 1);
    }
  }
}
