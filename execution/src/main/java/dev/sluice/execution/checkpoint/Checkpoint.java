package dev.sluice.execution.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A query's checkpoint location: {@code metadata}, {@code offsets/<batchId>} (written before a
 * batch runs) and {@code commits/<batchId>} (written after its output is committed). The commit
 * record is the single atomic commit point of a micro-batch.
 */
public final class Checkpoint {
  private final Path root;
  private final BatchLog<OffsetLogEntry> offsets;
  private final BatchLog<CommitLogEntry> commits;

  public Checkpoint(Path root) {
    this.root = root;
    this.offsets = new BatchLog<>(root.resolve("offsets"), OffsetLogEntry.class);
    this.commits = new BatchLog<>(root.resolve("commits"), CommitLogEntry.class);
  }

  public Path root() {
    return root;
  }

  public BatchLog<OffsetLogEntry> offsets() {
    return offsets;
  }

  public BatchLog<CommitLogEntry> commits() {
    return commits;
  }

  public Optional<CheckpointMetadata> readMetadata() {
    Path file = root.resolve("metadata");
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          BatchLog.JSON.readValue(ChecksummedFiles.read(file), CheckpointMetadata.class));
    } catch (JsonProcessingException e) {
      throw new SluiceException(
          ErrorCode.CHECKPOINT_CORRUPT, "checkpoint file " + file + " is not valid metadata", e);
    }
  }

  public void writeMetadata(CheckpointMetadata metadata) {
    try {
      ChecksummedFiles.write(root.resolve("metadata"), BatchLog.JSON.writeValueAsString(metadata));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Opens the checkpoint for a plan: creates metadata on first use, otherwise checks that the plan
   * is the one the checkpoint was made for.
   */
  public CheckpointMetadata openFor(
      String planFingerprint, String newQueryId, long nowMillis, int keyGroups) {
    Optional<CheckpointMetadata> existing = readMetadata();
    if (existing.isEmpty()) {
      CheckpointMetadata metadata =
          new CheckpointMetadata(newQueryId, planFingerprint, nowMillis, keyGroups);
      writeMetadata(metadata);
      return metadata;
    }
    CheckpointMetadata metadata = existing.get();
    if (!metadata.planFingerprint().equals(planFingerprint)) {
      throw new SluiceException(
          ErrorCode.CHECKPOINT_INCOMPATIBLE,
          "checkpoint "
              + root
              + " belongs to a different query plan (fingerprint "
              + metadata.planFingerprint()
              + ", this query has "
              + planFingerprint
              + "): the query, its sources or their schemas changed. Use a new checkpoint"
              + " location to start this query from scratch.");
    }
    return metadata;
  }
}
