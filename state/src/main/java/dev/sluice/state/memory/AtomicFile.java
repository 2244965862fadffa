package dev.sluice.state.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file that appears under its name whole or not at all: written into a temp file in the same
 * directory ({@code .<name>.tmp}, which readers ignore), then {@link #commit()} fsyncs it, renames
 * it over the target and fsyncs the directory. {@link #close()} without a commit deletes the temp
 * file.
 */
final class AtomicFile implements AutoCloseable {
  private final Path target;
  private final Path temp;
  private final FileChannel channel;
  private boolean committed;

  AtomicFile(Path target) {
    this.target = target;
    this.temp = target.resolveSibling("." + target.getFileName() + ".tmp");
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
  }

  Path target() {
    return target;
  }

  /** The temp file's channel, written sequentially. */
  FileChannel channel() {
    return channel;
  }

  /** Makes the written bytes durable and visible under the target name. */
  void commit() {
    try {
      channel.force(true);
      channel.close();
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      StateFiles.syncDirectory(target.getParent());
      committed = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write state file " + target, e);
    }
  }

  @Override
  public void close() {
    if (!committed) {
      try {
        channel.close();
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // The temp file is ignored by readers and removed by the next commit of this store.
      }
    }
  }
}
