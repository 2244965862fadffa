package dev.sluice.state.encoding;

import static java.util.Objects.requireNonNull;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads values written by {@link BinaryWriter}, in the order they were written, from a byte range.
 *
 * <p>Every read checks that its bytes are there and well formed and throws {@link
 * EncodingException} naming the position otherwise; the reader never reads outside its range.
 * {@link #reset(byte[], int, int)} points it at other bytes, so one reader can serve many values.
 * Not thread-safe.
 */
public final class BinaryReader {
  private static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private byte[] bytes;
  private int start;
  private int position;
  private int limit;

  /** A reader of all of {@code bytes}. */
  public BinaryReader(byte[] bytes) {
    this(bytes, 0, requireNonNull(bytes, "bytes is null").length);
  }

  /**
   * A reader of {@code bytes[offset, offset + length)}.
   *
   * @throws IndexOutOfBoundsException if the range is not inside {@code bytes}
   */
  public BinaryReader(byte[] bytes, int offset, int length) {
    reset(bytes, offset, length);
  }

  /**
   * Points the reader at {@code bytes[offset, offset + length)}, at its start.
   *
   * @throws IndexOutOfBoundsException if the range is not inside {@code bytes}
   */
  public BinaryReader reset(byte[] bytes, int offset, int length) {
    requireNonNull(bytes, "bytes is null");
    Objects.checkFromIndexSize(offset, length, bytes.length);
    this.bytes = bytes;
    this.start = offset;
    this.position = offset;
    this.limit = offset + length;
    return this;
  }

  /** The number of bytes read so far. */
  public int position() {
    return position - start;
  }

  /** The number of bytes left. */
  public int remaining() {
    return limit - position;
  }

  /** Whether every byte was read. */
  public boolean isAtEnd() {
    return position == limit;
  }

  /** Skips {@code count} bytes. */
  public BinaryReader skip(int count) {
    require(count);
    position += count;
    return this;
  }

  /** Reads one byte. */
  public byte readByte() {
    require(1);
    return bytes[position++];
  }

  /** Reads a boolean; the byte must be 0 or 1. */
  public boolean readBoolean() {
    byte b = readByte();
    if (b != 0 && b != 1) {
      throw malformed(position - 1, "boolean byte must be 0 or 1, found " + b);
    }
    return b == 1;
  }

  /**
   * Reads the null marker written by {@link BinaryWriter#writeNullFlag}: true if the value is null
   * (and was not written), false if it follows.
   */
  public boolean readNullFlag() {
    byte b = readByte();
    if (b != 0 && b != 1) {
      throw malformed(position - 1, "null marker must be 0 or 1, found " + b);
    }
    return b == 0;
  }

  /** Reads a zig-zag varint int. */
  public int readVarInt() {
    return Varints.unZigZag(readUnsignedVarInt());
  }

  /** Reads a zig-zag varint long. */
  public long readVarLong() {
    return Varints.unZigZag(readUnsignedVarLong());
  }

  /** Reads an unsigned varint of at most 5 bytes whose value fits 32 bits. */
  public int readUnsignedVarInt() {
    int at = position;
    long value = readVarint(Varints.MAX_INT_BYTES);
    if ((value >>> 32) != 0) {
      throw malformed(at, "varint does not fit an int");
    }
    return (int) value;
  }

  /** Reads an unsigned varint of at most 10 bytes. */
  public long readUnsignedVarLong() {
    return readVarint(Varints.MAX_LONG_BYTES);
  }

  private long readVarint(int maxBytes) {
    int at = position;
    long value = 0;
    for (int i = 0; i < maxBytes; i++) {
      if (position == limit) {
        throw malformed(at, "varint ends after " + i + " bytes, at the end of the input");
      }
      byte b = bytes[position++];
      value |= (long) (b & 0x7f) << (7 * i);
      if (b >= 0) {
        return value;
      }
    }
    throw malformed(at, "varint is longer than " + maxBytes + " bytes");
  }

  /** Reads 4 bytes, big-endian. */
  public int readInt() {
    require(4);
    int value = (int) INT_BE.get(bytes, position);
    position += 4;
    return value;
  }

  /** Reads 8 bytes, big-endian. */
  public long readLong() {
    require(8);
    long value = (long) LONG_BE.get(bytes, position);
    position += 8;
    return value;
  }

  /** Reads a float written by {@link BinaryWriter#writeFloat}. */
  public float readFloat() {
    return Float.intBitsToFloat(readInt());
  }

  /** Reads a double written by {@link BinaryWriter#writeDouble}. */
  public double readDouble() {
    return Double.longBitsToDouble(readLong());
  }

  /** Reads a string written by {@link BinaryWriter#writeString}. */
  public String readString() {
    int length = readLength();
    String value = new String(bytes, position, length, StandardCharsets.UTF_8);
    position += length;
    return value;
  }

  /** Reads a string written by {@link BinaryWriter#writeNullableString}; null if it was null. */
  public String readNullableString() {
    return readNullFlag() ? null : readString();
  }

  /** Reads bytes written by {@link BinaryWriter#writeBytes}, into a new array. */
  public byte[] readBytes() {
    int length = readLength();
    byte[] value = Arrays.copyOfRange(bytes, position, position + length);
    position += length;
    return value;
  }

  /** Reads bytes written by {@link BinaryWriter#writeNullableBytes}; null if they were null. */
  public byte[] readNullableBytes() {
    return readNullFlag() ? null : readBytes();
  }

  /** Reads {@code length} bytes written by {@link BinaryWriter#writeRaw}, into a new array. */
  public byte[] readRaw(int length) {
    if (length < 0) {
      throw new IllegalArgumentException("length is negative: " + length);
    }
    require(length);
    byte[] value = Arrays.copyOfRange(bytes, position, position + length);
    position += length;
    return value;
  }

  private int readLength() {
    int at = position;
    int length = readUnsignedVarInt();
    if (length < 0 || length > remaining()) {
      throw malformed(
          at,
          "length "
              + Integer.toUnsignedString(length)
              + " exceeds the "
              + remaining()
              + " bytes that remain");
    }
    return length;
  }

  private void require(int count) {
    if (count > limit - position) {
      throw malformed(
          position, "needs " + count + " bytes but only " + (limit - position) + " remain");
    }
  }

  private EncodingException malformed(int at, String what) {
    return new EncodingException("cannot decode at byte " + (at - start) + ": " + what);
  }
}
