package dev.sluice.state.memory;

import dev.sluice.state.StoreId;
import dev.sluice.state.encoding.Varints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Writes one state file ({@link StateFiles}) atomically: into a temp file in the same directory,
 * then fsync, rename over the target, fsync of the directory. Until {@link #finish()} nothing is
 * visible under the target name; {@link #close()} without {@code finish()} deletes the temp file.
 */
final class StateFileWriter implements AutoCloseable {
  private static final int BUFFER_BYTES = 1 << 16;

  private final Path target;
  private final Path temp;
  private final FileChannel channel;
  private final byte kind;
  private final long entryCount;
  private final CRC32C crc = new CRC32C();
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private int buffered;
  private long written;
  private long entries;
  private boolean finished;

  StateFileWriter(
      Path target, byte kind, StoreId id, long version, long entryCount, long totalKeys) {
    this.target = target;
    this.temp = target.resolveSibling("." + target.getFileName() + ".tmp");
    this.kind = kind;
    this.entryCount = entryCount;
    try {
      channel =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create state file " + temp, e);
    }
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
   * Writes the checksum, makes the file durable and visible under its name.
   *
   * @return the file's size in bytes
   */
  long finish() {
    if (entries != entryCount) {
      throw new IllegalStateException(
          "wrote " + entries + " entries to " + target + " but announced " + entryCount);
    }
    try {
      flush();
      ByteBuffer trailer = ByteBuffer.allocate(StateFiles.TRAILER_BYTES);
      trailer.putInt((int) crc.getValue()).flip();
      writeFully(trailer);
      channel.force(true);
      channel.close();
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      StateFiles.syncDirectory(target.getParent());
      finished = true;
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write state file " + target, e);
    }
  }

  @Override
  public void close() {
    if (!finished) {
      try {
        channel.close();
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // The temp file is ignored by readers and removed by the next commit of this store.
      }
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
      throw new UncheckedIOException("cannot write state file " + temp, e);
    }
  }

  private void ensure(int bytes) {
    if (buffer.length - buffered < bytes) {
      try {
        flush();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write state file " + temp, e);
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

  byte kind() {
    return kind;
  }
}
