package dev.sluice.state.memory;

import dev.sluice.state.StoreId;
import dev.sluice.state.encoding.Varints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Encodes one state file ({@link StateFiles}) into a channel at its current position: the header,
 * the entries, and on {@link #finish()} the CRC-32C trailer. The channel belongs to the caller (an
 * {@link AtomicFile} holding this file alone, or a {@link DeltaBundle} holding several).
 */
final class StateFileWriter {
  private static final int BUFFER_BYTES = 1 << 16;

  private final Path name;
  private final FileChannel channel;
  private final long entryCount;
  private final CRC32C crc = new CRC32C();
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private int buffered;
  private long written;
  private long entries;

  /**
   * @param name the file the bytes end up in, for error messages
   */
  StateFileWriter(
      Path name,
      FileChannel channel,
      byte kind,
      StoreId id,
      long version,
      long entryCount,
      long totalKeys) {
    this.name = name;
    this.channel = channel;
    this.entryCount = entryCount;
    byte[] operator = id.operatorId().getBytes(StandardCharsets.US_ASCII);
    ByteBuffer header = ByteBuffer.allocate(StateFiles.FIXED_HEADER_BYTES + operator.length);
    header.putInt(StateFiles.MAGIC);
    header.putShort(StateFiles.FORMAT_VERSION);
    header.put(kind);
    header.put((byte) 0);
    header.putLong(version);
    header.putInt(id.keyGroup());
    header.putShort((short) operator.length);
    header.put(operator);
    header.putLong(entryCount);
    header.putLong(totalKeys);
    write(header.array(), 0, header.position());
  }

  /** Writes {@code <version>.snapshot} of every entry in {@code table}, sorted by key. */
  static long writeSnapshot(StoreDirectory directory, long version, BytesTable table) {
    long[] all = table.sortedAddresses(null, 0);
    BytesTable.Record record = new BytesTable.Record();
    try (AtomicFile file = new AtomicFile(directory.snapshotPath(version))) {
      StateFileWriter writer =
          new StateFileWriter(
              file.target(),
              file.channel(),
              StateFiles.KIND_SNAPSHOT,
              directory.id,
              version,
              all.length,
              all.length);
      for (long address : all) {
        table.read(address, record);
        writer.entry(
            record.page,
            record.keyOffset,
            record.keyLength,
            record.valueOffset,
            record.valueLength);
      }
      long bytes = writer.finish();
      file.commit();
      return bytes;
    }
  }

  /** Appends a snapshot entry. */
  void entry(byte[] bytes, int keyOffset, int keyLength, int valueOffset, int valueLength) {
    ensure(2 * Varints.MAX_INT_BYTES);
    buffered = Varints.writeUnsignedInt(buffer, buffered, keyLength);
    write(bytes, keyOffset, keyLength);
    ensure(Varints.MAX_INT_BYTES);
    buffered = Varints.writeUnsignedInt(buffer, buffered, valueLength);
    write(bytes, valueOffset, valueLength);
    entries++;
  }

  /** Appends a delta put. */
  void put(byte[] bytes, int keyOffset, int keyLength, int valueOffset, int valueLength) {
    ensure(1);
    buffer[buffered++] = StateFiles.OP_PUT;
    entry(bytes, keyOffset, keyLength, valueOffset, valueLength);
  }

  /** Appends a delta remove. */
  void remove(byte[] bytes, int keyOffset, int keyLength) {
    ensure(1 + Varints.MAX_INT_BYTES);
    buffer[buffered++] = StateFiles.OP_REMOVE;
    buffered = Varints.writeUnsignedInt(buffer, buffered, keyLength);
    write(bytes, keyOffset, keyLength);
    entries++;
  }

  /**
   * Writes the checksum.
   *
   * @return the number of bytes this file took in the channel
   */
  long finish() {
    if (entries != entryCount) {
      throw new IllegalStateException(
          "wrote " + entries + " entries to " + name + " but announced " + entryCount);
    }
    try {
      flush();
      ByteBuffer trailer = ByteBuffer.allocate(StateFiles.TRAILER_BYTES);
      trailer.putInt((int) crc.getValue()).flip();
      writeFully(trailer);
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write state file " + name, e);
    }
  }

  private void write(byte[] bytes, int offset, int length) {
    if (length <= buffer.length - buffered) {
      System.arraycopy(bytes, offset, buffer, buffered, length);
      buffered += length;
      return;
    }
    try {
      flush();
      if (length <= buffer.length) {
        System.arraycopy(bytes, offset, buffer, 0, length);
        buffered = length;
      } else {
        crc.update(bytes, offset, length);
        writeFully(ByteBuffer.wrap(bytes, offset, length));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write state file " + name, e);
    }
  }

  private void ensure(int bytes) {
    if (buffer.length - buffered < bytes) {
      try {
        flush();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write state file " + name, e);
      }
    }
  }

  private void flush() throws IOException {
    if (buffered > 0) {
      crc.update(buffer, 0, buffered);
      writeFully(ByteBuffer.wrap(buffer, 0, buffered));
      buffered = 0;
    }
  }

  private void writeFully(ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      written += channel.write(bytes);
    }
  }
}
