package dev.sluice.api;

import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.count;
import static dev.sluice.api.functions.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.EmitPolicy;
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
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The EMIT clause picks the output mode (and trigger); a contradicting choice is refused. */
class EmitTest {
  private static final Schema BIDS =
      Schema.of(
          Field.nullable("auction", SqlType.BIGINT),
          Field.nullable("date_time", SqlType.TIMESTAMP));
  private static final LocalDateTime BASE = LocalDateTime.of(2024, 1, 1, 0, 0);
  private static final String PER_WINDOW =
      "SELECT window_start, window_end, COUNT(*) AS bids"
          + " FROM TABLE(TUMBLE(TABLE timed_bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))"
          + " GROUP BY window_start, window_end ";

  @TempDir Path checkpoint;
  private final Sluice sluice = Sluice.builder().maxRowsPerBatch(2).parallelism(2).build();
  private final MemoryStream bids = sluice.memoryStream("bids", BIDS);
  private int rowsSeen;

  EmitTest() {
    sluice
        .table("bids")
        .withWatermark("date_time", "5 seconds")
        .createOrReplaceTempView("timed_bids");
  }

  @AfterEach
  void close() {
    sluice.close();
  }

  private static Row bid(long auction, int second) {
    return Row.of(auction, BASE.plusSeconds(second));
  }

  private static LocalDateTime t(int second) {
    return BASE.plusSeconds(second);
  }

  private StreamingQuery start(DataFrame query) {
    return query
        .writeStream()
        .format("memory")
        .queryName("out")
        .option("checkpointLocation", checkpoint.toString())
        .start();
  }

  /** Adds {@code rows} as one batch; returns what the sink received since the last call. */
  private List<Row> step(StreamingQuery query, Row... rows) {
    bids.addData(rows);
    query.processAllAvailable();
    List<Row> all = sluice.table("out").collectAsList();
    List<Row> fresh = new ArrayList<>(all.subList(rowsSeen, all.size()));
    rowsSeen = all.size();
    return fresh;
  }

  @Test
  void emitOnWindowCloseRunsInAppendMode() {
    StreamingQuery query = start(sluice.sql(PER_WINDOW + "EMIT ON WINDOW CLOSE"));
    assertThat(step(query, bid(1, 1), bid(2, 4))).isEmpty();
    assertThat(step(query, bid(3, 16))).containsExactly(Row.of(t(0), t(10), 2L));
    query.stop();
  }

  @Test
  void emitChangesRunsInUpdateMode() {
    StreamingQuery query = start(sluice.sql(PER_WINDOW + "EMIT CHANGES;"));
    assertThat(step(query, bid(1, 1))).containsExactly(Row.of(t(0), t(10), 1L));
    assertThat(step(query, bid(2, 2))).containsExactly(Row.of(t(0), t(10), 2L));
    query.stop();
  }

  @Test
  void emitEveryGivesEarlyResultsThenTheFinalRowWhenTheWindowCloses() {
    StreamingQuery query = start(sluice.sql(PER_WINDOW + "EMIT EVERY INTERVAL '50' MILLISECOND"));
    assertThat(step(query, bid(1, 1), bid(2, 4))).containsExactly(Row.of(t(0), t(10), 2L));
    assertThat(step(query, bid(3, 6))).containsExactly(Row.of(t(0), t(10), 3L));
    // [20, 30) gets an early row; the watermark (15) then closes [0, 10): its final row again
    assertThat(step(query, bid(4, 20)))
        .containsExactlyInAnyOrder(Row.of(t(20), t(30), 1L), Row.of(t(0), t(10), 3L));
    query.stop();
  }

  @Test
  void theDataFrameApiHasTheSameChoice() {
    DataFrame perWindow =
        sluice
            .table("timed_bids")
            .groupBy(window(col("date_time"), "10 seconds"))
            .agg(count().as("bids"))
            .emit(EmitPolicy.onWindowClose());
    StreamingQuery query = start(perWindow);
    assertThat(step(query, bid(1, 1))).isEmpty();
    assertThat(step(query, bid(2, 15))).containsExactly(Row.of(t(0), t(10), 1L));
    query.stop();
  }

  @Test
  void aContradictingModeOrTriggerIsRefused() {
    assertThatThrownBy(
            () ->
                sluice
                    .sql(PER_WINDOW + "EMIT ON WINDOW CLOSE")
                    .writeStream()
                    .format("memory")
                    .queryName("q")
                    .outputMode(OutputMode.UPDATE)
                    .start())
        .isInstanceOfSatisfying(
            SluiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_OUTPUT_MODE))
        .hasMessageContaining("EMIT ON WINDOW CLOSE delivers append rows")
        .hasMessageContaining("drop one of them");
    assertThatThrownBy(
            () ->
                start(
                    sluice.sql(
                        "SELECT auction, COUNT(*) AS n FROM bids GROUP BY auction EMIT ON WINDOW CLOSE")))
        .isInstanceOfSatisfying(
            SluiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_OUTPUT_MODE))
        .hasMessageContaining("use EMIT CHANGES");
    assertThatThrownBy(
            () ->
                sluice
                    .sql(PER_WINDOW + "EMIT EVERY INTERVAL '10' SECOND")
                    .writeStream()
                    .format("memory")
                    .queryName("q")
                    .trigger(Trigger.processingTime(Duration.ofSeconds(1)))
                    .start())
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION))
        .hasMessageContaining("runs a batch every 10000 ms");
  }

  @Test
  void emitChangesMayBeDeliveredAsAChangelog() {
    StreamingQuery query =
        sluice
            .sql(PER_WINDOW + "EMIT CHANGES")
            .writeStream()
            .format("memory")
            .queryName("out")
            .outputMode(OutputMode.CHANGELOG)
            .option("checkpointLocation", checkpoint.toString())
            .start();
    assertThat(step(query, bid(1, 1))).containsExactly(Row.of("+I", t(0), t(10), 1L));
    query.stop();
  }
}
