package dev.sluice.state;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * The key groups of a query: the unit in which keyed state is stored, moved and assigned.
 *
 * <p>A query has a fixed number {@code K} of key groups, a power of two (default {@value
 * #DEFAULT_COUNT}). A key's key group is {@code murmur3_32(keyBytes, seed 0) mod K}, computed over
 * the key's encoded bytes with {@link Murmur3}, which is stable across JVMs and Sluice versions.
 * The exchange routes a row to the partition owning its key's key group, and a stateful operator
 * keeps one {@link StateStore} per key group, so a key group (and its state) can move between
 * partitions, threads or machines without rehashing any key.
 *
 * <p><b>{@code K} is fixed when a query first starts and never changes.</b> The caller (the
 * micro-batch driver) chooses it at the first start, records it in the query's checkpoint and
 * passes the recorded value on every restart; this class does not persist it. Changing it would
 * send existing keys to other key groups whose stores do not hold their state. The number of
 * partitions {@code P} may change between restarts ({@code 1 <= P <= K}): partition {@code p} owns
 * the contiguous range {@link #rangeOf(int, int) rangeOf(p, P)}; the ranges cover every key group
 * exactly once and differ in size by at most one.
 *
 * <p>The exchange and the operator must hash the same bytes for the same key: the bytes that the
 * operator uses as its state key, or another encoding that both sides share.
 *
 * <p>Immutable and thread-safe.
 */
public final class KeyGroups {
  /** The default number of key groups. */
  public static final int DEFAULT_COUNT = 128;

  /** The largest supported number of key groups. */
  public static final int MAX_COUNT = 1 << 15;

  /** The murmur3 seed of the key-group hash; part of the checkpoint format, never change it. */
  public static final int HASH_SEED = 0;

  private static final KeyGroups DEFAULT = new KeyGroups(DEFAULT_COUNT);

  private final int count;

  private KeyGroups(int count) {
    this.count = count;
  }

  /**
   * The key groups of a query with {@code count} key groups.
   *
   * @throws IllegalArgumentException unless {@code count} is a power of two in [1, {@value
   *     #MAX_COUNT}]
   */
  public static KeyGroups of(int count) {
    if (count < 1 || count > MAX_COUNT || Integer.bitCount(count) != 1) {
      throw new IllegalArgumentException(
          "the number of key groups must be a power of two between 1 and "
              + MAX_COUNT
              + ", but was "
              + count
              + "; the default is "
              + DEFAULT_COUNT);
    }
    return count == DEFAULT_COUNT ? DEFAULT : new KeyGroups(count);
  }

  /** {@value #DEFAULT_COUNT} key groups. */
  public static KeyGroups defaults() {
    return DEFAULT;
  }

  /** The number {@code K} of key groups. */
  public int count() {
    return count;
  }

  /**
   * The stable hash of a key from which its key group is taken: {@code murmur3_32(key, seed 0)}.
   */
  public static int hash(byte[] key) {
    requireNonNull(key, "key is null");
    return Murmur3.hash32(key, 0, key.length, HASH_SEED);
  }

  /**
   * The key group of the key whose encoded bytes are {@code key}.
   *
   * @throws NullPointerException if {@code key} is null
   */
  public int keyGroupOf(byte[] key) {
    return keyGroupOfHash(hash(key));
  }

  /**
   * The key group of the key encoded in {@code bytes[offset, offset + length)}.
   *
   * @throws IndexOutOfBoundsException if the range is not inside {@code bytes}
   */
  public int keyGroupOf(byte[] bytes, int offset, int length) {
    return keyGroupOfHash(Murmur3.hash32(bytes, offset, length, HASH_SEED));
  }

  /**
   * The key group of a key whose {@link #hash(byte[]) hash} is {@code hash}: the hash, read as an
   * unsigned 32-bit number, modulo {@code K}.
   */
  public int keyGroupOfHash(int hash) {
    return hash & (count - 1);
  }

  /**
   * The key groups owned by partition {@code partition} of {@code numPartitions}: {@code
   * [ceil(p*K/P), ceil((p+1)*K/P))}.
   *
   * @throws IllegalArgumentException unless {@code 1 <= numPartitions <= K} and {@code 0 <=
   *     partition < numPartitions}
   */
  public KeyGroupRange rangeOf(int partition, int numPartitions) {
    checkPartitions(numPartitions);
    if (partition < 0 || partition >= numPartitions) {
      throw new IllegalArgumentException(
          "partition " + partition + " is outside [0, " + numPartitions + ")");
    }
    return new KeyGroupRange(
        ceilDiv((long) partition * count, numPartitions),
        ceilDiv((long) (partition + 1) * count, numPartitions));
  }

  /**
   * The ranges of all {@code numPartitions} partitions, in partition order.
   *
   * @throws IllegalArgumentException unless {@code 1 <= numPartitions <= K}
   */
  public List<KeyGroupRange> assign(int numPartitions) {
    checkPartitions(numPartitions);
    List<KeyGroupRange> ranges = new ArrayList<>(numPartitions);
    for (int p = 0; p < numPartitions; p++) {
      ranges.add(rangeOf(p, numPartitions));
    }
    return List.copyOf(ranges);
  }

  /**
   * The partition that owns {@code keyGroup} when there are {@code numPartitions} partitions: the
   * inverse of {@link #rangeOf(int, int)}, {@code floor(keyGroup * P / K)}.
   *
   * @throws IllegalArgumentException unless {@code 1 <= numPartitions <= K} and {@code 0 <=
   *     keyGroup < K}
   */
  public int partitionOf(int keyGroup, int numPartitions) {
    checkPartitions(numPartitions);
    if (keyGroup < 0 || keyGroup >= count) {
      throw new IllegalArgumentException(
          "key group " + keyGroup + " is outside [0, " + count + ")");
    }
    return (int) ((long) keyGroup * numPartitions / count);
  }

  private void checkPartitions(int numPartitions) {
    if (numPartitions < 1 || numPartitions > count) {
      throw new IllegalArgumentException(
          "the number of partitions must be between 1 and the number of key groups ("
              + count
              + "), but was "
              + numPartitions);
    }
  }

  private static int ceilDiv(long dividend, int divisor) {
    return (int) ((dividend + divisor - 1) / divisor);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyGroups other && other.count == count;
  }

  @Override
  public int hashCode() {
    return count;
  }

  @Override
  public String toString() {
    return "KeyGroups[" + count + "]";
  }
}
