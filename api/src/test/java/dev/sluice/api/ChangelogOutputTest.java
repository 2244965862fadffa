package dev.sluice.api;

import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.count;
import static dev.sluice.api.functions.sum;
import static dev.sluice.api.testing.StreamTest.addData;
import static dev.sluice.api.testing.StreamTest.checkChangelogTable;
import static dev.sluice.api.testing.StreamTest.checkNewOutput;
import static dev.sluice.api.testing.StreamTest.startStream;
import static dev.sluice.api.testing.StreamTest.stopStream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.testing.StreamTest;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.connector.memory.MemoryStream;
import dev.sluice.execution.driver.StreamingQuery;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changelog output: each change of the result table as a row with a leading {@code op} column (+I,
 * -U, +U, -D), such that applying them in order keeps an exact copy of the result.
 */
class ChangelogOutputTest {
  private static final Schema BIDS =
      Schema.of(
          Field.nullable("auction", SqlType.BIGINT),
          Field.nullable("price", SqlType.BIGINT),
          Field.nullable("channel", SqlType.VARCHAR));

  @TempDir Path checkpoint;
  private final Sluice sluice = Sluice.builder().maxRowsPerBatch(2).parallelism(2).build();

  @AfterEach
  void close() {
    sluice.close();
  }

  @Test
  void aNewGroupIsInsertedAndAChangedGroupRetractsItsOldRowAcrossARestart() {
    MemoryStream bids = sluice.memoryStream("bids", BIDS);
    DataFrame totals =
        sluice.sql(
            "SELECT auction, COUNT(*) AS n, SUM(price) AS total, MAX(price) AS top FROM bids GROUP BY auction");
    StreamTest.of(sluice, totals, checkpoint)
        .outputMode(OutputMode.CHANGELOG)
        .run(
            addData(bids, Row.of(1L, 10L, "a"), Row.of(2L, 5L, "b"), Row.of(1L, 30L, "c")),
            checkNewOutput(Row.of("+I", 1L, 2L, 40L, 30L), Row.of("+I", 2L, 1L, 5L, 5L)),
            addData(bids, Row.of(2L, 7L, "a"), Row.of(3L, null, "a")),
            checkNewOutput(
                Row.of("-U", 2L, 1L, 5L, 5L),
                Row.of("+U", 2L, 2L, 12L, 7L),
                Row.of("+I", 3L, 1L, null, null)),
            stopStream(),
            addData(bids, Row.of(1L, 1L, "z")),
            startStream(),
            checkNewOutput(Row.of("-U", 1L, 2L, 40L, 30L), Row.of("+U", 1L, 3L, 41L, 30L)),
            checkChangelogTable(
                Row.of(1L, 3L, 41L, 30L), Row.of(2L, 2L, 12L, 7L), Row.of(3L, 1L, null, null)));
  }

  @Test
  void havingTurnsAGroupEnteringOrLeavingTheResultIntoAnInsertOrADelete() {
    MemoryStream bids = sluice.memoryStream("bids", BIDS);
    DataFrame cheap =
        sluice.sql(
            "SELECT channel, MAX(price) AS top, COUNT(*) AS n FROM bids GROUP BY channel"
                + " HAVING MAX(price) < 10");
    StreamTest.of(sluice, cheap, checkpoint)
        .outputMode(OutputMode.CHANGELOG)
        .run(
            addData(bids, Row.of(1L, 5L, "a"), Row.of(2L, 50L, "b")),
            checkNewOutput(Row.of("+I", "a", 5L, 1L)),
            // a leaves the result; b stays out although it changed
            addData(bids, Row.of(3L, 20L, "a"), Row.of(4L, 60L, "b")),
            checkNewOutput(Row.of("-D", "a", 5L, 1L)),
            addData(bids, Row.of(5L, 1L, "c")),
            checkNewOutput(Row.of("+I", "c", 1L, 1L)),
            addData(bids, Row.of(6L, 2L, "c")),
            checkNewOutput(Row.of("-U", "c", 1L, 1L), Row.of("+U", "c", 2L, 2L)),
            checkChangelogTable(Row.of("c", 2L, 2L)));
  }

  @Test
  void aGroupWhoseResultDidNotChangeEmitsNothing() {
    MemoryStream bids = sluice.memoryStream("bids", BIDS);
    DataFrame top = sluice.sql("SELECT channel, MAX(price) AS top FROM bids GROUP BY channel");
    StreamTest.of(sluice, top, checkpoint)
        .outputMode(OutputMode.CHANGELOG)
        .run(
            addData(bids, Row.of(1L, 50L, "a")),
            checkNewOutput(Row.of("+I", "a", 50L)),
            addData(bids, Row.of(2L, 10L, "a"), Row.of(3L, 7L, "b")),
            checkNewOutput(Row.of("+I", "b", 7L)));
  }

  @Test
  void aQueryWithoutAggregationIsAChangelogOfInsertsAndAFilterAboveTheResultIsAppliedRowByRow() {
    MemoryStream bids = sluice.memoryStream("bids", BIDS);
    StreamTest.of(
            sluice,
            sluice.sql("SELECT auction, UPPER(channel) AS ch FROM bids WHERE price > 3"),
            checkpoint.resolve("projection"))
        .outputMode(OutputMode.CHANGELOG)
        .run(
            addData(bids, Row.of(1L, 5L, "a"), Row.of(2L, 1L, "b"), Row.of(3L, 9L, "c")),
            checkNewOutput(Row.of("+I", 1L, "A"), Row.of("+I", 3L, "C")));
    // The outer projection and filter sit above a projection of the aggregate, not directly on it.
    StreamTest.of(
            sluice,
            sluice.sql(
                "SELECT channel, n * 10 AS tens FROM (SELECT channel, COUNT(*) AS n FROM bids"
                    + " GROUP BY channel) WHERE n <> 2"),
            checkpoint.resolve("outer"))
        .outputMode(OutputMode.CHANGELOG)
        .run(
            checkNewOutput(Row.of("+I", "a", 10L), Row.of("+I", "b", 10L), Row.of("+I", "c", 10L)),
            addData(bids, Row.of(4L, 1L, "a"), Row.of(5L, 1L, "b"), Row.of(6L, 1L, "b")),
            checkChangelogTable(Row.of("b", 30L), Row.of("c", 10L)));
  }

  @Test
  void theDataFrameApiAndAGlobalAggregate() {
    MemoryStream bids = sluice.memoryStream("bids", BIDS);
    DataFrame byChannel = sluice.table("bids").groupBy(col("channel")).agg(count().as("n"));
    StreamTest.of(sluice, byChannel, checkpoint.resolve("grouped"))
        .outputMode(OutputMode.CHANGELOG)
        .run(
            addData(bids, Row.of(1L, 1L, null), Row.of(2L, 1L, null)),
            checkNewOutput(Row.of("+I", null, 2L)));
    StreamTest.of(
            sluice,
            sluice.table("bids").agg(sum(col("price")).as("total")),
            checkpoint.resolve("global"))
        .outputMode(OutputMode.CHANGELOG)
        .run(
            checkNewOutput(Row.of("+I", 2L)),
            addData(bids, Row.of(3L, 4L, "x")),
            checkNewOutput(Row.of("-U", 2L), Row.of("+U", 6L)));
  }

  @Test
  void theAppliedChangelogEqualsTheResultOfTheSameQueryOverAllTheRows() {
    MemoryStream bids = sluice.memoryStream("bids", BIDS);
    String query =
        "SELECT channel, COUNT(*) AS n, SUM(price) AS total, MIN(auction) AS first,"
            + " COUNT(DISTINCT auction) AS auctions, COUNT(DISTINCT price) AS prices FROM %s GROUP BY channel HAVING SUM(price) %% 3 <> 0";
    StreamingQuery running =
        sluice
            .sql(String.format(query, "bids"))
            .writeStream()
            .format("memory")
            .queryName("changes")
            .outputMode("changelog")
            .option("checkpointLocation", checkpoint.toString())
            .start();
    Random random = new Random(42);
    List<Row> all = new ArrayList<>();
    try {
      for (int batch = 0; batch < 20; batch++) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 1 + random.nextInt(15); i++) {
          rows.add(
              Row.of(
                  (long) random.nextInt(30),
                  (long) random.nextInt(20),
                  random.nextInt(10) == 0 ? null : "c" + random.nextInt(12)));
        }
        bids.addData(rows.toArray(Row[]::new));
        all.addAll(rows);
        running.processAllAvailable();
      }
    } finally {
      running.stop();
    }
    sluice.createTable("everything", BIDS, all);
    assertThat(StreamTest.applyChangelog(sluice.table("changes").collectAsList()))
        .containsExactlyInAnyOrderElementsOf(
            sluice.sql(String.format(query, "everything")).collectAsList());
  }

  @Test
  void theConsoleShowsTheKindOfEveryRow() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (Sluice withConsole =
        Sluice.builder().console(new PrintStream(printed, true, StandardCharsets.UTF_8)).build()) {
      MemoryStream bids = withConsole.memoryStream("bids", BIDS);
      StreamingQuery running =
          withConsole
              .sql("SELECT channel, COUNT(*) AS n FROM bids GROUP BY channel")
              .writeStream()
              .format("console")
              .outputMode(OutputMode.CHANGELOG)
              .start();
      bids.addData(Row.of(1L, 1L, "a"));
      running.processAllAvailable();
      bids.addData(Row.of(2L, 1L, "a"));
      running.processAllAvailable();
      running.stop();
    }
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains(
            "| op|channel|  n|", "| +I|      a|  1|", "| -U|      a|  1|", "| +U|      a|  2|");
  }

  @Test
  void aResultColumnNamedOpIsRefusedWithTheFix() {
    sluice.memoryStream("bids", BIDS);
    assertThatThrownBy(
            () ->
                sluice
                    .sql("SELECT channel AS op, COUNT(*) AS n FROM bids GROUP BY channel")
                    .writeStream()
                    .format("memory")
                    .queryName("q")
                    .outputMode("changelog")
                    .start())
        .isInstanceOfSatisfying(
            SluiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_OUTPUT_MODE))
        .hasMessageContaining("already has a column named 'op'")
        .hasMessageContaining("rename it");
  }
}
