package dev.sluice.benchmarks.nexmark;

import dev.sluice.benchmarks.nexmark.HandWrittenWindowAggregation.LongCombineMap;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The outer aggregation of {@code q5max} in {@link HandWrittenWindowAggregation}: the highest
 * per-auction count of each window, over the inner windows as they close, emitted when the engine's
 * chained aggregation emits it — one batch after the inner windows close, since the outer
 * aggregation of batch b closes windows by the watermark of batch b − 1 ({@code docs/semantics.md},
 * "Chained windowed aggregations"). Used on the driver thread only.
 */
final class HandWrittenWindowMax {
  private final long sizeMillis;

  /** Window start → one entry (key 0) holding the highest count seen so far. */
  private final TreeMap<Long, LongCombineMap> windows = new TreeMap<>();

  private final long[] checksum = new long[3];
  private long outputRows;
  private long previousWatermark = Long.MIN_VALUE;

  HandWrittenWindowMax(long sizeMillis) {
    this.sizeMillis = sizeMillis;
  }

  /** Takes one shard's closed inner windows: window start → that shard's highest count. */
  void add(LongCombineMap maxima) {
    for (int i = 0, n = maxima.size(); i < n; i++) {
      windows
          .computeIfAbsent(maxima.keyAt(i), w -> new LongCombineMap(16, true))
          .add(0, maxima.valueAt(i));
    }
  }

  /**
   * Ends a batch that ran with {@code watermark}: emits and evicts the windows that end at or
   * before the previous batch's watermark.
   */
  void endBatch(long watermark, int chunk, BufferAllocator allocator) {
    outputRows +=
        HandWrittenWindowAggregation.emitClosed(
            windows, sizeMillis, false, previousWatermark, chunk, allocator, checksum);
    previousWatermark = watermark;
  }

  /** The rows emitted and the sums of (window_start, window_end, top) over them. */
  HandWrittenWindowAggregation.Result result() {
    return new HandWrittenWindowAggregation.Result(outputRows, checksum.clone());
  }
}
