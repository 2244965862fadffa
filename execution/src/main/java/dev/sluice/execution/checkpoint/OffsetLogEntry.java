package dev.sluice.execution.checkpoint;

import java.util.Map;

/**
 * What batch {@code batchId} reads, written before it runs: per source id, the start and end offset
 * of every partition. A restart re-runs an uncommitted batch with exactly these offsets.
 *
 * @param watermarkMillis the event-time watermark the batch runs with ({@link Long#MIN_VALUE} when
 *     there is none), so a re-run uses the same one
 */
public record OffsetLogEntry(
    long batchId, long timestampMillis, long watermarkMillis, Map<String, SourceOffsets> sources) {
  public OffsetLogEntry {
    sources = Map.copyOf(sources);
  }

  /** Offsets of one source's partitions: the batch reads {@code [start[p], end[p])}. */
  public record SourceOffsets(long[] start, long[] end) {
    public long rowCount() {
      long rows = 0;
      for (int p = 0; p < end.length; p++) {
        rows += end[p] - start[p];
      }
      return rows;
    }
  }
}
