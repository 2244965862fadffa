package dev.sluice.api;

import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.count;
import static dev.sluice.api.functions.sessionWindow;
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
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SESSION windows per user with a 10 s gap, over {@code clicks} (no watermark) and {@code
 * timed_clicks} (watermark delay 0), in 2-row chunks on 2 partitions.
 */
class SessionWindowTest {
  private static final Schema CLICKS =
      Schema.of(
          Field.nullable("user_id", SqlType.VARCHAR),
          Field.nullable("amount", SqlType.BIGINT),
          Field.nullable("ts", SqlType.TIMESTAMP));
  private static final LocalDateTime BASE = LocalDateTime.of(2024, 1, 1, 0, 0);

  @TempDir Path checkpoint;
  private final Sluice sluice = Sluice.builder().maxRowsPerBatch(2).parallelism(2).build();
  private final MemoryStream clicks = sluice.memoryStream("clicks", CLICKS);

  SessionWindowTest() {
    sluice.table("clicks").withWatermark("ts", "0 seconds").createOrReplaceTempView("timed_clicks");
  }

  @AfterEach
  void close() {
    sluice.close();
  }

  private static String perSession(String table) {
    return "SELECT user_id, window_start, window_end, COUNT(*) AS clicks, SUM(amount) AS total"
        + " FROM TABLE(SESSION(TABLE "
        + table
        + " PARTITION BY user_id, DESCRIPTOR(ts), INTERVAL '10' SECOND))"
        + " GROUP BY user_id, window_start, window_end";
  }

  private static LocalDateTime t(int seconds) {
    return BASE.plusSeconds(seconds);
  }

  private static Row click(String user, int second) {
    return Row.of(user, (long) second, t(second));
  }

  private static Row session(String user, int start, int end, long clicks, long total) {
    return Row.of(user, t(start), t(end), clicks, total);
  }

  @Test
  void anOutOfOrderRowBridgingTwoSessionsMergesThemAndARowExactlyAGapLaterStartsANewOne() {
    StreamTest.of(sluice, sluice.sql(perSession("clicks")), checkpoint)
        .outputMode(OutputMode.COMPLETE)
        .run(
            addData(clicks, click("a", 0), click("a", 18), click("b", 5)),
            checkNewOutput(
                session("a", 0, 10, 1, 0), session("a", 18, 28, 1, 18), session("b", 5, 15, 1, 5)),
            stopStream(),
            // 9 is less than the gap from 0 and from 18: the two sessions become one
            addData(clicks, click("a", 9)),
            startStream(),
            checkNewOutput(session("a", 0, 28, 3, 27), session("b", 5, 15, 1, 5)),
            // 28 is exactly the gap after a's last row (18): a new session, [t, t + gap) half-open
            addData(clicks, click("a", 28), click("b", 14)),
            checkNewOutput(
                session("a", 0, 28, 3, 27),
                session("a", 28, 38, 1, 28),
                session("b", 5, 24, 2, 19)));
  }

  @Test
  void aMergeMergesEveryKindOfAggregate() {
    String sql =
        "SELECT user_id, window_start, window_end, MIN(amount), MAX(amount), AVG(amount),"
            + " APPROX_COUNT_DISTINCT(amount)"
            + " FROM TABLE(SESSION(TABLE clicks PARTITION BY user_id, DESCRIPTOR(ts), INTERVAL '10'"
            + " SECOND)) GROUP BY user_id, window_start, window_end";
    StreamTest.of(sluice, sluice.sql(sql), checkpoint)
        .outputMode(OutputMode.COMPLETE)
        .run(
            addData(clicks, click("a", 0), click("a", 18)),
            checkNewOutput(
                Row.of("a", t(0), t(10), 0L, 0L, 0.0, 1L),
                Row.of("a", t(18), t(28), 18L, 18L, 18.0, 1L)),
            addData(clicks, click("a", 9), click("a", 18)),
            checkNewOutput(Row.of("a", t(0), t(28), 0L, 18L, 11.25, 3L)));
  }

  @Test
  void updateModeEmitsTheMergedSessionAndLeavesTheRowsOfTheSessionsItReplacedStanding() {
    StreamTest.of(sluice, sluice.sql(perSession("clicks")), checkpoint)
        .outputMode(OutputMode.UPDATE)
        .run(
            addData(clicks, click("a", 0), click("a", 18)),
            checkNewOutput(session("a", 0, 10, 1, 0), session("a", 18, 28, 1, 18)),
            addData(clicks, click("a", 9), click("b", 1)),
            checkNewOutput(session("a", 0, 28, 3, 27), session("b", 1, 11, 1, 1)),
            addData(clicks, click("b", 4), Row.of(null, 7L, t(2))),
            // a NULL key has its own sessions, as a NULL GROUP BY key has its own group
            checkNewOutput(session("b", 1, 14, 2, 5), Row.of(null, t(2), t(12), 1L, 7L)));
  }

  @Test
  void appendModeEmitsEachSessionOnceWhenTheWatermarkPassesItsEndAcrossARestart() {
    StreamTest.of(sluice, sluice.sql(perSession("timed_clicks")), checkpoint)
        .outputMode(OutputMode.APPEND)
        .run(
            addData(clicks, click("a", 0), click("a", 5), click("b", 3)),
            checkNewOutput(), // watermark 5: a [0, 15) and b [3, 13) are open
            addData(clicks, click("a", 14)),
            // a grows to [0, 24); watermark 14 closes b in a batch without new data
            checkNewOutput(session("b", 3, 13, 1, 3)),
            stopStream(),
            addData(clicks, click("b", 20)),
            startStream(), // a's session is still open across the restart
            checkNewOutput(),
            addData(clicks, click("a", 30)),
            // watermark 30 closes a [0, 24) and b [20, 30); a [30, 40) stays open
            checkNewOutput(session("a", 0, 24, 3, 19), session("b", 20, 30, 1, 20)));
  }

  @Test
  void lateRowsAreDroppedAndCountedButARowBehindTheWatermarkInsideAnOpenSessionJoinsIt() {
    StreamingQuery query =
        sluice
            .sql(perSession("timed_clicks"))
            .writeStream()
            .format("memory")
            .queryName("sessions")
            .outputMode(OutputMode.APPEND)
            .option("lateRowsSink", "late_clicks")
            .option("checkpointLocation", checkpoint.toString())
            .start();
    clicks.addData(
        click("a", 0),
        click("a", 8),
        click("a", 16),
        click("a", 24),
        click("a", 32),
        click("b", 0));
    query.processAllAvailable(); // watermark 32 closes b [0, 10); a [0, 42) stays open
    // b 5 and b 22 could only form sessions ending by 32 (15, exactly 32): late.
    // a 3 is behind the watermark too, but it is inside a's open session: it joins it.
    clicks.addData(click("a", 3), click("b", 5), click("b", 22));
    query.processAllAvailable();
    assertThat(query.lastProgress().eventTime().lateRows())
        .containsExactly(Map.entry("aggregate-0", 2L));
    // the late rows are kept, with the columns the session aggregation reads (user first)
    assertThat(sluice.table("late_clicks").collectAsList())
        .hasSize(2)
        .allSatisfy(row -> assertThat(row.get(0)).isEqualTo("b"));
    clicks.addData(click("a", 45));
    query.processAllAvailable();
    assertThat(sluice.table("sessions").collectAsList())
        .containsExactlyInAnyOrder(session("b", 0, 10, 1, 0), session("a", 0, 42, 6, 83));
    query.stop();
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
      ThrowingCallable call, ErrorCode code) {
    return assertThatThrownBy(call)
        .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  private ThrowingCallable start(String sql, OutputMode mode) {
    return () ->
        sluice
            .sql(sql)
            .writeStream()
            .format("memory")
            .queryName("refused")
            .outputMode(mode)
            .option("checkpointLocation", checkpoint.toString())
            .start()
            .stop();
  }

  @Test
  void everyOtherUseOfSessionIsRefusedNamingTheSupportedShape() {
    String session =
        " FROM TABLE(SESSION(TABLE clicks PARTITION BY user_id, DESCRIPTOR(ts), INTERVAL '10'"
            + " SECOND))";
    assertRefused(
            () -> sluice.sql("SELECT *" + session).isStreaming(), ErrorCode.UNSUPPORTED_FEATURE)
        .hasMessageContaining("supported only under an aggregation");
    assertRefused(
            () ->
                sluice
                    .sql(
                        "SELECT window_start, window_end, COUNT(*)"
                            + session
                            + " GROUP BY window_start, window_end")
                    .isStreaming(),
            ErrorCode.UNSUPPORTED_FEATURE)
        .hasMessageContaining("without the partition key user_id");
    assertRefused(
            () ->
                sluice
                    .sql(
                        "SELECT user_id, amount, window_start, window_end, COUNT(*)"
                            + session
                            + " GROUP BY user_id, amount, window_start, window_end")
                    .isStreaming(),
            ErrorCode.UNSUPPORTED_FEATURE)
        .hasMessageContaining("not a partition key");
    assertRefused(
            () ->
                sluice
                    .sql(
                        "SELECT user_id, window_start, window_end, COUNT(DISTINCT amount)"
                            + session
                            + " GROUP BY user_id, window_start, window_end")
                    .isStreaming(),
            ErrorCode.UNSUPPORTED_FEATURE)
        .hasMessageContaining("DISTINCT");
    assertRefused(
            () ->
                sluice
                    .sql(
                        "SELECT user_id, window_start, window_end, COUNT(*)"
                            + session
                            + " WHERE amount > 1 GROUP BY user_id, window_start, window_end")
                    .isStreaming(),
            ErrorCode.UNSUPPORTED_FEATURE)
        .hasMessageContaining("filter the rows in the table argument");
    assertRefused(
            () ->
                sluice
                    .sql(
                        "SELECT user_id, window_start, window_end, COUNT(*) FROM TABLE(SESSION(TABLE"
                            + " clicks PARTITION BY user_id ORDER BY ts, DESCRIPTOR(ts), INTERVAL"
                            + " '10' SECOND)) GROUP BY user_id, window_start, window_end")
                    .isStreaming(),
            ErrorCode.UNSUPPORTED_FEATURE)
        .hasMessageContaining("SESSION takes no ORDER BY");
    assertRefused(
            () -> sluice.sql("SELECT *" + session.replace("BY user_id", "BY usr")).isStreaming(),
            ErrorCode.UNKNOWN_COLUMN)
        .hasMessageContaining("'usr'")
        .hasMessageContaining("user_id");
    assertRefused(
            () ->
                sluice
                    .sql(
                        "SELECT * FROM TABLE(SESSION(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10'"
                            + " SECOND))")
                    .isStreaming(),
            ErrorCode.UNSUPPORTED_FEATURE)
        .hasMessageContaining("SESSION needs partition keys");
    assertRefused(
            () ->
                sluice
                    .sql(perSession("timed_clicks"))
                    .writeStream()
                    .format("memory")
                    .queryName("ttl")
                    .outputMode(OutputMode.UPDATE)
                    .option("stateTtl.aggregate-0", "1 hour")
                    .start(),
            ErrorCode.INVALID_OPTION)
        .hasMessageContaining("session windows");
  }

  @Test
  void appendModeNeedsAWatermark() {
    assertRefused(start(perSession("clicks"), OutputMode.APPEND), ErrorCode.UNSUPPORTED_OUTPUT_MODE)
        .hasMessageContaining("watermark");
  }

  @Test
  void changelogModeDeletesTheSessionsAMergeReplacesAndUpdatesASessionThatKeepsItsBounds() {
    StreamTest.of(sluice, sluice.sql(perSession("clicks")), checkpoint)
        .outputMode(OutputMode.CHANGELOG)
        .run(
            addData(clicks, click("a", 0), click("a", 18)),
            checkNewOutput(
                change("+I", session("a", 0, 10, 1, 0)), change("+I", session("a", 18, 28, 1, 18))),
            addData(clicks, click("a", 9)),
            checkNewOutput(
                change("-D", session("a", 0, 10, 1, 0)),
                change("-D", session("a", 18, 28, 1, 18)),
                change("+I", session("a", 0, 28, 3, 27))),
            stopStream(),
            addData(clicks, click("a", 5)),
            startStream(),
            checkNewOutput(
                change("-U", session("a", 0, 28, 3, 27)), change("+U", session("a", 0, 28, 4, 32))),
            // a consumer applying the changes holds exactly the one merged session
            checkChangelogTable(session("a", 0, 28, 4, 32)));
  }

  private static Row change(String op, Row row) {
    List<Object> values = new ArrayList<>();
    values.add(op);
    values.addAll(row.toList());
    return Row.fromList(values);
  }

  @Test
  void theDataFrameSessionWindowPartitionsByTheOtherKeysAndRunsInAppendMode() {
    DataFrame perUser =
        sluice
            .table("clicks")
            .withWatermark("ts", "0 seconds")
            .groupBy(col("user_id"), sessionWindow(col("ts"), "10 seconds"))
            .agg(count().as("clicks"));
    StreamTest.of(sluice, perUser, checkpoint)
        .outputMode(OutputMode.APPEND)
        .run(
            addData(clicks, click("a", 0), click("a", 5), click("b", 3)),
            checkNewOutput(),
            addData(clicks, click("a", 30)),
            checkNewOutput(Row.of("a", t(0), t(15), 2L), Row.of("b", t(3), t(13), 1L)));
  }

  @Test
  void theDataFrameSessionWindowRefusesAnExpressionKeyAndABadGap() {
    assertRefused(
            () ->
                sluice
                    .table("clicks")
                    .groupBy(sessionWindow(col("ts"), "10 seconds"), col("amount").plus(1))
                    .agg(count()),
            ErrorCode.INVALID_ARGUMENT)
        .hasMessageContaining("must be columns");
    assertRefused(() -> sessionWindow(col("ts"), "0 seconds"), ErrorCode.INVALID_ARGUMENT)
        .hasMessageContaining("positive");
  }
}
