package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.connector.memory.MemoryStream;
import dev.sluice.execution.driver.ManualClock;
import dev.sluice.execution.driver.QueryProgress;
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
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Watermarks: computed per input at the end of a batch, combined, kept across restarts. */
class WatermarkTest {
  private static final Schema EVENTS =
      Schema.of(Field.nullable("id", SqlType.BIGINT), Field.nullable("ts", SqlType.TIMESTAMP));
  private static final LocalDateTime T0 = LocalDateTime.of(2026, 11, 21, 10, 0);

  @TempDir Path checkpoint;
  private final ManualClock clock = new ManualClock(1_800_000_000_000L);
  private final Sluice sluice =
      Sluice.builder().maxRowsPerBatch(2).parallelism(2).clock(clock).build();

  /** The two inputs of {@link #fastAndSlow}. */
  private MemoryStream fast;

  private MemoryStream slow;

  @AfterEach
  void close() {
    sluice.close();
  }

  /** Memory streams {@link #fast} and {@link #slow}, watermarked with these delays, as a union. */
  private DataFrame fastAndSlow(String fastDelay, String slowDelay) {
    fast = sluice.memoryStream("fast", EVENTS);
    slow = sluice.memoryStream("slow", EVENTS);
    return sluice
        .table("fast")
        .withWatermark("ts", fastDelay)
        .union(sluice.table("slow").withWatermark("ts", slowDelay));
  }

  private static Row event(long id, int second) {
    return Row.of(id, T0.plusSeconds(second));
  }

  private static long millis(int second) {
    return T0.plusSeconds(second).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private StreamingQuery start(DataFrame frame, Map<String, String> options) {
    DataStreamWriter writer =
        frame
            .writeStream()
            .format("memory")
            .queryName("out")
            .outputMode(OutputMode.APPEND)
            .trigger(Trigger.processingTime(Duration.ZERO))
            .option("checkpointLocation", checkpoint.toString());
    options.forEach(writer::option);
    return writer.start();
  }

  private static QueryProgress.EventTimeProgress eventTime(StreamingQuery query) {
    query.processAllAvailable();
    return query.lastProgress().eventTime();
  }

  @Test
  void theWatermarkIsTheLargestEventTimeMinusTheDelayAndNeverGoesBack() {
    MemoryStream events = sluice.memoryStream("events", EVENTS);
    StreamingQuery query = start(sluice.table("events").withWatermark("ts", "5 seconds"), Map.of());
    events.addData(event(1, 10), event(2, 30), event(3, 20), Row.of(4L, null));
    QueryProgress.EventTimeProgress first = eventTime(query);
    assertThat(first.watermarkMillis()).isEqualTo(millis(25));
    assertThat(first.inputs())
        .containsEntry("watermark-0", new QueryProgress.InputEventTime(millis(30), millis(25)));

    events.addData(event(5, 12)); // out of order: late, but the watermark stays
    assertThat(eventTime(query).watermarkMillis()).isEqualTo(millis(25));
    events.addData(event(6, 41));
    assertThat(eventTime(query).watermarkMillis()).isEqualTo(millis(36));
    // the rows themselves pass unchanged (late rows are dropped only by stateful operators)
    assertThat(sluice.table("out").collectAsList()).hasSize(6);
    query.stop();
  }

  @Test
  void aRestartContinuesFromTheWatermarkInTheCheckpoint() throws Exception {
    MemoryStream events = sluice.memoryStream("events", EVENTS);
    DataFrame frame = sluice.table("events").withWatermark("ts", "5 seconds");
    StreamingQuery first = start(frame, Map.of());
    events.addData(event(1, 30));
    assertThat(eventTime(first).watermarkMillis()).isEqualTo(millis(25));
    first.stop();

    events.addData(event(2, 3)); // an old row: after a restart it must not pull the watermark back
    StreamingQuery second = start(frame, Map.of());
    QueryProgress.EventTimeProgress restarted = eventTime(second);
    assertThat(restarted.watermarkMillis()).isEqualTo(millis(25));
    assertThat(restarted.inputs().get("watermark-0").maxEventTimeMillis()).isEqualTo(millis(30));
    second.stop();
  }

  @Test
  void severalInputsCombineByMinimumOrMaximumAndAnInputWithoutEventsDoesNotHoldBack() {
    DataFrame both = fastAndSlow("2 seconds", "10 seconds");
    StreamingQuery byMin = start(both, Map.of());
    fast.addData(event(1, 50));
    assertThat(eventTime(byMin).watermarkMillis()).isEqualTo(millis(48)); // slow has no events
    slow.addData(event(2, 40));
    QueryProgress.EventTimeProgress min = eventTime(byMin);
    assertThat(min.watermarkMillis()).isEqualTo(millis(48)); // never backwards
    fast.addData(event(3, 60));
    assertThat(eventTime(byMin).watermarkMillis()).isEqualTo(millis(48)); // slow: 40 - 10 = 30
    slow.addData(event(4, 70));
    assertThat(eventTime(byMin).watermarkMillis()).isEqualTo(millis(58)); // min(58, 60)
    byMin.stop();
  }

  @Test
  void theMaximumPolicyFollowsTheFastestInput() {
    DataFrame both = fastAndSlow("2 seconds", "10 seconds");
    StreamingQuery byMax = start(both, Map.of("watermarkPolicy", "max"));
    fast.addData(event(1, 50));
    slow.addData(event(2, 40));
    assertThat(eventTime(byMax).watermarkMillis()).isEqualTo(millis(48));
    fast.addData(event(3, 60));
    assertThat(eventTime(byMax).watermarkMillis()).isEqualTo(millis(58));
    byMax.stop();
  }

  @Test
  void anInputIdleLongerThanTheTimeoutStopsHoldingTheWatermarkBack() {
    DataFrame both = fastAndSlow("0 seconds", "0 seconds");
    StreamingQuery query = start(both, Map.of("watermarkIdleTimeout", "1 minute"));
    fast.addData(event(1, 50));
    slow.addData(event(2, 10));
    assertThat(eventTime(query).watermarkMillis()).isEqualTo(millis(10));
    clock.advance(Duration.ofSeconds(30));
    fast.addData(event(3, 80));
    assertThat(eventTime(query).watermarkMillis()).isEqualTo(millis(10)); // slow idle 30 s only
    clock.advance(Duration.ofSeconds(31));
    fast.addData(event(4, 90));
    assertThat(eventTime(query).watermarkMillis()).isEqualTo(millis(90)); // slow idle 61 s
    query.stop();
  }

  @Test
  void aWatermarkDeclaredInTheCatalogServesSqlQueries() {
    MemoryStream events = sluice.memoryStream("events", EVENTS);
    sluice.declareWatermark("events", "WATERMARK FOR ts AS ts - INTERVAL '5' SECOND");
    StreamingQuery query =
        start(
            sluice.sql(
                "SELECT window_start, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE events,"
                    + " DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end"),
            Map.of());
    events.addData(event(1, 1), event(2, 3), event(3, 16));
    assertThat(eventTime(query).watermarkMillis()).isEqualTo(millis(11));
    assertThat(sluice.table("out").collectAsList())
        .containsExactly(Row.of(T0, 2L)); // [0, 10) closed by the catalog's watermark
    query.stop();
  }

  @Test
  void badCatalogDeclarationsAreRefusedNamingTheFix() {
    sluice.memoryStream("events", EVENTS);
    assertThatThrownBy(() -> sluice.declareWatermark("events", "WATERMARK ts 5 seconds"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SYNTAX_ERROR))
        .hasMessageContaining("write WATERMARK FOR ts AS ts - INTERVAL '5' SECOND");
    assertThatThrownBy(
            () -> sluice.declareWatermark("events", "WATERMARK FOR id AS id - INTERVAL '1' SECOND"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TYPE_MISMATCH))
        .hasMessageContaining("'id' is BIGINT");
    assertThatThrownBy(() -> sluice.declareWatermark("events", "WATERMARK FOR tz AS tz"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_COLUMN))
        .hasMessageContaining("Did you mean 'ts'");
    assertThatThrownBy(() -> sluice.declareWatermark("nope", "WATERMARK FOR ts AS ts"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TABLE));
  }

  @Test
  void badDeclarationsAreRefusedNamingTheFix() {
    sluice.memoryStream("events", EVENTS);
    DataFrame events = sluice.table("events");
    assertThatThrownBy(() -> events.withWatermark("id", "5 seconds"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TYPE_MISMATCH))
        .hasMessageContaining("'id' is BIGINT")
        .hasMessageContaining("CAST it to TIMESTAMP");
    assertThatThrownBy(() -> events.withWatermark("ts", "five seconds"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION))
        .hasMessageContaining("'five seconds' is not a duration");
    assertThatThrownBy(() -> events.withWatermark("tz", "5 seconds"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_COLUMN))
        .hasMessageContaining("Did you mean 'ts'");
    assertThatThrownBy(
            () -> start(events.withWatermark("ts", "1 s"), Map.of("watermarkPolicy", "median")))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION))
        .hasMessageContaining("use min (the default) or max");
  }
}
