package dev.sluice.execution.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.plan.PlanDescription;
import dev.sluice.execution.plan.QuerySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  /** What source {@code sourceId} saved when the query first started ({@code sources/<id>}). */
  public Optional<String> readSourceState(String sourceId) {
    Path file = sourceStatePath(sourceId);
    return Files.exists(file) ? Optional.of(ChecksummedFiles.read(file)) : Optional.empty();
  }

  public void writeSourceState(String sourceId, String state) {
    ChecksummedFiles.write(sourceStatePath(sourceId), state);
  }

  private Path sourceStatePath(String sourceId) {
    // Source ids are catalog names, which quoting lets contain any character.
    return root.resolve("sources").resolve(URLEncoder.encode(sourceId, StandardCharsets.UTF_8));
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
   * and the number of key groups are the ones the checkpoint was made with, naming what changed.
   */
  public CheckpointMetadata openFor(
      QuerySpec plan, String newQueryId, long nowMillis, int keyGroups) {
    Optional<CheckpointMetadata> existing = readMetadata();
    List<String> lines = PlanDescription.lines(plan);
    if (existing.isEmpty()) {
      CheckpointMetadata metadata =
          new CheckpointMetadata(newQueryId, plan.fingerprint(), nowMillis, keyGroups, lines);
      writeMetadata(metadata);
      return metadata;
    }
    CheckpointMetadata metadata = existing.get();
    if (!metadata.planFingerprint().equals(plan.fingerprint())) {
      throw new SluiceException(
          ErrorCode.CHECKPOINT_INCOMPATIBLE,
          "checkpoint "
              + root
              + " belongs to a different query plan: "
              + whatChanged(metadata.plan(), lines)
              + ". The query, its sources or their schemas changed, and the state and offsets kept"
              + " here do not fit the new plan. Use a new checkpoint location to start this query"
              + " from scratch.");
    }
    if (metadata.keyGroups() != 0 && metadata.keyGroups() != keyGroups) {
      throw new SluiceException(
          ErrorCode.CHECKPOINT_INCOMPATIBLE,
          "checkpoint "
              + root
              + " splits state into "
              + metadata.keyGroups()
              + " key groups, but this query asks for "
              + keyGroups
              + "; the number of key groups is fixed when a query first starts. Set keyGroups to "
              + metadata.keyGroups()
              + " for this query, or use a new checkpoint location.");
    }
    return metadata;
  }

  private static String whatChanged(List<String> before, List<String> now) {
    if (before == null) {
      return "its fingerprint differs (this checkpoint predates plan descriptions)";
    }
    for (int i = 0; i < Math.max(before.size(), now.size()); i++) {
      String was = i < before.size() ? before.get(i).strip() : "(nothing)";
      String is = i < now.size() ? now.get(i).strip() : "(nothing)";
      if (!was.equals(is)) {
        return "line " + (i + 1) + " of the plan was " + was + " and is now " + is;
      }
    }
    return "its fingerprint differs";
  }
}
