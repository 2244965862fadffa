package dev.sluice.api;

import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.count;
import static dev.sluice.api.functions.max;
import static dev.sluice.api.functions.window;
import static dev.sluice.api.testing.StreamTest.addData;
import static dev.sluice.api.testing.StreamTest.checkNewOutput;
import static dev.sluice.api.testing.StreamTest.startStream;
import static dev.sluice.api.testing.StreamTest.stopStream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.testing.StreamTest;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.connector.memory.MemoryStream;
import dev.sluice.execution.driver.QueryProgress;
import dev.sluice.execution.driver.StreamingQuery;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Windows over a watermarked stream: closed by the watermark, emitted once in append mode, evicted
 * from state, late rows dropped and counted. TUMBLE 10 s with a 5 s watermark delay, 2-row chunks.
 */
class WindowedAggregationTest {
  private static final Schema BIDS =
      Schema.of(
          Field.nullable("auction", SqlType.BIGINT),
          Field.nullable("price", SqlType.BIGINT),
          Field.nullable("date_time", SqlType.TIMESTAMP));
  private static final LocalDateTime BASE = LocalDateTime.of(2024, 1, 1, 0, 0);
  private static final String PER_WINDOW =
      "SELECT window_start, window_end, MAX(price) AS top, COUNT(*) AS bids"
          + " FROM TABLE(TUMBLE(TABLE timed_bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))"
          + " GROUP BY window_start, window_end";

  @TempDir Path checkpoint;
  private final Sluice sluice = Sluice.builder().maxRowsPerBatch(2).parallelism(2).build();
  private final MemoryStream bids = sluice.memoryStream("bids", BIDS);

  WindowedAggregationTest() {
    sluice.table("bids").withWatermark("date_time", "0 seconds").createOrReplaceTempView("bids_0");
    sluice
        .table("bids")
        .withWatermark("date_time", "5 seconds")
        .createOrReplaceTempView("timed_bids");
  }

  @AfterEach
  void close() {
    sluice.close();
  }

  private static LocalDateTime t(int seconds) {
    return BASE.plusSeconds(seconds);
  }

  private static Row bid(long auction, long price, int second) {
    return Row.of(auction, price, t(second));
  }

  @Test
  void appendModeEmitsEachWindowOnceWhenTheWatermarkPassesItsEndAcrossARestart() {
    StreamTest.of(sluice, sluice.sql(PER_WINDOW), checkpoint)
        .outputMode(OutputMode.APPEND)
        .run(
            addData(bids, bid(1, 10, 1), bid(2, 30, 4), bid(3, 5, 12)),
            checkNewOutput(), // watermark 12 - 5 = 7: [0, 10) is still open
            addData(bids, bid(4, 8, 17)),
            // watermark 12 closes [0, 10); a batch runs for it without new data
            checkNewOutput(Row.of(t(0), t(10), 30L, 2L)),
            stopStream(),
            addData(bids, bid(5, 50, 19), bid(6, 1, 31)),
            startStream(),
            // watermark 26 closes [10, 20), which got a row after the restart
            checkNewOutput(Row.of(t(10), t(20), 50L, 3L)),
            addData(bids, bid(7, 99, 45)),
            checkNewOutput(Row.of(t(30), t(40), 1L, 1L)));
  }

  @Test
  void rowsOfClosedWindowsAreDroppedAndCountedAsRowsNotGroups() {
    StreamingQuery query =
        sluice
            .sql(PER_WINDOW)
            .writeStream()
            .format("memory")
            .queryName("windows")
            .outputMode(OutputMode.APPEND)
            .option("checkpointLocation", checkpoint.toString())
            .start();
    bids.addData(bid(1, 10, 1), bid(2, 30, 22));
    query.processAllAvailable(); // watermark 17 closes [0, 10)
    bids.addData(bid(3, 99, 2), bid(4, 98, 3), bid(5, 97, 9), bid(6, 7, 24));
    query.processAllAvailable();
    QueryProgress late =
        query.recentProgress().stream()
            .filter(p -> !p.eventTime().lateRows().isEmpty())
            .findFirst()
            .orElseThrow();
    assertThat(late.eventTime().lateRows()).containsExactly(java.util.Map.entry("aggregate-0", 3L));
    assertThat(sluice.table("windows").collectAsList())
        .containsExactly(Row.of(t(0), t(10), 10L, 1L)); // the late rows changed nothing
    query.stop();
  }

  @Test
  void lateRowsCanBeRoutedToATableInsteadOfBeingLost() {
    StreamingQuery query =
        sluice
            .sql(PER_WINDOW)
            .writeStream()
            .format("memory")
            .queryName("windows")
            .outputMode(OutputMode.APPEND)
            .option("lateRowsSink", "late_bids")
            .option("checkpointLocation", checkpoint.toString())
            .start();
    bids.addData(bid(1, 10, 1), bid(2, 30, 22));
    query.processAllAvailable(); // watermark 17 closes [0, 10)
    bids.addData(bid(3, 99, 2), bid(4, 98, 9), bid(5, 7, 24));
    query.processAllAvailable();
    // the columns the aggregation reads: its keys (the window) and the argument of MAX
    assertThat(sluice.table("late_bids").collectAsList())
        .containsExactlyInAnyOrder(Row.of(t(0), t(10), 99L), Row.of(t(0), t(10), 98L));
    query.stop();
    assertThatThrownBy(
            () ->
                sluice
                    .sql("SELECT auction, COUNT(*) AS n FROM timed_bids GROUP BY auction")
                    .writeStream()
                    .format("memory")
                    .queryName("counts")
                    .outputMode(OutputMode.UPDATE)
                    .option("lateRowsSink", "late")
                    .start())
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION))
        .hasMessageContaining("drops no late rows");
  }

  @Test
  void updateModeEmitsChangesAndEvictsClosedWindowsWhileCompleteModeKeepsThem() {
    StreamingQuery update =
        sluice
            .sql(PER_WINDOW)
            .writeStream()
            .format("memory")
            .queryName("updates")
            .outputMode(OutputMode.UPDATE)
            .option("checkpointLocation", checkpoint.resolve("update").toString())
            .start();
    StreamingQuery complete =
        sluice
            .sql(PER_WINDOW)
            .writeStream()
            .format("memory")
            .queryName("whole")
            .outputMode(OutputMode.COMPLETE)
            .option("checkpointLocation", checkpoint.resolve("complete").toString())
            .start();
    bids.addData(bid(1, 10, 1), bid(2, 20, 11), bid(3, 30, 21));
    update.processAllAvailable();
    complete.processAllAvailable();
    assertThat(keysHeld(update)).isEqualTo(2); // watermark 16 closed [0, 10) in a no-data batch
    bids.addData(bid(4, 40, 35)); // watermark 30 closes [10, 20) and [20, 30)
    update.processAllAvailable();
    complete.processAllAvailable();
    assertThat(keysHeld(update)).isEqualTo(1);
    assertThat(sluice.table("updates").collectAsList())
        .containsExactlyInAnyOrder(
            Row.of(t(0), t(10), 10L, 1L),
            Row.of(t(10), t(20), 20L, 1L),
            Row.of(t(20), t(30), 30L, 1L),
            Row.of(t(30), t(40), 40L, 1L));
    assertThat(keysHeld(complete)).isEqualTo(4);
    assertThat(sluice.table("whole").collectAsList()).hasSize(4);
    update.stop();
    complete.stop();
  }

  @Test
  void closingAWindowAlsoForgetsItsDistinctValues() {
    StreamingQuery query =
        sluice
            .sql(
                "SELECT window_start, COUNT(DISTINCT auction) AS auctions FROM TABLE(TUMBLE(TABLE"
                    + " timed_bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))"
                    + " GROUP BY window_start, window_end")
            .writeStream()
            .format("memory")
            .queryName("distinct_per_window")
            .outputMode(OutputMode.APPEND)
            .option("checkpointLocation", checkpoint.toString())
            .start();
    bids.addData(bid(1, 1, 1), bid(1, 2, 2), bid(2, 3, 3), bid(3, 4, 12));
    query.processAllAvailable();
    assertThat(keysHeld(query)).isEqualTo(1 + 2 + 1 + 1); // two groups and three distinct values
    bids.addData(bid(4, 5, 31));
    query.processAllAvailable(); // watermark 26 closes both
    assertThat(sluice.table("distinct_per_window").collectAsList())
        .containsExactlyInAnyOrder(Row.of(t(0), 2L), Row.of(t(10), 1L));
    assertThat(keysHeld(query)).isEqualTo(2); // only the open window [30, 40) and its value
    query.stop();
  }

  @Test
  void aWindowOverTwoInputsClosesOnlyWhenTheSlowerInputsWatermarkPassesIt() {
    MemoryStream late = sluice.memoryStream("late_bids", BIDS);
    sluice
        .table("bids")
        .withWatermark("date_time", "1 second")
        .union(sluice.table("late_bids").withWatermark("date_time", "20 seconds"))
        .createOrReplaceTempView("all_bids");
    StreamTest.of(sluice, sluice.sql(PER_WINDOW.replace("timed_bids", "all_bids")), checkpoint)
        .outputMode(OutputMode.APPEND)
        .run(
            addData(bids, bid(1, 10, 1), bid(2, 20, 25)),
            addData(late, bid(3, 30, 5)),
            // bids alone would allow 24, but late_bids holds the watermark at 5 - 20 < 0
            checkNewOutput(),
            addData(late, bid(4, 40, 31)),
            // min(25 - 1, 31 - 20) = 11 closes [0, 10) with the rows of both inputs
            checkNewOutput(Row.of(t(0), t(10), 30L, 2L)),
            stopStream(),
            startStream(),
            addData(bids, bid(5, 50, 12), bid(6, 60, 45)),
            // the restarted query keeps both inputs' event times: min(44, 11) = 11 still
            checkNewOutput(),
            addData(late, bid(7, 70, 50)),
            // min(44, 30) = 30 closes [10, 20) and [20, 30)
            checkNewOutput(Row.of(t(10), t(20), 50L, 1L), Row.of(t(20), t(30), 20L, 1L)));
  }

  @Test
  void hopWindowsAreAggregatedByPanesAndARowCountsInItsStillOpenWindows() {
    DataFrame hop =
        sluice.sql(
            "SELECT window_start, window_end, COUNT(*) AS bids FROM TABLE(HOP(TABLE bids_0,"
                + " DESCRIPTOR(date_time), INTERVAL '2' SECOND, INTERVAL '6' SECOND))"
                + " GROUP BY window_start, window_end");
    StreamTest.of(sluice, hop, checkpoint)
        .outputMode(OutputMode.APPEND)
        .run(
            addData(bids, bid(1, 1, 1), bid(2, 1, 3)),
            // watermark 3 closes [-4, 2) only
            checkNewOutput(Row.of(t(-4), t(2), 1L)),
            // behind the watermark, but two of its three windows are still open: it counts there
            addData(bids, bid(3, 1, 1)),
            checkNewOutput(),
            addData(bids, bid(4, 1, 20)),
            checkNewOutput(
                Row.of(t(-2), t(4), 3L), Row.of(t(0), t(6), 3L), Row.of(t(2), t(8), 1L)));
  }

  private static long keysHeld(StreamingQuery query) {
    return query.lastProgress().stateOperators().get(0).numKeys();
  }

  @Test
  void theDataFrameWindowAggregationRunsInAppendMode() {
    DataFrame perAuction =
        sluice
            .table("bids")
            .withWatermark("date_time", "0 seconds")
            .groupBy(window(col("date_time"), "10 seconds"), col("auction"))
            .agg(count().as("bids"), max(col("price")).as("top"));
    StreamTest.of(sluice, perAuction, checkpoint)
        .outputMode(OutputMode.APPEND)
        .run(
            addData(bids, bid(1, 5, 2), bid(1, 9, 3), bid(2, 4, 8)),
            checkNewOutput(),
            addData(bids, bid(1, 1, 10)),
            checkNewOutput(Row.of(t(0), t(10), 1L, 2L, 9L), Row.of(t(0), t(10), 2L, 1L, 4L)));
  }

  @Test
  void appendModeIsRefusedForWindowsWithoutAWatermarkNamingWhatWouldWork() {
    assertThatThrownBy(
            () ->
                sluice
                    .sql(PER_WINDOW.replace("timed_bids", "bids"))
                    .writeStream()
                    .format("memory")
                    .queryName("q")
                    .outputMode(OutputMode.APPEND)
                    .start())
        .isInstanceOfSatisfying(
            SluiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_OUTPUT_MODE))
        .hasMessageContaining("watermark");
  }
}
