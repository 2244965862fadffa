package dev.sluice.state.memory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The on-disk format of state files, version 1. Changing anything here breaks the frozen
 * checkpoints under {@code src/test/resources/frozen/v1}; a new format gets a new {@link
 * #FORMAT_VERSION} and keeps reading the old one.
 *
 * <pre>
 * offset  size  field
 *      0     4  magic "SLST" (0x534C5354)
 *      4     2  format version (1)
 *      6     1  kind: 'D' delta, 'S' snapshot
 *      7     1  reserved, 0
 *      8     8  store version this file produces
 *     16     4  key group
 *     20     2  operator id length n
 *     22     n  operator id (ASCII)
 *   22+n     8  entry count
 *   30+n     8  number of keys in the store once this file is applied
 *   38+n        entries, sorted by key (unsigned lexicographic), each key once:
 *                 snapshot: varint keyLength, key, varint valueLength, value
 *                 delta:    op (1 put, 2 remove), varint keyLength, key,
 *                           and for a put: varint valueLength, value
 *   size-4  4  CRC-32C of every byte before it
 * </pre>
 *
 * Fixed-width integers are big-endian; varints are unsigned LEB128.
 */
final class StateFiles {
  static final int MAGIC = 0x534C5354;
  static final short FORMAT_VERSION = 1;
  static final byte KIND_DELTA = 'D';
  static final byte KIND_SNAPSHOT = 'S';
  static final byte OP_PUT = 1;
  static final byte OP_REMOVE = 2;
  static final String DELTA_SUFFIX = ".delta";
  static final String SNAPSHOT_SUFFIX = ".snapshot";

  /** Fixed header bytes without the operator id. */
  static final int FIXED_HEADER_BYTES = 38;

  static final int TRAILER_BYTES = 4;

  private StateFiles() {}

  static String kindName(byte kind) {
    return kind == KIND_DELTA ? "delta" : kind == KIND_SNAPSHOT ? "snapshot" : "unknown";
  }

  /** Fsyncs a directory so that a rename or a new entry in it is durable. */
  static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems cannot open a directory for sync; the rename is atomic there anyway.
    }
  }
}
