package dev.sluice.execution.eventtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WatermarkTrackerTest {
  private static WatermarkTracker tracker(WatermarkPolicy policy, long idleTimeout) {
    return new WatermarkTracker(Map.of("a", 0L, "b", 100L), policy, idleTimeout);
  }

  @Test
  void noEventsMeansNoWatermarkAndAZeroDelayIsTheLargestEventTime() {
    WatermarkTracker tracker = tracker(WatermarkPolicy.MIN, Long.MAX_VALUE);
    tracker.update(Map.of(), 0);
    assertThat(tracker.watermark()).isEqualTo(Long.MIN_VALUE);
    tracker.update(Map.of("a", 1_000L), 0);
    assertThat(tracker.watermark()).isEqualTo(1_000L);
    assertThat(tracker.inputWatermarks()).containsExactly(Map.entry("a", 1_000L));
  }

  @Test
  void aDelayBelowTheSmallestTimeDoesNotWrapAround() {
    WatermarkTracker tracker = tracker(WatermarkPolicy.MIN, Long.MAX_VALUE);
    tracker.update(Map.of("b", Long.MIN_VALUE + 5), 0);
    assertThat(tracker.watermark()).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void inputsUnknownToThePlanAreIgnoredAndTheWatermarkOnlyMovesForward() {
    WatermarkTracker tracker = tracker(WatermarkPolicy.MAX, Long.MAX_VALUE);
    tracker.update(Map.of("a", 500L, "zzz", 9_999L), 0);
    assertThat(tracker.maxima()).containsOnlyKeys("a");
    tracker.restore(Map.of("a", 200L), Map.of("a", 0L), 150L, 0);
    tracker.update(Map.of("a", 100L), 0);
    assertThat(tracker.watermark()).isEqualTo(200L);
  }

  @Test
  void anIdleInputIsLeftOutUntilItSeesEventsAgain() {
    WatermarkTracker tracker = tracker(WatermarkPolicy.MIN, 1_000);
    tracker.update(Map.of("a", 5_000L, "b", 1_100L), 0);
    assertThat(tracker.watermark()).isEqualTo(1_000L);
    tracker.update(Map.of("a", 9_000L), 1_001);
    assertThat(tracker.watermark()).isEqualTo(9_000L);
    tracker.update(Map.of("b", 2_000L), 1_002); // b is back, but the watermark never goes back
    assertThat(tracker.watermark()).isEqualTo(9_000L);
  }

  @Test
  void anInputGoesIdleWithoutABatchWhenTheClockPassesItsTimeout() {
    WatermarkTracker tracker = tracker(WatermarkPolicy.MIN, 1_000);
    tracker.update(Map.of("a", 5_000L, "b", 1_100L), 0);
    tracker.update(Map.of("a", 9_000L), 500);
    assertThat(tracker.watermark()).isEqualTo(1_000L);

    tracker.advanceTo(1_000); // b idle for exactly the timeout: still holds it back
    assertThat(tracker.watermark()).isEqualTo(1_000L);
    tracker.advanceTo(1_001);
    assertThat(tracker.watermark()).isEqualTo(9_000L);
  }

  @Test
  void aRestoredInputKeepsWhenItWasLastActive() {
    WatermarkTracker before = tracker(WatermarkPolicy.MIN, 1_000);
    before.update(Map.of("a", 5_000L, "b", 1_100L), 0);
    before.update(Map.of("a", 9_000L), 500);

    WatermarkTracker restarted = tracker(WatermarkPolicy.MIN, 1_000);
    restarted.restore(before.maxima(), before.lastActive(), before.watermark(), 900);
    restarted.advanceTo(1_001);

    assertThat(restarted.watermark()).isEqualTo(9_000L);
  }

  @Test
  void aCheckpointWithoutLastActiveTimesCountsItsInputsActiveAtTheRestart() {
    WatermarkTracker tracker = tracker(WatermarkPolicy.MIN, 1_000);
    tracker.restore(Map.of("a", 9_000L, "b", 1_100L), null, 1_000L, 900);
    tracker.update(Map.of("a", 9_500L), 1_500);
    assertThat(tracker.watermark()).isEqualTo(1_000L); // b, active at the restart, holds it
    tracker.advanceTo(1_901);
    assertThat(tracker.watermark()).isEqualTo(9_500L);
  }
}
