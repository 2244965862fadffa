package dev.sluice.api;

import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.count;
import static dev.sluice.api.functions.sum;
import static dev.sluice.api.functions.window;
import static dev.sluice.api.testing.StreamTest.addData;
import static dev.sluice.api.testing.StreamTest.checkChangelogTable;
import static dev.sluice.api.testing.StreamTest.checkNewOutput;
import static dev.sluice.api.testing.StreamTest.startStream;
import static dev.sluice.api.testing.StreamTest.stopStream;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.testing.StreamTest;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.connector.memory.MemoryStream;
import dev.sluice.execution.driver.StreamingQuery;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An aggregation over HOP windows keeps one state per key and pane and merges a window from its
 * panes when it emits it: in every output mode, with rows late for some of their windows, and
 * across restarts. HOP 2 s sliding windows of 6 s (three panes each) over a stream whose watermark
 * is its largest event time, on two partitions.
 */
class HopPaneStateTest {
  private static final Schema BIDS =
      Schema.of(
          Field.nullable("auction", SqlType.BIGINT),
          Field.nullable("price", SqlType.BIGINT),
          Field.nullable("date_time", SqlType.TIMESTAMP));
  private static final LocalDateTime BASE = LocalDateTime.of(2024, 1, 1, 0, 0);
  private static final String PER_AUCTION =
      "SELECT auction, window_start, window_end, COUNT(*) AS bids, SUM(price) AS total"
          + " FROM TABLE(HOP(TABLE timed_bids, DESCRIPTOR(date_time), INTERVAL '2' SECOND,"
          + " INTERVAL '6' SECOND)) GROUP BY window_start, auction, window_end";

  @TempDir Path checkpoint;
  private final Sluice sluice = Sluice.builder().maxRowsPerBatch(2).parallelism(2).build();
  private final MemoryStream bids = sluice.memoryStream("bids", BIDS);

  HopPaneStateTest() {
    sluice
        .table("bids")
        .withWatermark("date_time", "0 seconds")
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

  /** A result row: the keys in the order the query wrote them, then COUNT and SUM. */
  private static Row result(long auction, int start, long bids, long total) {
    return Row.of(auction, t(start), t(start + 6), bids, total);
  }

  @Test
  void appendModeEmitsEachWindowOnceFromItsPanesAcrossRestarts() {
    StreamTest.of(sluice, sluice.sql(PER_AUCTION), checkpoint)
        .outputMode(OutputMode.APPEND)
        .run(
            addData(bids, bid(1, 10, 1), bid(2, 5, 1), bid(1, 20, 3)),
            // watermark 3 closes the windows ending at 2: [-4, 2) of both auctions
            checkNewOutput(result(1, -4, 1, 10), result(2, -4, 1, 5)),
            stopStream(),
            startStream(),
            // at 1 s, behind watermark 3: late for [-4, 2), which stays as emitted, but on time
            // for the other two windows of its pane; watermark 5 then closes [-2, 4)
            addData(bids, bid(1, 100, 5), bid(1, 1000, 1)),
            checkNewOutput(result(1, -2, 3, 1030), result(2, -2, 1, 5)),
            stopStream(),
            startStream(),
            addData(bids, bid(3, 7, 30)),
            checkNewOutput(
                result(1, 0, 4, 1130),
                result(2, 0, 1, 5),
                result(1, 2, 2, 120),
                result(1, 4, 1, 100)));
  }

  @Test
  void updateModeEmitsTheOpenWindowsOfChangedPanesOnly() {
    StreamTest.of(sluice, sluice.sql(PER_AUCTION), checkpoint)
        .outputMode(OutputMode.UPDATE)
        .run(
            addData(bids, bid(1, 10, 1)),
            // pane [0, 2) belongs to [-4, 2), [-2, 4), [0, 6); watermark 1 closes none yet
            checkNewOutput(result(1, -4, 1, 10), result(1, -2, 1, 10), result(1, 0, 1, 10)),
            addData(bids, bid(2, 5, 4)),
            // auction 1's windows did not change; watermark 4 closes [-4, 2) and [-2, 4) silently
            checkNewOutput(result(2, 0, 1, 5), result(2, 2, 1, 5), result(2, 4, 1, 5)),
            addData(bids, bid(1, 20, 1)),
            // late for every window of its pane but [0, 6): only that one changes
            checkNewOutput(result(1, 0, 2, 30)));
  }

  @Test
  void completeModeFreezesAClosedWindowWhileItsPanesStillFeedOpenOnes() {
    StreamingQuery query =
        sluice
            .sql(PER_AUCTION)
            .writeStream()
            .format("memory")
            .queryName("whole")
            .outputMode(OutputMode.COMPLETE)
            .option("checkpointLocation", checkpoint.toString())
            .start();
    bids.addData(bid(1, 10, 1));
    query.processAllAvailable();
    bids.addData(bid(1, 20, 4)); // watermark 4: [-4, 2) and [-2, 4) are final
    query.processAllAvailable();
    bids.addData(bid(1, 40, 1)); // late for those two, on time for [0, 6)
    query.processAllAvailable();
    assertThat(sluice.table("whole").collectAsList())
        .containsExactlyInAnyOrder(
            result(1, -4, 1, 10),
            result(1, -2, 1, 10),
            result(1, 0, 3, 70),
            result(1, 2, 1, 20),
            result(1, 4, 1, 20));
    query.stop();
  }

  @Test
  void changelogModeRetractsAWindowsOldRowWhenAPaneOfItChanges() {
    StreamTest.of(sluice, sluice.sql(PER_AUCTION), checkpoint)
        .outputMode(OutputMode.CHANGELOG)
        .run(
            addData(bids, bid(1, 10, 3)),
            checkNewOutput(
                Row.of("+I", 1L, t(-2), t(4), 1L, 10L),
                Row.of("+I", 1L, t(0), t(6), 1L, 10L),
                Row.of("+I", 1L, t(2), t(8), 1L, 10L)),
            stopStream(),
            startStream(),
            addData(bids, bid(1, 5, 5)),
            // pane [4, 6) is new; [0, 6) and [2, 8) change, [4, 10) is new; watermark 3 closed none
            checkNewOutput(
                Row.of("-U", 1L, t(0), t(6), 1L, 10L),
                Row.of("+U", 1L, t(0), t(6), 2L, 15L),
                Row.of("-U", 1L, t(2), t(8), 1L, 10L),
                Row.of("+U", 1L, t(2), t(8), 2L, 15L),
                Row.of("+I", 1L, t(4), t(10), 1L, 5L)),
            checkChangelogTable(
                Row.of(1L, t(-2), t(4), 1L, 10L),
                Row.of(1L, t(0), t(6), 2L, 15L),
                Row.of(1L, t(2), t(8), 2L, 15L),
                Row.of(1L, t(4), t(10), 1L, 5L)));
  }

  @Test
  void theDataFrameSlidingWindowUsesPanesAndKeysUpdatesByItsGroupColumns() {
    DataFrame perAuction =
        sluice
            .table("timed_bids")
            .groupBy(window(col("date_time"), "6 seconds", "2 seconds"), col("auction"))
            .agg(count().as("bids"), sum(col("price")).as("total"));
    assertThat(perAuction.keyColumns().orElseThrow())
        .containsExactlyInAnyOrder("window_start", "window_end", "auction");
    assertThat(perAuction.explainString()).contains("panes=WindowPanes[");
    StreamTest.of(sluice, perAuction, checkpoint)
        .outputMode(OutputMode.UPDATE)
        .run(
            addData(bids, bid(7, 10, 5), bid(7, 1, 4)),
            checkNewOutput(
                Row.of(t(0), t(6), 7L, 2L, 11L),
                Row.of(t(2), t(8), 7L, 2L, 11L),
                Row.of(t(4), t(10), 7L, 2L, 11L)));
  }

  @Test
  void stateHoldsOnePanePerKeyNotOneGroupPerWindow() {
    StreamingQuery query =
        sluice
            .sql(
                "SELECT auction, window_start, window_end, COUNT(*) AS bids FROM TABLE(HOP(TABLE"
                    + " timed_bids, DESCRIPTOR(date_time), INTERVAL '1' SECOND, INTERVAL '60'"
                    + " SECOND)) GROUP BY auction, window_start, window_end")
            .writeStream()
            .format("memory")
            .queryName("minute")
            .outputMode(OutputMode.APPEND)
            .option("checkpointLocation", checkpoint.toString())
            .start();
    bids.addData(bid(1, 1, 100), bid(1, 1, 101), bid(1, 1, 102), bid(1, 1, 102));
    query.processAllAvailable();
    // Three panes of auction 1 and their store's closed-through watermark; one group per window
    // would be 62 entries (the 60 windows of each second, overlapping).
    assertThat(query.lastProgress().stateOperators().get(0).numKeys()).isEqualTo(4);
    query.stop();
  }
}
