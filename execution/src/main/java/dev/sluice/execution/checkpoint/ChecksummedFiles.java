package dev.sluice.execution.checkpoint;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
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
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads and writes the small files of a checkpoint: a version line, one payload line, and a CRC-32C
 * of the payload. Writes are atomic (temp file in the same directory, fsync, rename, fsync of the
 * directory), so a crash leaves either the old state or the new one, never half a file; a torn or
 * edited file is detected on read and reported with its path.
 */
final class ChecksummedFiles {
  static final String VERSION = "v1";

  private ChecksummedFiles() {}

  static void write(Path file, String payload) {
    if (payload.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("payload must be a single line");
    }
    CRC32C crc = new CRC32C();
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    crc.update(bytes);
    String content =
        VERSION + "\n" + payload + "\n" + "crc32c=" + Long.toHexString(crc.getValue()) + "\n";
    Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel channel =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      syncDirectory(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint file " + file, e);
    }
  }

  static String read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint file " + file, e);
    }
    if (lines.size() != 3 || !lines.get(0).equals(VERSION) || !lines.get(2).startsWith("crc32c=")) {
      throw corrupt(file, "expected 3 lines (version " + VERSION + ", payload, checksum)");
    }
    CRC32C crc = new CRC32C();
    crc.update(lines.get(1).getBytes(StandardCharsets.UTF_8));
    if (!lines.get(2).equals("crc32c=" + Long.toHexString(crc.getValue()))) {
      throw corrupt(file, "checksum mismatch");
    }
    return lines.get(1);
  }

  private static SluiceException corrupt(Path file, String why) {
    return new SluiceException(
        ErrorCode.CHECKPOINT_CORRUPT,
        "checkpoint file "
            + file
            + " is corrupt ("
            + why
            + "); restore it from a backup or start"
            + " the query with a new checkpoint location");
  }

  private static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems cannot open directories for sync; the rename is still atomic there.
    }
  }
}
