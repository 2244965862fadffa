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
