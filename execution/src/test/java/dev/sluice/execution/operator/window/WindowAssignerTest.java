package dev.sluice.execution.operator.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.plan.WindowAssignSpec.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowAssignerTest {
  /** The windows containing {@code time}, as {@code [start, end)} pairs in milliseconds. */
  private static List<List<Long>> windows(WindowAssigner assigner, long time) {
    long[] starts = new long[assigner.maxWindowsPerRow()];
    long[] ends = new long[assigner.maxWindowsPerRow()];
    int count = assigner.assign(time, starts, ends);
    List<List<Long>> result = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      result.add(List.of(starts[i], ends[i]));
    }
    return result;
  }

  @Test
  void aTumblingWindowIsHalfOpenSoABoundaryRowStartsTheNextWindow() {
    WindowAssigner tumble = new WindowAssigner(Kind.TUMBLE, 10_000, 10_000, 0);
    assertThat(windows(tumble, 0)).containsExactly(List.of(0L, 10_000L));
    assertThat(windows(tumble, 9_999)).containsExactly(List.of(0L, 10_000L));
    assertThat(windows(tumble, 10_000)).containsExactly(List.of(10_000L, 20_000L));
  }

  @Test
  void timesBefore1970FallIntoTheWindowThatContainsThem() {
    WindowAssigner tumble = new WindowAssigner(Kind.TUMBLE, 10_000, 10_000, 0);
    assertThat(windows(tumble, -1)).containsExactly(List.of(-10_000L, 0L));
    assertThat(windows(tumble, -10_000)).containsExactly(List.of(-10_000L, 0L));
    assertThat(windows(tumble, -10_001)).containsExactly(List.of(-20_000L, -10_000L));
  }

  @Test
  void anOffsetShiftsTheWindowBoundariesEitherWay() {
    WindowAssigner later = new WindowAssigner(Kind.TUMBLE, 10_000, 10_000, 2_000);
    assertThat(windows(later, 1_999)).containsExactly(List.of(-8_000L, 2_000L));
    assertThat(windows(later, 2_000)).containsExactly(List.of(2_000L, 12_000L));
    WindowAssigner earlier = new WindowAssigner(Kind.TUMBLE, 10_000, 10_000, -3_000);
    assertThat(windows(earlier, 0)).containsExactly(List.of(-3_000L, 7_000L));
    assertThat(windows(earlier, 7_000)).containsExactly(List.of(7_000L, 17_000L));
  }

  @Test
  void aHoppingWindowGivesSizeOverSlideWindowsInOrder() {
    WindowAssigner hop = new WindowAssigner(Kind.HOP, 10_000, 5_000, 0);
    assertThat(windows(hop, 7_000)).containsExactly(List.of(0L, 10_000L), List.of(5_000L, 15_000L));
    assertThat(windows(hop, 5_000)).containsExactly(List.of(0L, 10_000L), List.of(5_000L, 15_000L));
    assertThat(windows(hop, 4_999)).containsExactly(List.of(-5_000L, 5_000L), List.of(0L, 10_000L));
    assertThat(windows(hop, -1)).containsExactly(List.of(-10_000L, 0L), List.of(-5_000L, 5_000L));
    WindowAssigner withOffset = new WindowAssigner(Kind.HOP, 6_000, 2_000, 500);
    assertThat(windows(withOffset, 2_500))
        .containsExactly(List.of(-1_500L, 4_500L), List.of(500L, 6_500L), List.of(2_500L, 8_500L));
  }

  @Test
  void aCumulatingWindowGivesEveryStepWindowThatReachesBeyondTheTime() {
    WindowAssigner cumulate = new WindowAssigner(Kind.CUMULATE, 6_000, 2_000, 0);
    assertThat(windows(cumulate, 0))
        .containsExactly(List.of(0L, 2_000L), List.of(0L, 4_000L), List.of(0L, 6_000L));
    assertThat(windows(cumulate, 3_999)).containsExactly(List.of(0L, 4_000L), List.of(0L, 6_000L));
    assertThat(windows(cumulate, 4_000)).containsExactly(List.of(0L, 6_000L));
    assertThat(windows(cumulate, 6_000))
        .containsExactly(
            List.of(6_000L, 8_000L), List.of(6_000L, 10_000L), List.of(6_000L, 12_000L));
    assertThat(windows(cumulate, -1)).containsExactly(List.of(-6_000L, 0L));
    WindowAssigner withOffset = new WindowAssigner(Kind.CUMULATE, 6_000, 2_000, 1_000);
    assertThat(windows(withOffset, 999)).containsExactly(List.of(-5_000L, 1_000L));
  }

  @Test
  void aWindowEndingBeyondTheLargestTimestampIsAnOverflow() {
    WindowAssigner tumble = new WindowAssigner(Kind.TUMBLE, 10_000, 10_000, 0);
    assertThatThrownBy(() -> windows(tumble, Long.MAX_VALUE - 5))
        .isInstanceOf(SluiceException.class)
        .extracting(e -> ((SluiceException) e).code())
        .isEqualTo(ErrorCode.NUMERIC_OVERFLOW);
  }
}
