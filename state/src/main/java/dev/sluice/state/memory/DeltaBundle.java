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
 * One file holding the deltas of several stores of one operator for one version: what a task
 * commits at the end of a batch for its key-group range, so that the batch costs one fsynced file
 * per operator and task instead of one per key group.
 *
 * <pre>
 * sections   each a complete delta file (StateFiles), one per key group, in key-group order
 * index      magic "SLSB" (0x534C5342), format version (2 bytes, 1), reserved (2 bytes, 0),
 *            store version (8), operator id length n (2), operator id (n, ASCII),
 *            section count c (4), then c times: key group (4), offset (8), length (8);
 *            then the CRC-32C of the index bytes before it (4)
 * footer     the index's length in bytes, its CRC included (4)
 * </pre>
 *
 * Each section carries its own header and checksum, so a store reads only its own section, and a
 * damaged section is reported with the file and the key group.
 */
final class DeltaBundle {
  static final int MAGIC = 0x534C5342;
  static final short FORMAT_VERSION = 1;
  static final String SUFFIX = ".bundle";

  private DeltaBundle() {}

  /** Where one key group's section lies in the file. */
  record Section(int keyGroup, long offset, long length) {}

  /** Writes the index and the footer after the sections {@code sections} written at the start. */
  static void writeIndex(
      AtomicFile file, String operatorId, long version, java.util.List<Section> sections) {
    byte[] operator = operatorId.getBytes(StandardCharsets.US_ASCII);
    // 22 fixed bytes and the operator id, 20 per section, the CRC, the footer.
    ByteBuffer index = ByteBuffer.allocate(22 + operator.length + 20 * sections.size() + 4 + 4);
    index.putInt(MAGIC);
    index.putShort(FORMAT_VERSION);
    index.putShort((short) 0);
    index.putLong(version);
    index.putShort((short) operator.length);
    index.put(operator);
    index.putInt(sections.size());
    for (Section section : sections) {
      index.putInt(section.keyGroup());
      index.putLong(section.offset());
      index.putLong(section.length());
    }
    CRC32C crc = new CRC32C();
    crc.update(index.array(), 0, index.position());
    index.putInt((int) crc.getValue());
    index.putInt(index.position());
    index.flip();
    try {
      while (index.hasRemaining()) {
        file.channel().write(index);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write state file " + file.target(), e);
    }
  }

  /**
   * Reads the section of store {@code id} for {@code version} from bundle {@code file}, after
   * checking the index.
   *
   * @throws StateCorruptedException if the file is missing, damaged, another operator's or
   *     version's, or has no section for the key group
   */
  static StateFileReader.Summary readSection(
      Path file,
      StoreId id,
      long version,
      StateFileReader.HeaderListener headerListener,
      StateFileReader.Visitor visitor) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      Section section = findSection(file, channel, id, version);
      return StateFileReader.readSection(
          file,
          channel,
          section.offset(),
          section.length(),
          StateFiles.KIND_DELTA,
          id,
          version,
          headerListener,
          visitor);
    } catch (NoSuchFileException e) {
      throw new StateCorruptedException(
          file, "is missing; it is needed to load version " + version + " of store " + id, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read state file " + file, e);
    }
  }

  private static Section findSection(Path file, FileChannel channel, StoreId id, long version)
      throws IOException {
    long size = channel.size();
    if (size < 4) {
      throw new StateCorruptedException(file, "is truncated: it has only " + size + " bytes");
    }
    int indexLength = read(channel, size - 4, 4).getInt();
    if (indexLength < 27 || indexLength > size - 4) {
      throw new StateCorruptedException(
          file,
          "is truncated or corrupt: its footer gives an index of "
              + indexLength
              + " bytes in a file of "
              + size);
    }
    long indexStart = size - 4 - indexLength;
    ByteBuffer index = read(channel, indexStart, indexLength);
    CRC32C crc = new CRC32C();
    crc.update(index.array(), 0, indexLength - 4);
    int stored = index.getInt(indexLength - 4);
    if (stored != (int) crc.getValue()) {
      throw new StateCorruptedException(
          file,
          String.format(
              "is corrupt: its index's checksum does not match (stored 0x%08x, computed 0x%08x)",
              stored, (int) crc.getValue()));
    }
    if (index.getInt() != MAGIC) {
      throw new StateCorruptedException(file, "is not a Sluice delta bundle (wrong magic)");
    }
    int format = index.getShort();
    if (format != FORMAT_VERSION) {
      throw new StateCorruptedException(
          file,
          "has bundle format version " + format + ", but this build reads only " + FORMAT_VERSION);
    }
    index.getShort();
    long fileVersion = index.getLong();
    byte[] operator = new byte[index.getShort()];
    index.get(operator);
    String operatorId = new String(operator, StandardCharsets.US_ASCII);
    if (fileVersion != version || !operatorId.equals(id.operatorId())) {
      throw new StateCorruptedException(
          file,
          "belongs to version "
              + fileVersion
              + " of operator "
              + operatorId
              + ", expected version "
              + version
              + " of operator "
              + id.operatorId());
    }
    int count = index.getInt();
    for (int i = 0; i < count; i++) {
      int keyGroup = index.getInt();
      long offset = index.getLong();
      long length = index.getLong();
      if (keyGroup == id.keyGroup()) {
        if (offset < 0 || length < 0 || offset + length > indexStart) {
          throw new StateCorruptedException(
              file,
              "is corrupt: the section of key group "
                  + keyGroup
                  + " lies outside the file's sections");
        }
        return new Section(keyGroup, offset, length);
      }
    }
    throw new StateCorruptedException(
        file, "has no section for key group " + id.keyGroup() + " of version " + version);
  }

  private static ByteBuffer read(FileChannel channel, long position, int length)
      throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(length);
    while (bytes.hasRemaining()) {
      if (channel.read(bytes, position + bytes.position()) < 0) {
        throw new IOException("state file shrank while being read");
      }
    }
    return bytes.flip();
  }
}
