package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.connector.memory.MemoryStream;
import dev.sluice.execution.driver.StreamingQuery;
import dev.sluice.execution.driver.Trigger;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint restarts only the query it was made for, with the key groups it was made with. */
class CheckpointCompatibilityTest {
  private static final Schema BIDS =
      Schema.of(Field.nullable("auction", SqlType.BIGINT), Field.nullable("price", SqlType.BIGINT));

  @TempDir Path checkpoint;
  private final Sluice sluice = Sluice.builder().maxRowsPerBatch(4).parallelism(2).build();

  @AfterEach
  void close() {
    sluice.close();
  }

  private StreamingQuery run(String sql, String keyGroups) {
    DataStreamWriter writer =
        sluice
            .sql(sql)
            .writeStream()
            .format("memory")
            .queryName("totals")
            .outputMode(OutputMode.UPDATE)
            .trigger(Trigger.availableNow())
            .option("checkpointLocation", checkpoint.toString());
    if (keyGroups != null) {
      writer.option("keyGroups", keyGroups);
    }
    return writer.start();
  }

  @Test
  void theKeyGroupsAreChosenAtFirstStartAndAnotherNumberIsRefusedLater() throws Exception {
    MemoryStream bids = sluice.memoryStream("bids", BIDS);
    bids.addData(Row.of(1L, 10L), Row.of(2L, 20L), Row.of(3L, 30L));
    String sql = "SELECT auction, SUM(price) AS total FROM bids GROUP BY auction";
    run(sql, "8").awaitTermination();
    try (Stream<Path> groups = Files.list(checkpoint.resolve("state/aggregate-0"))) {
      assertThat(groups.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("0", "1", "2", "3", "4", "5", "6", "7", "bundles");
    }
    bids.addData(Row.of(1L, 5L));
    run(sql, "8").awaitTermination();
    assertThat(sluice.table("totals").collectAsList()).containsExactly(Row.of(1L, 15L));

    assertThatThrownBy(() -> run(sql, null))
        .isInstanceOfSatisfying(
            SluiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CHECKPOINT_INCOMPATIBLE))
        .hasMessageContaining("splits state into 8 key groups, but this query asks for 128")
        .hasMessageContaining("Set keyGroups to 8");
  }

  @Test
  void stateSurvivesRestartsWithOtherPartitionCounts() throws Exception {
    String sql = "SELECT auction, SUM(price) AS total FROM bids GROUP BY auction";
    Row[] first = {Row.of(1L, 10L), Row.of(2L, 20L), Row.of(3L, 30L), Row.of(4L, 40L)};
    Row[] second = {Row.of(1L, 1L), Row.of(4L, 4L), Row.of(5L, 50L)};
    Row[] third = {Row.of(1L, 100L), Row.of(5L, 5L), Row.of(6L, 60L)};
    // Each session replays the memory stream's earlier rows; the checkpoint skips them.
    java.util.List<Row[]> batches = java.util.List.of(first, second, third);
    int[] partitions = {1, 3, 2};
    for (int run = 0; run < batches.size(); run++) {
      try (Sluice session =
          Sluice.builder().maxRowsPerBatch(4).parallelism(partitions[run]).build()) {
        MemoryStream bids = session.memoryStream("bids", BIDS);
        for (int b = 0; b <= run; b++) {
          bids.addData(batches.get(b));
        }
        session
            .sql(sql)
            .writeStream()
            .format("memory")
            .queryName("totals")
            .outputMode(OutputMode.COMPLETE)
            .trigger(Trigger.availableNow())
            .option("checkpointLocation", checkpoint.toString())
            .option("keyGroups", "8")
            .start()
            .awaitTermination();
        if (run == batches.size() - 1) {
          assertThat(session.table("totals").collectAsList())
              .containsExactlyInAnyOrder(
                  Row.of(1L, 111L),
                  Row.of(2L, 20L),
                  Row.of(3L, 30L),
                  Row.of(4L, 44L),
                  Row.of(5L, 55L),
                  Row.of(6L, 60L));
        }
      }
    }
    try (Stream<Path> bundles = Files.list(checkpoint.resolve("state/aggregate-0/bundles"))) {
      assertThat(bundles.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "1.0-7.bundle",
              "2.0-2.bundle",
              "2.3-5.bundle",
              "2.6-7.bundle",
              "3.0-3.bundle",
              "3.4-7.bundle");
    }
  }

  @Test
  void aChangedQueryIsRefusedNamingWhatChanged() throws Exception {
    MemoryStream bids = sluice.memoryStream("bids", BIDS);
    bids.addData(Row.of(1L, 10L));
    run("SELECT auction, SUM(price) AS total FROM bids GROUP BY auction", null).awaitTermination();
    assertThatThrownBy(
            () -> run("SELECT auction, MAX(price) AS total FROM bids GROUP BY auction", null))
        .isInstanceOfSatisfying(
            SluiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CHECKPOINT_INCOMPATIBLE))
        .hasMessageContaining("of the plan was Aggregate[")
        .hasMessageContaining("function=SUM")
        .hasMessageContaining("and is now Aggregate[")
        .hasMessageContaining("function=MAX")
        .hasMessageContaining("new checkpoint location");
  }

  @Test
  void aQueryWithTypedFunctionsBuiltAgainRestartsFromItsCheckpoint() throws Exception {
    MemoryStream bids = sluice.memoryStream("bids", BIDS);
    Schema doubled =
        Schema.of(
            Field.nullable("auction", SqlType.BIGINT), Field.nullable("twice", SqlType.BIGINT));
    java.util.function.Supplier<DataFrame> build =
        () ->
            sluice
                .table("bids")
                .filter(row -> row.getLong(1) > 0)
                .map(row -> Row.of(row.getLong(0), 2 * row.getLong(1)), doubled);
    bids.addData(Row.of(1L, 10L), Row.of(2L, -1L));
    start(build.get()).awaitTermination();
    bids.addData(Row.of(3L, 4L));
    // each build registers its functions under new session names; the plan is still the same
    start(build.get()).awaitTermination();
    assertThat(sluice.table("doubled").collectAsList()).containsExactly(Row.of(3L, 8L));
  }

  private StreamingQuery start(DataFrame frame) {
    return frame
        .writeStream()
        .format("memory")
        .queryName("doubled")
        .trigger(Trigger.availableNow())
        .option("checkpointLocation", checkpoint.toString())
        .start();
  }

  @Test
  void anInvalidNumberOfKeyGroupsIsRefusedNamingTheRule() {
    sluice.memoryStream("bids", BIDS);
    assertThatThrownBy(() -> run("SELECT auction, COUNT(*) AS n FROM bids GROUP BY auction", "100"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION))
        .hasMessageContaining("keyGroups = '100'")
        .hasMessageContaining("power of two");
  }
}
