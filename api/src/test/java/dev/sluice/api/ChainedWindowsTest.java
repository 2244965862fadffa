package dev.sluice.api;

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
import dev.sluice.execution.driver.Trigger;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A window aggregation feeding another (Nexmark q5's shape): bids per auction per TUMBLE 10 s
 * window, then the largest count per window. 5 s watermark delay, 2-row chunks, 2 partitions. The
 * inner aggregation emits a window in the batch whose watermark closes it; the outer one closes by
 * the previous batch's watermark, so its window comes out one batch later.
 */
class ChainedWindowsTest {
  private static final Schema BIDS =
      Schema.of(
          Field.nullable("auction", SqlType.BIGINT),
          Field.nullable("price", SqlType.BIGINT),
          Field.nullable("date_time", SqlType.TIMESTAMP));
  private static final LocalDateTime BASE = LocalDateTime.of(2024, 1, 1, 0, 0);
  private static final String PER_AUCTION =
      "SELECT window_start, window_end, auction, COUNT(*) AS bids"
          + " FROM TABLE(TUMBLE(TABLE timed_bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))"
          + " GROUP BY window_start, window_end, auction";
  private static final String HOT_AUCTIONS =
      "SELECT window_start, window_end, MAX(bids) AS top FROM ("
          + PER_AUCTION
          + ") GROUP BY window_start, window_end";

  @TempDir Path checkpoint;
  private final Sluice sluice = Sluice.builder().maxRowsPerBatch(2).parallelism(2).build();
  private final MemoryStream bids = sluice.memoryStream("bids", BIDS);

  ChainedWindowsTest() {
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

  private static Row bid(long auction, int second) {
    return Row.of(auction, 1L, t(second));
  }

  /**
   * The q5 steps; {@code restart}, if given, stops the query before the third rows and starts it
   * after.
   */
  private StreamTest.Action[] hotAuctionSteps(boolean restart) {
    List<StreamTest.Action> steps = new java.util.ArrayList<>();
    steps.add(addData(bids, bid(1, 1), bid(1, 3), bid(2, 4), bid(3, 12)));
    steps.add(checkNewOutput()); // watermark 7: nothing closed
    steps.add(addData(bids, bid(2, 6), bid(2, 8), bid(2, 9), bid(1, 17)));
    // watermark 12 closes [0, 10) at the inner aggregation (auction 1: 2, auction 2: 4), then, one
    // batch later, at the outer one
    steps.add(checkNewOutput(Row.of(t(0), t(10), 4L)));
    if (restart) {
      steps.add(stopStream());
    }
    steps.add(addData(bids, bid(3, 15), bid(4, 18), bid(4, 19), bid(5, 33)));
    if (restart) {
      steps.add(startStream());
    }
    // the data stopped: batches without data carry watermark 28 through the chain
    steps.add(checkNewOutput(Row.of(t(10), t(20), 2L)));
    steps.add(addData(bids, bid(6, 41), bid(6, 42), bid(6, 43), bid(7, 45)));
    steps.add(checkNewOutput(Row.of(t(30), t(40), 1L)));
    return steps.toArray(StreamTest.Action[]::new);
  }

  @Test
  void appendModeEmitsEachOuterWindowOnceWithItsMaximumAfterTheDataStops() {
    StreamTest.of(sluice, sluice.sql(HOT_AUCTIONS), checkpoint)
        .outputMode(OutputMode.APPEND)
        .run(hotAuctionSteps(false));
  }

  @Test
  void aRestartWithRowsWaitingGivesTheSameOutput() {
    StreamTest.of(sluice, sluice.sql(HOT_AUCTIONS), checkpoint)
        .outputMode(OutputMode.APPEND)
        .run(hotAuctionSteps(true));
  }

  @Test
  void restartingBeforeEveryBatchGivesTheSameOutput() {
    // Trigger.once runs one batch per start: every batch, no-data ones included, starts from the
    // checkpoint and rebuilds the watermarks of the batches before it from the offset log.
    StreamTest test =
        StreamTest.of(sluice, sluice.sql(HOT_AUCTIONS), checkpoint)
            .outputMode(OutputMode.APPEND)
            .trigger(Trigger.once());
    test.run(
        stopStream(), // before it sees any rows
        addData(bids, bid(1, 1), bid(1, 3), bid(2, 4), bid(3, 12)),
        startStream(),
        checkNewOutput(), // the rows
        stopStream(),
        startStream(),
        checkNewOutput(), // watermark 7 at the inner aggregation
        stopStream(),
        startStream(),
        checkNewOutput(), // and at the outer one
        addData(bids, bid(2, 6), bid(2, 8), bid(2, 9), bid(1, 17)),
        stopStream(),
        startStream(),
        checkNewOutput(), // the rows
        stopStream(),
        startStream(),
        checkNewOutput(), // watermark 12 closes [0, 10) at the inner aggregation
        stopStream(),
        startStream(),
        checkNewOutput(Row.of(t(0), t(10), 4L)), // and at the outer one
        stopStream(),
        startStream(),
        checkNewOutput()); // nothing is due any more
  }

  @Test
  void updateModeEmitsTheOuterWindowWhenTheInnerOneCloses() {
    StreamTest.of(sluice, sluice.sql(HOT_AUCTIONS), checkpoint)
        .outputMode(OutputMode.UPDATE)
        .run(
            addData(bids, bid(1, 1), bid(1, 3), bid(2, 4), bid(3, 12)),
            checkNewOutput(),
            addData(bids, bid(2, 6), bid(2, 8), bid(1, 17)),
            // the inner aggregation still emits each window once, final; the outer one updates
            checkNewOutput(Row.of(t(0), t(10), 3L)),
            addData(bids, bid(4, 26)),
            checkNewOutput(Row.of(t(10), t(20), 1L)));
  }

  @Test
  void changelogModeInsertsEachOuterWindowAndUpdatesItWhenAnotherInnerWindowRaisesTheMaximum() {
    StreamTest.of(sluice, sluice.sql(HOT_AUCTIONS), checkpoint)
        .outputMode(OutputMode.CHANGELOG)
        .run(
            addData(bids, bid(1, 1), bid(1, 3), bid(2, 4), bid(3, 12)),
            checkNewOutput(),
            addData(bids, bid(2, 6), bid(2, 8), bid(1, 17)),
            // the inner aggregation closes [0, 10) (auction 1: 2, auction 2: 3); the outer inserts
            checkNewOutput(Row.of("+I", t(0), t(10), 3L)),
            stopStream(),
            addData(bids, bid(4, 26)),
            startStream(),
            checkNewOutput(Row.of("+I", t(10), t(20), 1L)),
            checkChangelogTable(Row.of(t(0), t(10), 3L), Row.of(t(10), t(20), 1L)));
  }

  @Test
  void completeModeKeepsEveryOuterWindowAcrossARestart() {
    StreamTest.of(sluice, sluice.sql(HOT_AUCTIONS), checkpoint)
        .outputMode(OutputMode.COMPLETE)
        .run(
            addData(bids, bid(1, 1), bid(1, 3), bid(2, 4), bid(3, 12)),
            checkNewOutput(),
            addData(bids, bid(2, 6), bid(2, 8), bid(1, 17)),
            checkNewOutput(Row.of(t(0), t(10), 3L)),
            stopStream(),
            addData(bids, bid(4, 26)),
            startStream(),
            // the outer aggregation keeps [0, 10): complete mode evicts nothing
            checkNewOutput(Row.of(t(0), t(10), 3L), Row.of(t(10), t(20), 1L)));
  }

  @Test
  void lateRowsAreDroppedAndCountedAtTheInnerAggregationOnly() {
    StreamingQuery query =
        sluice
            .sql(HOT_AUCTIONS)
            .writeStream()
            .format("memory")
            .queryName("hot")
            .outputMode(OutputMode.APPEND)
            .option("checkpointLocation", checkpoint.toString())
            .start();
    bids.addData(bid(1, 1), bid(2, 22));
    query.processAllAvailable(); // watermark 17 closes [0, 10) at both aggregations
    bids.addData(bid(1, 2), bid(1, 3), bid(2, 24));
    query.processAllAvailable();
    List<Map<String, Long>> late =
        query.recentProgress().stream()
            .map(p -> p.eventTime().lateRows())
            .filter(rows -> !rows.isEmpty())
            .toList();
    assertThat(late).containsExactly(Map.of("aggregate-0", 2L));
    assertThat(sluice.table("hot").collectAsList()).containsExactly(Row.of(t(0), t(10), 1L));
    query.stop();
  }

  @Test
  void anInnerAggregationThatNeverClosesItsGroupsIsRefused() {
    assertThatThrownBy(
            () ->
                start(
                    "SELECT MAX(n) AS top FROM"
                        + " (SELECT auction, COUNT(*) AS n FROM timed_bids GROUP BY auction)"))
        .isInstanceOfSatisfying(
            SluiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FEATURE))
        .hasMessageContaining("aggregate-0")
        .hasMessageContaining("window_end");
  }

  @Test
  void aUnionOfTwoAggregationsIsRefused() {
    assertThatThrownBy(() -> start(PER_AUCTION + " UNION ALL " + PER_AUCTION))
        .isInstanceOfSatisfying(
            SluiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FEATURE))
        .hasMessageContaining("UNION ALL of two GROUP BY queries");
  }

  @Test
  void aOneOffQueryMayChainAnyAggregations() {
    sluice.createTable(
        "static_bids", BIDS, List.of(bid(1, 1), bid(1, 2), bid(2, 3), bid(1, 14), bid(3, 15)));
    assertThat(
            sluice
                .sql(
                    "SELECT MAX(n) AS top, COUNT(*) AS auctions FROM"
                        + " (SELECT auction, COUNT(*) AS n FROM static_bids GROUP BY auction)")
                .collectAsList())
        .containsExactly(Row.of(3L, 3L));
  }

  private StreamingQuery start(String sql) {
    return sluice
        .sql(sql)
        .writeStream()
        .format("memory")
        .queryName("refused")
        .outputMode(OutputMode.UPDATE)
        .option("checkpointLocation", checkpoint.toString())
        .start();
  }
}
