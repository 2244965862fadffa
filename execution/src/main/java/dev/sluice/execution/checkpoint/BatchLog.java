package dev.sluice.execution.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A directory of one checksummed JSON file per batch id (the offset log and the commit log).
 *
 * @param <T> the entry type, a record Jackson can read and write
 */
public final class BatchLog<T> {
  static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;
  private final Class<T> type;

  public BatchLog(Path directory, Class<T> type) {
    this.directory = directory;
    this.type = type;
  }

  public Path directory() {
    return directory;
  }

  /** Writes the entry of {@code batchId}, replacing an earlier one (a re-run writes the same). */
  public void write(long batchId, T entry) {
    try {
      ChecksummedFiles.write(
          directory.resolve(Long.toString(batchId)), JSON.writeValueAsString(entry));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + entry, e);
    }
  }

  public Optional<T> read(long batchId) {
    Path file = directory.resolve(Long.toString(batchId));
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String payload = ChecksummedFiles.read(file);
    try {
      return Optional.of(JSON.readValue(payload, type));
    } catch (JsonProcessingException e) {
      throw new SluiceException(
          ErrorCode.CHECKPOINT_CORRUPT,
          "checkpoint file " + file + " does not hold a valid entry: " + e.getOriginalMessage(),
          e);
    }
  }

  /** The highest batch id with an entry. */
  public OptionalLong latestBatchId() {
    if (!Files.isDirectory(directory)) {
      return OptionalLong.empty();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(name -> name.matches("\\d+"))
          .mapToLong(Long::parseLong)
          .max();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
  }

  /** Deletes entries below {@code batchId}, keeping the log small. */
  public void purgeBefore(long batchId) {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (name.matches("\\d+") && Long.parseLong(name) < batchId) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot purge " + directory, e);
    }
  }
}
