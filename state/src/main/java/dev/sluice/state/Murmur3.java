package dev.sluice.state;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * MurmurHash3, x86 32-bit variant (Austin Appleby's {@code MurmurHash3_x86_32}), over a byte range.
 *
 * <p>The result depends only on the bytes and the seed: it is the same in every JVM, on every
 * platform and in every version of Sluice, which is what makes it usable for {@linkplain
 * KeyGroups#keyGroupOf key groups} (a key's key group is stored implicitly in every checkpoint).
 * Never change this function; tests pin it to the published test vectors and to Guava's {@code
 * Hashing.murmur3_32_fixed()}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Murmur3 {
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int C1 = 0xcc9e2d51;
  private static final int C2 = 0x1b873593;

  private Murmur3() {}

  /**
   * Hashes all bytes of {@code data}.
   *
   * @throws NullPointerException if {@code data} is null
   */
  public static int hash32(byte[] data, int seed) {
    return hash32(data, 0, data.length, seed);
  }

  /**
   * Hashes {@code data[offset, offset + length)}.
   *
   * @throws IndexOutOfBoundsException if the range is not inside {@code data}
   */
  public static int hash32(byte[] data, int offset, int length, int seed) {
    Objects.checkFromIndexSize(offset, length, data.length);
    int h1 = seed;
    int end = offset + (length & ~3);
    for (int i = offset; i < end; i += 4) {
      h1 = mixH1(h1, mixK1((int) INT_LE.get(data, i)));
    }
    int k1 = 0;
    switch (length & 3) {
      case 3:
        k1 ^= (data[end + 2] & 0xff) << 16;
      // fall through
      case 2:
        k1 ^= (data[end + 1] & 0xff) << 8;
      // fall through
      case 1:
        k1 ^= data[end] & 0xff;
        h1 ^= mixK1(k1);
      // fall through
      default:
        break;
    }
    return fmix32(h1 ^ length);
  }

  private static int mixK1(int k1) {
    k1 *= C1;
    k1 = Integer.rotateLeft(k1, 15);
    return k1 * C2;
  }

  private static int mixH1(int h1, int k1) {
    h1 ^= k1;
    h1 = Integer.rotateLeft(h1, 13);
    return h1 * 5 + 0xe6546b64;
  }

  /** The murmur3 finalizer: a bijection on int that spreads every input bit over the output. */
  static int fmix32(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
