package dev.sluice.state;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One key and its value, as returned by {@link StateStore#iterator()} and {@link
 * StateStore#prefixScan(byte[])}.
 *
 * <p>The arrays are fresh copies that belong to the caller; changing them does not change the
 * store. Unlike a plain record of arrays, {@code equals} and {@code hashCode} compare contents.
 *
 * @param key the key's bytes
 * @param value the value's bytes
 */
public record StateEntry(byte[] key, byte[] value) {
  /**
   * @throws NullPointerException if {@code key} or {@code value} is null
   */
  public StateEntry {
    requireNonNull(key, "key is null");
    requireNonNull(value, "value is null");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateEntry other
        && Arrays.equals(key, other.key)
        && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
  }

  /** The key and value in hex, e.g. {@code 0a0b=ff}. */
  @Override
  public String toString() {
    return HexFormat.of().formatHex(key) + "=" + HexFormat.of().formatHex(value);
  }
}
