package dev.sluice.sources.nexmark;

/**
 * Deals the global event numbers 0, 1, 2, ... over the partitions in blocks of 50 (one period of
 * the event mix), round-robin: partition {@code p} holds blocks {@code p, p + N, p + 2N, ...}, and
 * its offset {@code k} is global event {@code ((k / 50) * N + p) * 50 + k % 50}.
 *
 * <p>Whole blocks, rather than single events, keep the 1 : 3 : 46 mix in every partition: dealing
 * single events to N partitions would give a partition only people when N is 50, or no people at
 * all for odd p when N is 2.
 */
final class EventPartitioning {
  static final int BLOCK = EventMix.TOTAL_PROPORTION;

  private final int partitions;

  EventPartitioning(int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be positive: " + partitions);
    }
    this.partitions = partitions;
  }

  /** The global event number at {@code offset} of {@code partition}. */
  long eventNumber(int partition, long offset) {
    long block = offset / BLOCK * partitions + partition;
    return block * BLOCK + offset % BLOCK;
  }

  /**
   * The end offset of {@code partition} when the global events {@code 0 .. total - 1} exist: how
   * many of them the partition holds.
   */
  long offsetBelow(int partition, long total) {
    long fullBlocks = total / BLOCK;
    long mine = fullBlocks > partition ? (fullBlocks - partition - 1) / partitions + 1 : 0;
    long offset = mine * BLOCK;
    if (fullBlocks % partitions == partition) {
      offset += total % BLOCK;
    }
    return offset;
  }
}
