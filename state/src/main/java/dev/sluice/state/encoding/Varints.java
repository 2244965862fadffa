package dev.sluice.state.encoding;

/**
 * Unsigned LEB128 varints (7 bits per byte, least significant group first, high bit set on every
 * byte but the last; protobuf's encoding) and zig-zag mapping of signed numbers, over plain byte
 * arrays.
 *
 * <p>Stateless and thread-safe. The state file format and {@link BinaryWriter} use these; they are
 * part of the on-disk format and must not change.
 */
public final class Varints {
  /** The longest encoding of an int. */
  public static final int MAX_INT_BYTES = 5;

  /** The longest encoding of a long. */
  public static final int MAX_LONG_BYTES = 10;

  private Varints() {}

  /** The number of bytes of the unsigned varint encoding of {@code value} (1 to 5). */
  public static int sizeOfUnsignedInt(int value) {
    // 1 byte per started group of 7 significant bits; 0 takes one byte.
    return (31 - Integer.numberOfLeadingZeros(value | 1)) / 7 + 1;
  }

  /** The number of bytes of the unsigned varint encoding of {@code value} (1 to 10). */
  public static int sizeOfUnsignedLong(long value) {
    return (63 - Long.numberOfLeadingZeros(value | 1)) / 7 + 1;
  }

  /**
   * Writes {@code value} as an unsigned varint at {@code buffer[position]}.
   *
   * @return the position after the last byte written
   * @throws ArrayIndexOutOfBoundsException if the buffer is too short
   */
  public static int writeUnsignedInt(byte[] buffer, int position, int value) {
    while ((value & ~0x7f) != 0) {
      buffer[position++] = (byte) ((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    buffer[position++] = (byte) value;
    return position;
  }

  /**
   * Writes {@code value} as an unsigned varint at {@code buffer[position]}.
   *
   * @return the position after the last byte written
   * @throws ArrayIndexOutOfBoundsException if the buffer is too short
   */
  public static int writeUnsignedLong(byte[] buffer, int position, long value) {
    while ((value & ~0x7fL) != 0) {
      buffer[position++] = (byte) ((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    buffer[position++] = (byte) value;
    return position;
  }

  /**
   * Reads an unsigned varint int at {@code buffer[position]}, which the caller knows to be well
   * formed (it wrote it). Use {@link BinaryReader} for bytes that need checking.
   */
  public static int readUnsignedInt(byte[] buffer, int position) {
    int b = buffer[position];
    if (b >= 0) {
      return b;
    }
    int value = b & 0x7f;
    int shift = 7;
    do {
      b = buffer[++position];
      value |= (b & 0x7f) << shift;
      shift += 7;
    } while (b < 0);
    return value;
  }

  /** Maps a signed int to an unsigned one so that small magnitudes stay small: 0, -1, 1, -2, ... */
  public static int zigZag(int value) {
    return (value << 1) ^ (value >> 31);
  }

  /** Maps a signed long to an unsigned one so that small magnitudes stay small. */
  public static long zigZag(long value) {
    return (value << 1) ^ (value >> 63);
  }

  /** The inverse of {@link #zigZag(int)}. */
  public static int unZigZag(int value) {
    return (value >>> 1) ^ -(value & 1);
  }

  /** The inverse of {@link #zigZag(long)}. */
  public static long unZigZag(long value) {
    return (value >>> 1) ^ -(value & 1);
  }
}
