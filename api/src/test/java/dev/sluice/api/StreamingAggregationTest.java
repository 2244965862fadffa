package dev.sluice.api;

import static dev.sluice.api.functions.approxCountDistinct;
import static dev.sluice.api.functions.avg;
import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.count;
import static dev.sluice.api.functions.countDistinct;
import static dev.sluice.api.functions.max;
import static dev.sluice.api.functions.sum;
import static dev.sluice.api.testing.StreamTest.addData;
import static dev.sluice.api.testing.StreamTest.checkAnswer;
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
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GROUP BY over streams, kept up to date from state, with 2-row chunks and 2 partitions. */
class StreamingAggregationTest {
  private static final Schema BIDS =
      Schema.of(
          Field.nullable("auction", SqlType.BIGINT),
          Field.nullable("price", SqlType.BIGINT),
          Field.nullable("channel", SqlType.VARCHAR),
          Field.nullable("amount", SqlType.decimal(10, 2)));

  @TempDir Path checkpoint;
  private final Sluice sluice = Sluice.builder().maxRowsPerBatch(2).parallelism(2).build();

  @AfterEach
  void close() {
    sluice.close();
  }

  private static Row bid(Long auction, Long price, String channel, String amount) {
    return Row.of(auction, price, channel, amount == null ? null : new BigDecimal(amount));
  }

  @Test
  void updateModeEmitsTheGroupsEachBatchChangedAcrossARestart() {
    MemoryStream bids = sluice.memoryStream("bids", BIDS);
    DataFrame counts =
        sluice.sql(
            "SELECT auction, COUNT(*) AS bids, SUM(price) AS total, MIN(price) AS low, MAX(channel) AS last_channel,"
                + " AVG(price) AS mean, COUNT(amount) AS with_amount, SUM(amount) AS amounts"
                + " FROM bids GROUP BY auction");
    StreamTest.of(sluice, counts, checkpoint)
        .outputMode(OutputMode.UPDATE)
        .run(
            addData(
                bids, bid(1L, 10L, "a", "1.50"), bid(2L, 5L, "b", null), bid(1L, 30L, "c", "2.25")),
            checkNewOutput(
                Row.of(1L, 2L, 40L, 10L, "c", 20.0, 2L, new BigDecimal("3.75")),
                Row.of(2L, 1L, 5L, 5L, "b", 5.0, 0L, null)),
            addData(bids, bid(2L, 7L, "a", "1.00")),
            checkNewOutput(Row.of(2L, 2L, 12L, 5L, "b", 6.0, 1L, new BigDecimal("1.00"))),
            stopStream(),
            addData(bids, bid(1L, 2L, "z", null), bid(3L, null, null, null)),
            startStream(),
            checkNewOutput(
                Row.of(1L, 3L, 42L, 2L, "z", 14.0, 2L, new BigDecimal("3.75")),
                Row.of(3L, 1L, null, null, null, null, 0L, null)));
  }

  @Test
  void completeModeEmitsTheWholeResultAndNullKeysAreAGroup() {
    MemoryStream bids = sluice.memoryStream("bids", BIDS);
    DataFrame byChannel =
        sluice.sql("SELECT channel, COUNT(*) AS n FROM bids GROUP BY channel HAVING COUNT(*) < 3");
    StreamTest.of(sluice, byChannel, checkpoint)
        .outputMode(OutputMode.COMPLETE)
        .run(
            addData(bids, bid(1L, 1L, "a", null), bid(2L, 1L, null, null), bid(3L, 1L, "a", null)),
            checkNewOutput(Row.of("a", 2L), Row.of(null, 1L)),
            addData(bids, bid(4L, 1L, "b", null), bid(5L, 1L, "a", null)),
            checkNewOutput(Row.of(null, 1L), Row.of("b", 1L)));
  }

  @Test
  void aBinaryKeyGroupsByItsBytesAcrossChunksBatchesAndARestart() {
    MemoryStream packets =
        sluice.memoryStream(
            "packets",
            Schema.of(
                Field.nullable("payload", SqlType.VARBINARY),
                Field.nullable("size", SqlType.BIGINT)));
    DataFrame counts =
        sluice.sql(
            "SELECT payload, COUNT(*) AS n, SUM(size) AS total FROM packets GROUP BY payload");
    byte[] small = {0x0A};
    byte[] high = {(byte) 0xFF};
    // Each row gets its own array: equal keys must meet by content, also within one 2-row chunk.
    StreamTest.of(sluice, counts, checkpoint)
        .outputMode(OutputMode.UPDATE)
        .run(
            addData(
                packets,
                Row.of(small.clone(), 1L),
                Row.of(small.clone(), 2L),
                Row.of(high.clone(), 3L),
                Row.of(null, 4L),
                Row.of(small.clone(), 5L)),
            checkNewOutput(Row.of(small, 3L, 8L), Row.of(high, 1L, 3L), Row.of(null, 1L, 4L)),
            stopStream(),
            addData(packets, Row.of(high.clone(), 10L)),
            startStream(),
            checkNewOutput(Row.of(high, 2L, 13L)));
  }

  @Test
  void aGlobalAggregateAndGroupByExpressions() {
    MemoryStream bids = sluice.memoryStream("bids", BIDS);
    StreamTest.of(
            sluice,
            sluice.sql("SELECT COUNT(*) AS n, MAX(price) AS top FROM bids"),
            checkpoint.resolve("global"))
        .outputMode(OutputMode.COMPLETE)
        .run(
            addData(bids, bid(1L, 4L, "a", null), bid(2L, 9L, "b", null)),
            checkNewOutput(Row.of(2L, 9L)),
            addData(bids, bid(3L, 1L, "c", null)),
            checkNewOutput(Row.of(3L, 9L)));
    StreamTest.of(
            sluice,
            sluice.sql(
                "SELECT MOD(auction, 2) AS parity, UPPER(channel) AS ch, COUNT(*) AS n FROM bids GROUP BY MOD(auction, 2), UPPER(channel)"),
            checkpoint.resolve("expressions"))
        .outputMode(OutputMode.UPDATE)
        .run(checkAnswer(Row.of(1, "A", 1L), Row.of(0, "B", 1L), Row.of(1, "C", 1L)));
  }

  @Test
  void aggregationOverAStaticTableRunsOnce() {
    sluice.createTable(
        "bid_table",
        BIDS,
        List.of(bid(1L, 10L, "a", null), bid(1L, 20L, "a", null), bid(2L, 5L, "b", null)));
    assertThat(
            sluice
                .sql(
                    "SELECT auction, SUM(price) AS total FROM bid_table GROUP BY auction ORDER BY total DESC")
                .collectAsList())
        .containsExactly(Row.of(1L, 30L), Row.of(2L, 5L));
  }

  @Test
  void appendModeIsRefusedForAnAggregationNamingTheModesThatWork() {
    sluice.memoryStream("bids", BIDS);
    assertThatThrownBy(
            () ->
                sluice
                    .sql("SELECT auction, COUNT(*) FROM bids GROUP BY auction")
                    .writeStream()
                    .format("memory")
                    .queryName("q")
                    .start())
        .isInstanceOfSatisfying(
            SluiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_OUTPUT_MODE))
        .hasMessageContaining("update")
        .hasMessageContaining("complete");
  }

  @Test
  void exactDistinctAggregatesAcrossBatchesAndARestart() {
    MemoryStream bids = sluice.memoryStream("bids", BIDS);
    DataFrame distinct =
        sluice.sql(
            "SELECT channel, COUNT(DISTINCT auction) AS auctions, SUM(DISTINCT auction) AS auction_sum,"
                + " COUNT(*) AS n, MAX(price) AS top FROM bids GROUP BY channel");
    StreamTest.of(sluice, distinct, checkpoint)
        .outputMode(OutputMode.UPDATE)
        .run(
            addData(
                bids,
                bid(1L, 10L, "a", null),
                bid(1L, 20L, "a", null),
                bid(2L, 5L, "a", null),
                bid(1L, 1L, "b", null)),
            checkNewOutput(Row.of("a", 2L, 3L, 3L, 20L), Row.of("b", 1L, 1L, 1L, 1L)),
            stopStream(),
            addData(bids, bid(2L, 7L, "a", null), bid(null, 8L, "a", null)),
            startStream(),
            checkNewOutput(Row.of("a", 2L, 3L, 5L, 20L)),
            addData(bids, bid(3L, 1L, "a", null)),
            checkNewOutput(Row.of("a", 3L, 6L, 6L, 20L)));
  }

  @Test
  void distinctAggregatesOverSeveralColumnsKeepASetPerColumn() {
    MemoryStream bids = sluice.memoryStream("bids", BIDS);
    DataFrame distinct =
        sluice.sql(
            "SELECT channel, COUNT(DISTINCT auction) AS auctions, COUNT(DISTINCT price) AS prices,"
                + " SUM(DISTINCT price) AS price_sum, AVG(DISTINCT auction) AS mean_auction,"
                + " COUNT(*) AS n FROM bids GROUP BY channel");
    StreamTest.of(sluice, distinct, checkpoint)
        .outputMode(OutputMode.UPDATE)
        .run(
            addData(
                bids,
                bid(1L, 10L, "a", null),
                bid(1L, 20L, "a", null),
                bid(2L, 10L, "a", null),
                bid(1L, 10L, "b", null)),
            checkNewOutput(Row.of("a", 2L, 2L, 30L, 1.5, 3L), Row.of("b", 1L, 1L, 10L, 1.0, 1L)),
            stopStream(),
            addData(
                bids, bid(2L, 30L, "a", null), bid(3L, 20L, "a", null), bid(null, null, "a", null)),
            startStream(),
            checkNewOutput(Row.of("a", 3L, 3L, 60L, 2.0, 6L)),
            addData(bids, bid(3L, 40L, "b", null)),
            checkNewOutput(Row.of("b", 2L, 2L, 50L, 2.0, 2L)));
  }

  @Test
  void approxCountDistinctCountsFewValuesExactlyAcrossARestart() {
    MemoryStream bids = sluice.memoryStream("bids", BIDS);
    DataFrame approx =
        sluice.sql(
            "SELECT channel, APPROX_COUNT_DISTINCT(auction) AS auctions,"
                + " APPROX_COUNT_DISTINCT(amount) AS amounts, COUNT(*) AS n FROM bids GROUP BY channel");
    StreamTest.of(sluice, approx, checkpoint)
        .outputMode(OutputMode.UPDATE)
        .run(
            addData(
                bids,
                bid(1L, 1L, "a", "1.50"),
                bid(1L, 1L, "a", "1.50"),
                bid(2L, 1L, "a", null),
                bid(null, 1L, "b", "2.00")),
            checkNewOutput(Row.of("a", 2L, 1L, 3L), Row.of("b", 0L, 1L, 1L)),
            stopStream(),
            addData(bids, bid(3L, 1L, "a", "1.5"), bid(2L, 1L, "a", "2.50")),
            startStream(),
            // 1.5 and 1.50 are the same DECIMAL(10, 2) value
            checkNewOutput(Row.of("a", 3L, 2L, 5L)));
  }

  @Test
  void approxCountDistinctOfManyValuesIsWithinItsErrorAndMatchesTheDataFrameApi() {
    Schema events =
        Schema.of(
            Field.nullable("user_id", SqlType.BIGINT), Field.nullable("page", SqlType.VARCHAR));
    try (Sluice large = Sluice.builder().maxRowsPerBatch(4096).parallelism(2).build()) {
      MemoryStream stream = large.memoryStream("events", events);
      DataFrame sql =
          large.sql(
              "SELECT page, APPROX_COUNT_DISTINCT(user_id) AS users, COUNT(DISTINCT user_id) AS exact"
                  + " FROM events GROUP BY page");
      DataFrame frame =
          large
              .table("events")
              .groupBy(col("page"))
              .agg(
                  approxCountDistinct(col("user_id")).as("users"),
                  countDistinct(col("user_id")).as("exact"));
      StreamingQuery bySql = startComplete(sql, "by_sql", checkpoint.resolve("sql"));
      StreamingQuery byFrame = startComplete(frame, "by_frame", checkpoint.resolve("frame"));
      // page "all" sees users 0..99,999 (each twice, over four batches); page "few" sees 7 users
      for (int batch = 0; batch < 4; batch++) {
        List<Row> rows = new java.util.ArrayList<>();
        for (long user = batch * 25_000L; user < (batch + 1) * 25_000L; user++) {
          rows.add(Row.of(user, "all"));
          rows.add(Row.of(user, "all"));
          rows.add(Row.of(user % 7, "few"));
        }
        stream.addData(rows.toArray(Row[]::new));
        bySql.processAllAvailable();
        byFrame.processAllAvailable();
      }
      List<Row> result = large.table("by_sql").collectAsList();
      assertThat(result)
          .anySatisfy(
              row -> {
                assertThat(row.get(0)).isEqualTo("all");
                assertThat(row.getLong(2)).isEqualTo(100_000L);
                assertThat(row.getLong(1)).isBetween(95_000L, 105_000L); // 3 standard errors
              })
          .anySatisfy(row -> assertThat(row.toList()).containsExactly("few", 7L, 7L));
      assertThat(large.table("by_frame").collectAsList())
          .containsExactlyInAnyOrderElementsOf(result);
      bySql.stop();
      byFrame.stop();
    }
  }

  private static StreamingQuery startComplete(DataFrame query, String name, Path checkpoint) {
    return query
        .writeStream()
        .format("memory")
        .queryName(name)
        .outputMode(OutputMode.COMPLETE)
        .option("checkpointLocation", checkpoint.toString())
        .start();
  }

  @Test
  void dataFrameGroupByMatchesItsSqlTwin() {
    MemoryStream bids = sluice.memoryStream("bids", BIDS);
    DataFrame frame =
        sluice
            .table("bids")
            .groupBy(col("channel"))
            .agg(
                count().as("n"),
                sum(col("price")).as("total"),
                avg(col("price")).as("mean"),
                max(col("auction")).as("top"));
    DataFrame sql =
        sluice.sql(
            "SELECT channel, COUNT(*) AS n, SUM(price) AS total, AVG(price) AS mean, MAX(auction) AS top FROM bids GROUP BY channel");
    assertThat(frame.schema()).isEqualTo(sql.schema());
    Row[] expected = {Row.of("a", 2L, 30L, 15.0, 3L), Row.of("b", 1L, 5L, 5.0, 2L)};
    StreamTest.of(sluice, frame, checkpoint.resolve("df"))
        .outputMode(OutputMode.COMPLETE)
        .run(
            addData(bids, bid(1L, 10L, "a", null), bid(2L, 5L, "b", null), bid(3L, 20L, "a", null)),
            checkNewOutput(expected));
    StreamTest.of(sluice, sql, checkpoint.resolve("sql"))
        .outputMode(OutputMode.COMPLETE)
        .run(checkNewOutput(expected));
    StreamTest.of(
            sluice, sluice.table("bids").groupBy("channel").count(), checkpoint.resolve("count"))
        .outputMode(OutputMode.UPDATE)
        .run(checkAnswer(Row.of("a", 2L), Row.of("b", 1L)));
  }

  @Test
  void progressReportsTheStateOfEachAggregation() {
    MemoryStream bids = sluice.memoryStream("bids", BIDS);
    bids.addData(bid(1L, 1L, "a", null), bid(2L, 1L, "b", null), bid(1L, 1L, "c", null));
    var query =
        sluice
            .sql("SELECT auction, COUNT(*) AS n FROM bids GROUP BY auction")
            .writeStream()
            .format("memory")
            .queryName("stateful")
            .outputMode(OutputMode.UPDATE)
            .option("checkpointLocation", checkpoint.resolve("metrics").toString())
            .trigger(dev.sluice.execution.driver.Trigger.availableNow())
            .start();
    query.awaitTermination();
    // the three rows read from the source, not the partial rows that crossed the exchange
    assertThat(query.lastProgress().numInputRows()).isEqualTo(3);
    var state = query.lastProgress().stateOperators();
    assertThat(state).hasSize(1);
    assertThat(state.get(0).operatorId()).isEqualTo("aggregate-0");
    assertThat(state.get(0).numKeys()).isEqualTo(2);
    assertThat(state.get(0).memoryBytes()).isPositive();
    assertThat(state.get(0).bytesWritten()).isPositive();
  }

  @Test
  void corruptStateIsReportedWithItsPathAndTheQueryDoesNotStartOnIt() throws Exception {
    MemoryStream bids = sluice.memoryStream("bids", BIDS);
    bids.addData(bid(1L, 1L, "a", null));
    Path location = checkpoint.resolve("corrupt");
    DataFrame counts = sluice.sql("SELECT auction, COUNT(*) AS n FROM bids GROUP BY auction");
    java.util.function.Supplier<dev.sluice.execution.driver.StreamingQuery> start =
        () ->
            counts
                .writeStream()
                .format("memory")
                .queryName("corrupt")
                .outputMode(OutputMode.UPDATE)
                .option("checkpointLocation", location.toString())
                .trigger(dev.sluice.execution.driver.Trigger.availableNow())
                .start();
    start.get().awaitTermination();
    Path delta;
    try (var files = java.nio.file.Files.walk(location.resolve("state"))) {
      delta =
          files
              .filter(f -> f.getFileName().toString().matches("1\\.[0-9]+-[0-9]+\\.bundle"))
              .filter(
                  f -> {
                    try {
                      return java.nio.file.Files.size(f) > 40;
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .findFirst()
              .orElseThrow();
    }
    byte[] bytes = java.nio.file.Files.readAllBytes(delta);
    bytes[bytes.length / 2] ^= 0x5A;
    java.nio.file.Files.write(delta, bytes);
    bids.addData(bid(1L, 1L, "a", null));
    assertThatThrownBy(() -> start.get().awaitTermination())
        .isInstanceOfSatisfying(
            dev.sluice.execution.driver.StreamingQueryException.class,
            e -> assertThat(e.causeCode()).isEqualTo(ErrorCode.CHECKPOINT_CORRUPT))
        .hasMessageContaining(delta.getFileName().toString());
  }

  @Test
  void aBatchWhoseRowsAreAllFilteredOutChangesNothing() {
    MemoryStream bids = sluice.memoryStream("bids", BIDS);
    DataFrame expensive =
        sluice.sql("SELECT channel, COUNT(*) AS n FROM bids WHERE price > 100 GROUP BY channel");
    StreamTest.of(sluice, expensive, checkpoint.resolve("update"))
        .outputMode(OutputMode.UPDATE)
        .run(
            addData(bids, bid(1L, 500L, "a", null)),
            checkNewOutput(Row.of("a", 1L)),
            addData(bids, bid(2L, 5L, "a", null), bid(3L, 7L, "b", null)),
            checkNewOutput());
    StreamTest.of(sluice, expensive, checkpoint.resolve("complete"))
        .outputMode(OutputMode.COMPLETE)
        .run(
            checkNewOutput(Row.of("a", 1L)),
            addData(bids, bid(4L, 1L, "c", null)),
            checkNewOutput(Row.of("a", 1L)));
  }
}
