package dev.sluice.execution.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.expression.ColumnRef;
import dev.sluice.execution.plan.CalcSpec;
import dev.sluice.execution.plan.QuerySpec;
import dev.sluice.execution.plan.ScanSpec;
import dev.sluice.execution.plan.SourceSpec;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  @TempDir Path root;

  private static OffsetLogEntry entry(long batchId) {
    return new OffsetLogEntry(
        batchId,
        1000L,
        Long.MIN_VALUE,
        Map.of("s", new OffsetLogEntry.SourceOffsets(new long[] {0, 5}, new long[] {3, 9})));
  }

  @Test
  void entriesRoundTripAndTheLatestIsFound() {
    Checkpoint checkpoint = new Checkpoint(root);
    checkpoint.offsets().write(0, entry(0));
    checkpoint.offsets().write(1, entry(1));
    OffsetLogEntry read = checkpoint.offsets().read(1).orElseThrow();
    assertThat(read.sources().get("s").end()).containsExactly(3, 9);
    assertThat(checkpoint.offsets().latestBatchId()).hasValue(1);
    assertThat(checkpoint.commits().latestBatchId()).isEmpty();
    checkpoint.offsets().purgeBefore(1);
    assertThat(checkpoint.offsets().read(0)).isEmpty();
  }

  @Test
  void anEditedFileIsDetectedAndNamed() throws Exception {
    Checkpoint checkpoint = new Checkpoint(root);
    checkpoint.offsets().write(0, entry(0));
    Path file = root.resolve("offsets/0");
    Files.writeString(file, Files.readString(file).replace("\"end\":[3,9]", "\"end\":[3,8]"));
    assertThatThrownBy(() -> checkpoint.offsets().read(0))
        .isInstanceOfSatisfying(
            SluiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CHECKPOINT_CORRUPT))
        .hasMessageContaining(file.toString())
        .hasMessageContaining("checksum mismatch");
  }

  @Test
  void aTruncatedFileIsDetected() throws Exception {
    Checkpoint checkpoint = new Checkpoint(root);
    checkpoint.commits().write(4, new CommitLogEntry(4, 1L));
    Path file = root.resolve("commits/4");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> checkpoint.commits().read(4))
        .isInstanceOfSatisfying(
            SluiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CHECKPOINT_CORRUPT));
  }

  private static final Schema ROW =
      Schema.of(Field.nullable("a", SqlType.BIGINT), Field.nullable("b", SqlType.VARCHAR));

  /** Scans source {@code s} and keeps column {@code column}. */
  private static QuerySpec plan(int column) {
    ScanSpec scan = new ScanSpec("s", ROW);
    return new QuerySpec(
        new CalcSpec(
            scan,
            null,
            List.of(new ColumnRef(column, ROW.field(column).type())),
            Schema.of(ROW.field(column))),
        List.of(new SourceSpec("s", "memory(s)", ROW)));
  }

  @Test
  void metadataIsCreatedOnceAndAnotherPlanIsRefusedNamingTheLineThatChanged() {
    Checkpoint checkpoint = new Checkpoint(root);
    CheckpointMetadata first = checkpoint.openFor(plan(0), "id-1", 5L, 128);
    assertThat(checkpoint.openFor(plan(0), "id-2", 6L, 128)).isEqualTo(first);
    assertThatThrownBy(() -> checkpoint.openFor(plan(1), "id-3", 7L, 128))
        .isInstanceOfSatisfying(
            SluiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CHECKPOINT_INCOMPATIBLE))
        .hasMessageContaining(
            "line 2 of the plan was Calc[condition=null, projections=[$0:BIGINT], schema=(a BIGINT)]"
                + " and is now Calc[condition=null, projections=[$1:VARCHAR], schema=(b VARCHAR)]")
        .hasMessageContaining("new checkpoint location");
  }

  @Test
  void anotherNumberOfKeyGroupsIsRefusedNamingTheOneToUse() {
    Checkpoint checkpoint = new Checkpoint(root);
    checkpoint.openFor(plan(0), "id-1", 5L, 128);
    assertThatThrownBy(() -> checkpoint.openFor(plan(0), "id-2", 6L, 256))
        .isInstanceOfSatisfying(
            SluiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CHECKPOINT_INCOMPATIBLE))
        .hasMessageContaining("splits state into 128 key groups, but this query asks for 256")
        .hasMessageContaining("Set keyGroups to 128");
  }

  @Test
  void noTemporaryFilesAreLeftBehind() throws Exception {
    Checkpoint checkpoint = new Checkpoint(root);
    checkpoint.offsets().write(0, entry(0));
    try (var files = Files.list(root.resolve("offsets"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("0");
    }
    assertThat(Files.readString(root.resolve("offsets/0"), StandardCharsets.UTF_8))
        .startsWith("v1\n");
  }
}
