package dev.sluice.state.encoding;

import static java.util.Objects.requireNonNull;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Appends values in a compact binary encoding to a growing byte buffer; {@link BinaryReader} reads
 * them back in the same order. Operators use it to encode state keys and accumulators.
 *
 * <p>The encoding carries no type tags: the reader must know what comes next. Each value:
 *
 * <ul>
 *   <li>{@link #writeVarInt}/{@link #writeVarLong}: zig-zag then unsigned LEB128 varint, 1 to 5/10
 *       bytes (small magnitudes, positive or negative, take one byte);
 *   <li>{@link #writeUnsignedVarInt}/{@link #writeUnsignedVarLong}: LEB128 varint without zig-zag
 *       (for counts and lengths; a negative value takes the maximum 5/10 bytes);
 *   <li>{@link #writeInt}/{@link #writeLong}/{@link #writeFloat}/{@link #writeDouble}: fixed 4/8
 *       bytes, big-endian; floats and doubles as their IEEE 754 bits with every NaN written as the
 *       canonical NaN ({@link Double#doubleToLongBits}), so equal values encode equally;
 *   <li>{@link #writeBoolean}: one byte, 0 or 1; {@link #writeByte}: one byte;
 *   <li>{@link #writeString}: unsigned varint byte length, then UTF-8 (unpaired surrogates become
 *       {@code '?'}, as in {@link String#getBytes});
 *   <li>{@link #writeBytes}: unsigned varint length, then the bytes;
 *   <li>{@link #writeNullFlag}: one byte, 0 for null and 1 for present, written before a nullable
 *       value (the {@code writeNullable*} methods do both).
 * </ul>
 *
 * <p>The encoding is compact, not order-preserving: compare decoded values, not encoded bytes.
 * Encoders of SQL keys must normalize values that SQL considers equal but whose bits differ ({@code
 * -0.0} and {@code 0.0}) before writing them.
 *
 * <p>Reuse one writer per operator: {@link #reset()} keeps the buffer. Not thread-safe.
 */
public final class BinaryWriter {
  private static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private byte[] buffer;
  private int size;

  /** A writer with a small initial buffer. */
  public BinaryWriter() {
    this(32);
  }

  /**
   * A writer whose buffer starts at {@code initialCapacity} bytes.
   *
   * @throws IllegalArgumentException if {@code initialCapacity} is negative
   */
  public BinaryWriter(int initialCapacity) {
    if (initialCapacity < 0) {
      throw new IllegalArgumentException("initialCapacity is negative: " + initialCapacity);
    }
    buffer = new byte[initialCapacity];
  }

  /** Forgets what was written, keeping the buffer for reuse. */
  public BinaryWriter reset() {
    size = 0;
    return this;
  }

  /** The number of bytes written since the last {@link #reset()}. */
  public int size() {
    return size;
  }

  /** A copy of the bytes written since the last {@link #reset()}. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  /**
   * The internal buffer, whose first {@link #size()} bytes are the bytes written. Valid until the
   * next write or reset; for passing the bytes on without a copy.
   */
  public byte[] buffer() {
    return buffer;
  }

  /** Writes one byte. */
  public BinaryWriter writeByte(int value) {
    ensure(1);
    buffer[size++] = (byte) value;
    return this;
  }

  /** Writes {@code true} as 1 and {@code false} as 0, one byte. */
  public BinaryWriter writeBoolean(boolean value) {
    return writeByte(value ? 1 : 0);
  }

  /**
   * Writes the null marker: 0 if the value that follows is null (and is then not written), 1 if it
   * is present and follows.
   */
  public BinaryWriter writeNullFlag(boolean isNull) {
    return writeByte(isNull ? 0 : 1);
  }

  /** Writes a zig-zag varint: 1 byte for -64..63, at most 5. */
  public BinaryWriter writeVarInt(int value) {
    return writeUnsignedVarInt(Varints.zigZag(value));
  }

  /** Writes a zig-zag varint: 1 byte for -64..63, at most 10. */
  public BinaryWriter writeVarLong(long value) {
    return writeUnsignedVarLong(Varints.zigZag(value));
  }

  /** Writes an unsigned varint: 1 byte for 0..127, 5 for a negative value. */
  public BinaryWriter writeUnsignedVarInt(int value) {
    ensure(Varints.MAX_INT_BYTES);
    size = Varints.writeUnsignedInt(buffer, size, value);
    return this;
  }

  /** Writes an unsigned varint: 1 byte for 0..127, 10 for a negative value. */
  public BinaryWriter writeUnsignedVarLong(long value) {
    ensure(Varints.MAX_LONG_BYTES);
    size = Varints.writeUnsignedLong(buffer, size, value);
    return this;
  }

  /** Writes 4 bytes, big-endian. */
  public BinaryWriter writeInt(int value) {
    ensure(4);
    INT_BE.set(buffer, size, value);
    size += 4;
    return this;
  }

  /** Writes 8 bytes, big-endian. */
  public BinaryWriter writeLong(long value) {
    ensure(8);
    LONG_BE.set(buffer, size, value);
    size += 8;
    return this;
  }

  /** Writes the IEEE 754 bits, 4 bytes big-endian; every NaN as the canonical NaN. */
  public BinaryWriter writeFloat(float value) {
    return writeInt(Float.floatToIntBits(value));
  }

  /** Writes the IEEE 754 bits, 8 bytes big-endian; every NaN as the canonical NaN. */
  public BinaryWriter writeDouble(double value) {
    return writeLong(Double.doubleToLongBits(value));
  }

  /**
   * Writes the UTF-8 byte length as an unsigned varint, then the UTF-8 bytes.
   *
   * @throws NullPointerException if {@code value} is null (use {@link #writeNullableString})
   */
  public BinaryWriter writeString(String value) {
    requireNonNull(value, "value is null");
    return writeBytes(value.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes the null marker, then the string if it is not null. */
  public BinaryWriter writeNullableString(String value) {
    writeNullFlag(value == null);
    return value == null ? this : writeString(value);
  }

  /**
   * Writes the length as an unsigned varint, then the bytes.
   *
   * @throws NullPointerException if {@code value} is null (use {@link #writeNullableBytes})
   */
  public BinaryWriter writeBytes(byte[] value) {
    requireNonNull(value, "value is null");
    return writeBytes(value, 0, value.length);
  }

  /**
   * Writes {@code length} as an unsigned varint, then {@code value[offset, offset + length)}.
   *
   * @throws IndexOutOfBoundsException if the range is not inside {@code value}
   */
  public BinaryWriter writeBytes(byte[] value, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, value.length);
    writeUnsignedVarInt(length);
    return writeRaw(value, offset, length);
  }

  /** Writes the null marker, then the bytes if they are not null. */
  public BinaryWriter writeNullableBytes(byte[] value) {
    writeNullFlag(value == null);
    return value == null ? this : writeBytes(value);
  }

  /**
   * Writes {@code value[offset, offset + length)} as they are, without a length.
   *
   * @throws IndexOutOfBoundsException if the range is not inside {@code value}
   */
  public BinaryWriter writeRaw(byte[] value, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, value.length);
    ensure(length);
    System.arraycopy(value, offset, buffer, size, length);
    size += length;
    return this;
  }

  private void ensure(int more) {
    if (buffer.length - size < more) {
      long wanted = Math.max((long) size + more, Math.max(16L, 2L * buffer.length));
      if ((long) size + more > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("encoded value exceeds 2 GiB");
      }
      buffer = Arrays.copyOf(buffer, (int) Math.min(wanted, Integer.MAX_VALUE - 8));
    }
  }
}
