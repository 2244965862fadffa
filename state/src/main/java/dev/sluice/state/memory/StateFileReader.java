package dev.sluice.state.memory;

import dev.sluice.state.StateCorruptedException;
import dev.sluice.state.StoreId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reads one state file ({@link StateFiles}) and checks all of it: the magic, the format version,
 * that the file is the expected kind for the expected store and version, that every entry is whole,
 * that nothing follows the last entry, and the CRC-32C. Anything wrong throws {@link
 * StateCorruptedException} naming the file.
 *
 * <p>The file is streamed through a buffer and entries are handed to the {@link Visitor} as they
 * are parsed, so the checksum is verified only after the last one: a caller must discard what it
 * built when {@code read} throws. Lengths are checked against the bytes that remain before anything
 * is allocated for them, so a corrupt length cannot exhaust memory.
 */
final class StateFileReader {
  private static final int MAX_BUFFER_BYTES = 1 << 20;

  /** Receives the entries of a file in order; the byte ranges are valid only during the call. */
  interface Visitor {
    /** A snapshot entry or a delta put. */
    void put(byte[] bytes, int keyOffset, int keyLength, int valueOffset, int valueLength);

    /** A delta remove. */
    void remove(byte[] bytes, int keyOffset, int keyLength);
  }

  /** Told the announced sizes after the header is read, before any entry. */
  interface HeaderListener {
    void header(long entryCount, long totalKeys);
  }

  /**
   * What the file announced.
   *
   * @param entryCount the number of entries
   * @param totalKeys the number of keys in the store once the file is applied
   * @param fileBytes the size of the file (or of the section read)
   */
  record Summary(long entryCount, long totalKeys, long fileBytes) {}

  /** A problem found while parsing; reported once the checksum is known. */
  private static final class Problem extends Exception {
    private static final long serialVersionUID = 1L;

    Problem(String message) {
      super(message, null, false, false);
    }
  }

  private final Path file;
  private final FileChannel channel;
  private final long start;
  private final long size;
  private final String section;
  private final CRC32C crc = new CRC32C();
  private byte[] buffer;
  private int position;
  private int limit;
  private long filePosition;
  private long bodyEnd;

  private StateFileReader(Path file, FileChannel channel, long start, long size, String section) {
    this.file = file;
    this.channel = channel;
    this.start = start;
    this.size = size;
    this.section = section;
    this.filePosition = start;
  }

  /**
   * Reads {@code file}, which must be a {@code kind} file of store {@code id} producing {@code
   * version}.
   *
   * @throws StateCorruptedException if the file is missing, truncated, corrupt or another one
   * @throws UncheckedIOException if the file cannot be read
   */
  static Summary read(
      Path file,
      byte kind,
      StoreId id,
      long version,
      HeaderListener headerListener,
      Visitor visitor) {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new StateCorruptedException(
          file, "is missing; it is needed to load version " + version + " of store " + id, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read state file " + file, e);
    }
    try (channel) {
      return new StateFileReader(file, channel, 0, channel.size(), "")
          .read(kind, id, version, headerListener, visitor);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read state file " + file, e);
    }
  }

  /**
   * Reads the state file stored at bytes {@code [start, start + size)} of {@code channel}, a
   * section of {@code file}; errors name the file and the section.
   */
  static Summary readSection(
      Path file,
      FileChannel channel,
      long start,
      long size,
      byte kind,
      StoreId id,
      long version,
      HeaderListener headerListener,
      Visitor visitor) {
    String section =
        "(section for key group "
            + id.keyGroup()
            + " at bytes "
            + start
            + ".."
            + (start + size)
            + ") ";
    try {
      return new StateFileReader(file, channel, start, size, section)
          .read(kind, id, version, headerListener, visitor);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read state file " + file, e);
    }
  }

  private StateCorruptedException corrupt(String problem) {
    return new StateCorruptedException(file, section + problem);
  }

  private Summary read(
      byte kind, StoreId id, long version, HeaderListener headerListener, Visitor visitor)
      throws IOException {
    if (size < StateFiles.FIXED_HEADER_BYTES + StateFiles.TRAILER_BYTES) {
      throw corrupt(
          "is truncated: it has "
              + size
              + " bytes, fewer than the smallest state file ("
              + (StateFiles.FIXED_HEADER_BYTES + StateFiles.TRAILER_BYTES)
              + ")");
    }
    bodyEnd = start + size - StateFiles.TRAILER_BYTES;
    buffer = new byte[(int) Math.min(MAX_BUFFER_BYTES, bodyEnd - start)];
    ensure(8);
    int magic = getInt(0);
    if (magic != StateFiles.MAGIC) {
      throw corrupt(
          String.format(
              "is not a Sluice state file: it starts with 0x%08x instead of the magic 0x%08x"
                  + " (\"SLST\")",
              magic, StateFiles.MAGIC));
    }
    int format = getShort(4);
    if (format != StateFiles.FORMAT_VERSION) {
      throw corrupt(
          "has format version "
              + format
              + ", but this build reads only version "
              + StateFiles.FORMAT_VERSION
              + (format > StateFiles.FORMAT_VERSION ? " (it was written by a newer Sluice)" : ""));
    }
    try {
      long[] header = readHeader(kind, id, version);
      long entryCount = header[0];
      long totalKeys = header[1];
      headerListener.header(entryCount, totalKeys);
      boolean delta = kind == StateFiles.KIND_DELTA;
      for (long i = 0; i < entryCount; i++) {
        readEntry(delta, i, entryCount, visitor);
      }
      long extra = (limit - position) + (bodyEnd - filePosition);
      if (extra != 0) {
        throw new Problem("has " + extra + " unexpected bytes after its last entry");
      }
      int stored = storedChecksum();
      int computed = (int) crc.getValue();
      if (stored != computed) {
        throw corrupt("is corrupt: " + checksumMismatch(stored, computed));
      }
      return new Summary(entryCount, totalKeys, size);
    } catch (Problem p) {
      drain();
      int stored = storedChecksum();
      int computed = (int) crc.getValue();
      if (stored != computed) {
        throw corrupt(
            "is truncated or corrupt: "
                + p.getMessage()
                + "; "
                + checksumMismatch(stored, computed)
                + "; file size "
                + size
                + " bytes");
      }
      throw corrupt("is inconsistent: " + p.getMessage() + " (its checksum matches)");
    }
  }

  private long[] readHeader(byte kind, StoreId id, long version) throws IOException, Problem {
    if (!ensure(22)) {
      throw new Problem("ends inside its header");
    }
    byte fileKind = buffer[position + 6];
    long fileVersion = getLong(8);
    int keyGroup = getInt(16);
    int operatorLength = getShort(20);
    if (!ensure(22 + operatorLength + 16)) {
      throw new Problem("ends inside its header");
    }
    String operatorId =
        new String(buffer, position + 22, operatorLength, StandardCharsets.US_ASCII);
    long entryCount = getLong(22 + operatorLength);
    long totalKeys = getLong(30 + operatorLength);
    position += 38 + operatorLength;
    if (fileKind != kind) {
      throw new Problem(
          "is a "
              + StateFiles.kindName(fileKind)
              + " file (kind byte "
              + fileKind
              + "), expected a "
              + StateFiles.kindName(kind));
    }
    if (fileVersion != version
        || keyGroup != id.keyGroup()
        || !operatorId.equals(id.operatorId())) {
      throw new Problem(
          "belongs to version "
              + fileVersion
              + " of store "
              + operatorId
              + "/"
              + keyGroup
              + ", expected version "
              + version
              + " of store "
              + id);
    }
    long body = bodyEnd - start - (38 + operatorLength);
    // The smallest entry has 2 bytes: two empty lengths, or an op and an empty key.
    if (entryCount < 0 || entryCount > body / 2) {
      throw new Problem(
          "announces " + entryCount + " entries, impossible in " + body + " bytes of entries");
    }
    if (totalKeys < 0 || (kind == StateFiles.KIND_SNAPSHOT && totalKeys != entryCount)) {
      throw new Problem(
          "announces " + totalKeys + " keys in the store after " + entryCount + " entries");
    }
    return new long[] {entryCount, totalKeys};
  }

  private void readEntry(boolean delta, long index, long count, Visitor visitor)
      throws IOException, Problem {
    ensureUpTo(1 + 5 + 5);
    int r = 0;
    byte op = StateFiles.OP_PUT;
    if (delta) {
      if (limit - position < 1) {
        throw truncated(index, count);
      }
      op = buffer[position];
      if (op != StateFiles.OP_PUT && op != StateFiles.OP_REMOVE) {
        throw new Problem("entry " + index + " of " + count + " has unknown operation " + op);
      }
      r = 1;
    }
    long keyVarint = varint(position + r, index, count);
    int keyLength = (int) (keyVarint >>> 8);
    r += (int) (keyVarint & 0xff);
    if (op == StateFiles.OP_REMOVE) {
      if (!ensure((long) r + keyLength)) {
        throw truncated(index, count);
      }
      visitor.remove(buffer, position + r, keyLength);
      position += r + keyLength;
      return;
    }
    long available = (limit - position) + (bodyEnd - filePosition);
    if ((long) r + keyLength + 1 > available) {
      throw truncated(index, count);
    }
    ensureUpTo((long) r + keyLength + 5);
    long valueVarint = varint(position + r + keyLength, index, count);
    int valueLength = (int) (valueVarint >>> 8);
    int valueStart = r + keyLength + (int) (valueVarint & 0xff);
    if (!ensure((long) valueStart + valueLength)) {
      throw truncated(index, count);
    }
    visitor.put(buffer, position + r, keyLength, position + valueStart, valueLength);
    position += valueStart + valueLength;
  }

  private Problem truncated(long index, long count) {
    return new Problem("it ends inside entry " + index + " of " + count);
  }

  /** Parses a varint at buffer[at]: {@code value << 8 | byteLength}. */
  private long varint(int at, long index, long count) throws Problem {
    long value = 0;
    for (int i = 0; i < 5; i++) {
      if (at + i >= limit) {
        throw truncated(index, count);
      }
      byte b = buffer[at + i];
      value |= (long) (b & 0x7f) << (7 * i);
      if (b >= 0) {
        if (value > Integer.MAX_VALUE) {
          break;
        }
        return value << 8 | (i + 1);
      }
    }
    throw new Problem("entry " + index + " of " + count + " has a malformed length");
  }

  /** Makes {@code n} bytes available from {@code position}; false if the body ends first. */
  private boolean ensure(long n) throws IOException {
    if (limit - position >= n) {
      return true;
    }
    if ((limit - position) + (bodyEnd - filePosition) < n) {
      return false;
    }
    int need = (int) n;
    int kept = limit - position;
    if (need > buffer.length) {
      byte[] bigger = new byte[Math.max(need, buffer.length * 2)];
      System.arraycopy(buffer, position, bigger, 0, kept);
      buffer = bigger;
    } else {
      System.arraycopy(buffer, position, buffer, 0, kept);
    }
    position = 0;
    limit = kept;
    while (limit < need) {
      fill();
    }
    return true;
  }

  /**
   * Makes up to {@code n} bytes available; false only if none remain at all when some are asked.
   */
  private boolean ensureUpTo(long n) throws IOException {
    long available = (limit - position) + (bodyEnd - filePosition);
    return ensure(Math.min(n, available));
  }

  private void fill() throws IOException {
    int want = (int) Math.min(buffer.length - limit, bodyEnd - filePosition);
    int read = channel.read(ByteBuffer.wrap(buffer, limit, want), filePosition);
    if (read <= 0) {
      throw new IOException("state file " + file + " shrank while being read");
    }
    crc.update(buffer, limit, read);
    limit += read;
    filePosition += read;
  }

  private void drain() throws IOException {
    while (filePosition < bodyEnd) {
      position = 0;
      limit = 0;
      fill();
    }
  }

  private int storedChecksum() throws IOException {
    ByteBuffer trailer = ByteBuffer.allocate(StateFiles.TRAILER_BYTES);
    while (trailer.hasRemaining()) {
      if (channel.read(trailer, bodyEnd + trailer.position()) < 0) {
        throw new IOException("state file " + file + " shrank while being read");
      }
    }
    return trailer.getInt(0);
  }

  private static String checksumMismatch(int stored, int computed) {
    return String.format("checksum mismatch (stored 0x%08x, computed 0x%08x)", stored, computed);
  }

  private int getInt(int at) {
    int p = position + at;
    return (buffer[p] & 0xff) << 24
        | (buffer[p + 1] & 0xff) << 16
        | (buffer[p + 2] & 0xff) << 8
        | (buffer[p + 3] & 0xff);
  }

  private int getShort(int at) {
    int p = position + at;
    return (buffer[p] & 0xff) << 8 | (buffer[p + 1] & 0xff);
  }

  private long getLong(int at) {
    return (long) getInt(at) << 32 | (getInt(at + 4) & 0xffffffffL);
  }
}
