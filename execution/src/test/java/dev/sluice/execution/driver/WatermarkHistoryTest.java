package dev.sluice.execution.driver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a batch hands operators at each chain depth, and when no-data batches are still due. */
class WatermarkHistoryTest {
  private static final long NONE = Long.MIN_VALUE;

  @Test
  void aBatchHandsDepthDTheWatermarkOfTheBatchDBatchesBack() {
    WatermarkHistory history = new WatermarkHistory(2);
    assertThat(history.forBatch(NONE)).containsExactly(NONE, NONE, NONE);
    history.ran(NONE);
    history.ran(7);
    assertThat(history.forBatch(12)).containsExactly(12L, 7L, NONE);
    history.ran(12);
    history.ran(20);
    // only as many as the deepest operator looks back
    assertThat(history.forBatch(20)).containsExactly(20L, 20L, 12L);
  }

  @Test
  void theDeepestOperatorCatchesUpOnlyAfterDepthPlusOneBatchesWithTheWatermark() {
    WatermarkHistory history = new WatermarkHistory(1);
    assertThat(history.caughtUp(NONE)).isTrue(); // no watermark yet: nothing to close
    history.ran(NONE);
    assertThat(history.caughtUp(7)).isFalse();
    history.ran(7); // the inner aggregation closed by 7, the outer one by none
    assertThat(history.caughtUp(7)).isFalse();
    history.ran(7); // the outer one closed by 7 too
    assertThat(history.caughtUp(7)).isTrue();
    assertThat(history.caughtUp(12)).isFalse();
  }

  @Test
  void withoutChainsOneBatchWithTheWatermarkIsEnough() {
    WatermarkHistory history = new WatermarkHistory(0);
    history.ran(7);
    assertThat(history.caughtUp(7)).isTrue();
    assertThat(history.forBatch(12)).containsExactly(12L);
  }
}
