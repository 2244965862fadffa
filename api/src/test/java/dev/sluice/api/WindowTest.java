package dev.sluice.api;

import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.count;
import static dev.sluice.api.functions.max;
import static dev.sluice.api.functions.window;
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
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.plan.PlanSpec;
import dev.sluice.execution.plan.WindowAssignSpec;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Window table functions (SQL) and window() (DataFrame), with 2-row chunks and 2 partitions. */
class WindowTest {
  private static final Schema BIDS =
      Schema.of(
          Field.nullable("auction", SqlType.BIGINT),
          Field.nullable("price", SqlType.BIGINT),
          Field.nullable("date_time", SqlType.TIMESTAMP));
  private static final LocalDateTime BASE = LocalDateTime.of(2024, 1, 1, 0, 0);

  @TempDir Path checkpoint;
  private final Sluice sluice = Sluice.builder().maxRowsPerBatch(2).parallelism(2).build();
  private final MemoryStream bids = sluice.memoryStream("bids", BIDS);

  @AfterEach
  void close() {
    sluice.close();
  }

  /** {@code seconds} after 2024-01-01 00:00, to the millisecond. */
  private static LocalDateTime t(double seconds) {
    return BASE.plusNanos(Math.round(seconds * 1000) * 1_000_000L);
  }

  private static Row bid(long auction, long price, LocalDateTime time) {
    return Row.of(auction, price, time);
  }

  @Test
  void tumblingWindowMaximumInUpdateModeAcrossARestartWithBoundaryAndNullTimes() {
    DataFrame q7 =
        sluice.sql(
            "SELECT window_start, window_end, MAX(price) AS top, COUNT(*) AS bids"
                + " FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))"
                + " GROUP BY window_start, window_end");
    StreamTest.of(sluice, q7, checkpoint)
        .outputMode(OutputMode.UPDATE)
        .run(
            addData(
                bids,
                bid(1, 5, t(0)),
                bid(2, 7, t(9.999)),
                bid(3, 4, t(10)),
                Row.of(4L, 100L, null)),
            // 10 s is the first instant of the second window; the NULL time is in no window.
            checkNewOutput(Row.of(t(0), t(10), 7L, 2L), Row.of(t(10), t(20), 4L, 1L)),
            stopStream(),
            addData(bids, bid(5, 9, t(19.999)), bid(6, 1, t(3))),
            startStream(),
            checkNewOutput(Row.of(t(0), t(10), 7L, 3L), Row.of(t(10), t(20), 9L, 2L)));
  }

  @Test
  void hoppingWindowCountsInCompleteMode() {
    DataFrame counts =
        sluice.sql(
            "SELECT window_start, window_end, COUNT(*) AS n FROM TABLE(HOP(TABLE bids,"
                + " DESCRIPTOR(date_time), INTERVAL '5' SECOND, INTERVAL '10' SECOND))"
                + " GROUP BY window_start, window_end");
    StreamTest.of(sluice, counts, checkpoint)
        .outputMode(OutputMode.COMPLETE)
        .run(
            addData(bids, bid(1, 1, t(7)), bid(2, 1, t(12))),
            checkNewOutput(
                Row.of(t(0), t(10), 1L), Row.of(t(5), t(15), 2L), Row.of(t(10), t(20), 1L)),
            addData(bids, bid(3, 1, t(15))),
            checkNewOutput(
                Row.of(t(0), t(10), 1L),
                Row.of(t(5), t(15), 2L),
                Row.of(t(10), t(20), 2L),
                Row.of(t(15), t(25), 1L)));
  }

  @Test
  void cumulatingWindowSumsEveryStepOfTheWindow() {
    DataFrame sums =
        sluice.sql(
            "SELECT window_start, window_end, SUM(price) AS total FROM TABLE(CUMULATE(TABLE bids,"
                + " DESCRIPTOR(date_time), INTERVAL '2' SECOND, INTERVAL '6' SECOND))"
                + " GROUP BY window_start, window_end");
    StreamTest.of(sluice, sums, checkpoint)
        .outputMode(OutputMode.UPDATE)
        .run(
            addData(bids, bid(1, 1, t(1)), bid(2, 10, t(4)), bid(3, 100, t(6))),
            checkNewOutput(
                Row.of(t(0), t(2), 1L),
                Row.of(t(0), t(4), 1L),
                Row.of(t(0), t(6), 11L),
                Row.of(t(6), t(8), 100L),
                Row.of(t(6), t(10), 100L),
                Row.of(t(6), t(12), 100L)));
  }

  @Test
  void windowAssignmentAloneIsStatelessAndRunsInAppendModeWithAnOffsetAndTimesBefore1970() {
    DataFrame assigned =
        sluice.sql(
            "SELECT auction, window_start, window_end, window_time FROM TABLE(TUMBLE(TABLE bids,"
                + " DESCRIPTOR(date_time), INTERVAL '1' MINUTE, INTERVAL '15' SECOND))");
    LocalDateTime epoch = LocalDateTime.of(1970, 1, 1, 0, 0);
    StreamTest.of(sluice, assigned, checkpoint)
        .run(
            addData(
                bids,
                bid(1, 1, epoch.minusNanos(1_000_000)),
                bid(2, 1, t(15)),
                Row.of(3L, 1L, null)),
            checkAnswer(
                Row.of(
                    1L,
                    epoch.minusSeconds(45),
                    epoch.plusSeconds(15),
                    epoch.plusSeconds(15).minusNanos(1_000_000)),
                Row.of(2L, t(15), t(75), t(74.999))));
  }

  @Test
  void dataFrameWindowGroupsByWindowStartAndEndWithTheSameWindowAssignmentAsSql() {
    DataFrame byDataFrame =
        sluice
            .table("bids")
            .groupBy(window(col("date_time"), "10 seconds"), col("auction"))
            .agg(max(col("price")).as("top"));
    DataFrame bySql =
        sluice.sql(
            "SELECT window_start, window_end, auction, MAX(price) AS top FROM TABLE(TUMBLE(TABLE"
                + " bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))"
                + " GROUP BY window_start, window_end, auction");
    assertThat(byDataFrame.columns())
        .containsExactly("window_start", "window_end", "auction", "top");
    assertThat(windowAssignment(byDataFrame.physical().spec().root()))
        .isEqualTo(windowAssignment(bySql.physical().spec().root()));
    StreamTest.of(sluice, byDataFrame, checkpoint)
        .outputMode(OutputMode.UPDATE)
        .run(
            addData(bids, bid(1, 5, t(1)), bid(1, 8, t(2)), bid(2, 3, t(11))),
            checkNewOutput(Row.of(t(0), t(10), 1L, 8L), Row.of(t(10), t(20), 2L, 3L)));
  }

  private static WindowAssignSpec windowAssignment(PlanSpec spec) {
    if (spec instanceof WindowAssignSpec window) {
      return window;
    }
    return spec.inputs().stream()
        .map(WindowTest::windowAssignment)
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  @Test
  void dataFrameSlidingWindowWithAStartTime() {
    DataFrame counts =
        sluice
            .table("bids")
            .groupBy(window(col("date_time"), "10 seconds", "5 seconds", "2 seconds"))
            .agg(count().as("n"));
    StreamTest.of(sluice, counts, checkpoint)
        .outputMode(OutputMode.COMPLETE)
        .run(
            addData(bids, bid(1, 1, t(7)), bid(2, 1, t(1.999))),
            checkNewOutput(
                Row.of(t(-8), t(2), 1L),
                Row.of(t(-3), t(7), 1L),
                Row.of(t(2), t(12), 1L),
                Row.of(t(7), t(17), 1L)));
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
      ThrowingCallable call, ErrorCode code) {
    return assertThatThrownBy(call)
        .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  private ThrowingCallable planSql(String tableFunction) {
    return () -> sluice.sql("SELECT * FROM TABLE(" + tableFunction + ")").isStreaming();
  }

  @Test
  void sqlRefusalsNameTheArgumentItsPositionAndTheFix() {
    assertRefused(
            planSql("TUMBLE(TABLE bids, DESCRIPTOR(price), INTERVAL '10' SECOND)"),
            ErrorCode.TYPE_MISMATCH)
        .hasMessageContaining("'price'")
        .hasMessageContaining("BIGINT")
        .hasMessageContaining("(line 1, column 51)")
        .hasMessageContaining("TIMESTAMP");
    assertRefused(
            planSql("TUMBLE(TABLE bids, DESCRIPTOR(date_tme), INTERVAL '10' SECOND)"),
            ErrorCode.UNKNOWN_COLUMN)
        .hasMessageContaining("date_time");
    assertRefused(
            planSql("TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '0' SECOND)"),
            ErrorCode.INVALID_ARGUMENT)
        .hasMessageContaining("size of TUMBLE must be a positive duration")
        .hasMessageContaining("(line 1, column 63)");
    assertRefused(
            planSql(
                "HOP(TABLE bids, DESCRIPTOR(date_time), INTERVAL '-1' SECOND, INTERVAL '10' SECOND)"),
            ErrorCode.INVALID_ARGUMENT)
        .hasMessageContaining("slide of HOP must be a positive duration");
    assertRefused(
            planSql(
                "HOP(TABLE bids, DESCRIPTOR(date_time), INTERVAL '3' SECOND, INTERVAL '10' SECOND)"),
            ErrorCode.INVALID_ARGUMENT)
        .hasMessageContaining("whole multiple of its slide")
        .hasMessageContaining("e.g. 1000 ms");
    assertRefused(
            planSql(
                "CUMULATE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '4' SECOND,"
                    + " INTERVAL '10' SECOND)"),
            ErrorCode.INVALID_ARGUMENT)
        .hasMessageContaining("whole multiple of its step")
        .hasMessageContaining("e.g. 2000 ms");
    assertRefused(
            planSql("TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '1' MONTH)"),
            ErrorCode.INVALID_ARGUMENT)
        .hasMessageContaining("months and years have no fixed length");
    assertRefused(
            planSql("TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '1' SECOND * 2)"),
            ErrorCode.INVALID_ARGUMENT)
        .hasMessageContaining("constant day-time interval");
    assertRefused(
            planSql(
                "SESSION(TABLE bids, DESCRIPTOR(date_time), DESCRIPTOR(auction),"
                    + " INTERVAL '10' SECOND)"),
            ErrorCode.UNSUPPORTED_FEATURE)
        .hasMessageContaining("SESSION (line 1, column 21) is supported only under an aggregation")
        .hasMessageContaining("GROUP BY k, window_start, window_end");
  }

  @Test
  void aWindowedAggregationIsRefusedInAppendModeUntilWatermarksCanCloseWindows() {
    assertRefused(
            () ->
                sluice
                    .sql(
                        "SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE bids,"
                            + " DESCRIPTOR(date_time), INTERVAL '10' SECOND))"
                            + " GROUP BY window_start, window_end")
                    .writeStream()
                    .format("memory")
                    .queryName("q")
                    .start(),
            ErrorCode.UNSUPPORTED_OUTPUT_MODE)
        .hasMessageContaining("update");
  }

  @Test
  void dataFrameRefusalsNameTheCallAndTheFix() {
    DataFrame table = sluice.table("bids");
    assertRefused(() -> window(col("date_time"), "ten seconds"), ErrorCode.INVALID_ARGUMENT)
        .hasMessageContaining("'ten seconds' in window(date_time, ten seconds) is not a duration");
    assertRefused(() -> window(col("date_time"), "0 seconds"), ErrorCode.INVALID_ARGUMENT)
        .hasMessageContaining("positive duration");
    assertRefused(
            () -> window(col("date_time"), "10 seconds", "3 seconds"), ErrorCode.INVALID_ARGUMENT)
        .hasMessageContaining("whole multiple of its slide")
        .hasMessageContaining("in window(date_time, 10 seconds, 3 seconds)");
    assertRefused(
            () -> table.groupBy(window(col("price"), "10 seconds")).count(),
            ErrorCode.TYPE_MISMATCH)
        .hasMessageContaining("'price'")
        .hasMessageContaining("TIMESTAMP");
    assertRefused(
            () ->
                table
                    .groupBy(
                        window(functions.expr("date_time + INTERVAL '1' SECOND"), "10 seconds"))
                    .count(),
            ErrorCode.INVALID_ARGUMENT)
        .hasMessageContaining("takes a column of the DataFrame");
    assertRefused(
            () ->
                table
                    .groupBy(
                        window(col("date_time"), "10 seconds"),
                        window(col("date_time"), "5 seconds"))
                    .count(),
            ErrorCode.UNSUPPORTED_FEATURE)
        .hasMessageContaining("one window() key");
    assertRefused(
            () -> table.select(window(col("date_time"), "10 seconds")),
            ErrorCode.UNSUPPORTED_FEATURE)
        .hasMessageContaining("can only be a groupBy key");
    assertRefused(
            () ->
                table
                    .withColumn("window_start", col("date_time"))
                    .groupBy(window(col("date_time"), "10 seconds"))
                    .count(),
            ErrorCode.DUPLICATE_OBJECT)
        .hasMessageContaining("withColumnRenamed");
  }
}
