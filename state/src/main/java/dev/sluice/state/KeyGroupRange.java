package dev.sluice.state;

import java.util.stream.IntStream;

/**
 * A contiguous range {@code [start, end)} of key groups: the key groups one partition owns.
 *
 * <p>Produced by {@link KeyGroups#rangeOf(int, int)} and {@link KeyGroups#assign(int)}. Immutable.
 *
 * @param start the first key group of the range (inclusive)
 * @param end one past the last key group of the range (exclusive); {@code end == start} is empty
 */
public record KeyGroupRange(int start, int end) {

  /**
   * @throws IllegalArgumentException if {@code start < 0} or {@code end < start}
   */
  public KeyGroupRange {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException(
          "key group range [" + start + ", " + end + ") must have 0 <= start <= end");
    }
  }

  /** The number of key groups in the range. */
  public int size() {
    return end - start;
  }

  /** Whether the range holds no key group. */
  public boolean isEmpty() {
    return end == start;
  }

  /** Whether {@code keyGroup} lies in the range. */
  public boolean contains(int keyGroup) {
    return keyGroup >= start && keyGroup < end;
  }

  /** The key groups of the range, ascending. */
  public IntStream keyGroups() {
    return IntStream.range(start, end);
  }

  @Override
  public String toString() {
    return "[" + start + ", " + end + ")";
  }
}
