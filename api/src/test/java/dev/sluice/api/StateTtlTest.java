package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.connector.memory.MemoryStream;
import dev.sluice.execution.driver.ManualClock;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State TTL bounds an unbounded GROUP BY on purpose: idle groups expire by batch time. */
class StateTtlTest {
  private static final Schema CLICKS =
      Schema.of(
          Field.nullable("user_id", SqlType.VARCHAR),
          Field.nullable("page", SqlType.VARCHAR),
          Field.nullable("ts", SqlType.TIMESTAMP));
  private static final String PER_USER =
      "SELECT user_id, COUNT(*) AS clicks, COUNT(DISTINCT page) AS pages FROM clicks GROUP BY user_id";

  private static final String HINTED =
      "SELECT /*+ STATE_TTL('10 minutes') */ user_id, COUNT(*) AS clicks,"
          + " COUNT(DISTINCT page) AS pages FROM clicks GROUP BY user_id";

  @TempDir Path checkpoint;
  private final ManualClock clock = new ManualClock(1_800_000_000_000L);
  private final Sluice sluice =
      Sluice.builder().maxRowsPerBatch(2).parallelism(2).clock(clock).build();
  private final MemoryStream clicks = sluice.memoryStream("clicks", CLICKS);

  @AfterEach
  void close() {
    sluice.close();
  }

  private static Row click(String user, String page) {
    return Row.of(user, page, LocalDateTime.of(2026, 1, 1, 0, 0));
  }

  private StreamingQuery start(String sql, Map<String, String> options) {
    DataStreamWriter writer =
        sluice
            .sql(sql)
            .writeStream()
            .format("memory")
            .queryName("per_user")
            .outputMode(OutputMode.UPDATE)
            .trigger(Trigger.processingTime(Duration.ZERO))
            .option("checkpointLocation", checkpoint.toString());
    options.forEach(writer::option);
    return writer.start();
  }

  private int rowsSeen;

  /** Runs a batch of {@code rows}; returns what the sink received for it. */
  private List<Row> batch(StreamingQuery query, Row... rows) {
    clicks.addData(rows);
    query.processAllAvailable();
    List<Row> all = sluice.table("per_user").collectAsList();
    List<Row> fresh = List.copyOf(all.subList(Math.min(rowsSeen, all.size()), all.size()));
    rowsSeen = all.size();
    return fresh;
  }

  /** ann clicks, 11 minutes pass, bob clicks: a 10-minute TTL expires ann at the end of it. */
  private void annThenBobElevenMinutesLater(StreamingQuery query) {
    batch(query, click("ann", "home"));
    clock.advance(Duration.ofMinutes(11));
    batch(query, click("bob", "home"));
  }

  @Test
  void aGroupIdleLongerThanTheTtlIsRemovedAndStartsAgainAcrossARestart() {
    StreamingQuery query = start(PER_USER, Map.of("stateTtl", "1 hour"));
    batch(query, click("ann", "home"), click("bob", "home"), click("bob", "cart"));
    clock.advance(Duration.ofMinutes(30));
    batch(query, click("ann", "cart"));
    query.stop();
    rowsSeen = 0; // the restarted query's memory sink starts empty

    clock.advance(Duration.ofMinutes(31)); // bob idle 61 min, ann 31 min
    StreamingQuery restarted = start(PER_USER, Map.of("stateTtl", "1 hour"));
    batch(restarted, click("cid", "home")); // bob expires at the end of this batch
    // bob's next click starts a new count (and a new set of pages); ann's group was kept
    assertThat(batch(restarted, click("bob", "cart"), click("ann", "home")))
        .containsExactlyInAnyOrder(Row.of("bob", 1L, 1L), Row.of("ann", 3L, 2L));
    restarted.stop();
  }

  @Test
  void withoutATtlNothingExpires() {
    StreamingQuery query = start(PER_USER, Map.of());
    batch(query, click("ann", "home"), click("bob", "home"));
    clock.advance(Duration.ofDays(30));
    assertThat(batch(query, click("bob", "cart"))).containsExactly(Row.of("bob", 2L, 2L));
    query.stop();
  }

  @Test
  void aTtlForOneOperatorByItsId() {
    StreamingQuery query = start(PER_USER, Map.of("stateTtl.aggregate-0", "10 minutes"));
    annThenBobElevenMinutesLater(query);
    assertThat(batch(query, click("ann", "cart"), click("bob", "cart")))
        .containsExactlyInAnyOrder(Row.of("ann", 1L, 1L), Row.of("bob", 2L, 2L));
    query.stop();
  }

  @Test
  void aHintInTheQueryBoundsItsAggregationEvenWithTheOptionForAll() {
    // The option for every aggregation does not override the hint.
    StreamingQuery query = start(HINTED, Map.of("stateTtl", "1 day"));
    annThenBobElevenMinutesLater(query);
    assertThat(batch(query, click("ann", "cart"), click("bob", "cart")))
        .containsExactlyInAnyOrder(Row.of("ann", 1L, 1L), Row.of("bob", 2L, 2L));
    query.stop();
  }

  @Test
  void anOptionNamingTheOperatorBeatsTheHint() {
    StreamingQuery query = start(HINTED, Map.of("stateTtl.aggregate-0", "1 hour"));
    annThenBobElevenMinutesLater(query);
    assertThat(batch(query, click("ann", "cart")))
        .containsExactly(Row.of("ann", 2L, 2L)); // kept: the 1-hour option applies
    query.stop();
  }

  @Test
  void badTtlOptionsAreRefusedNamingTheFix() {
    assertThatThrownBy(() -> start(PER_USER, Map.of("stateTtl.aggregate-7", "1 hour")))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION))
        .hasMessageContaining("names no stateful operator")
        .hasMessageContaining("[aggregate-0]");
    assertThatThrownBy(() -> start(PER_USER, Map.of("stateTtl", "forever")))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION))
        .hasMessageContaining("positive duration");
    sluice.table("clicks").withWatermark("ts", "1 second").createOrReplaceTempView("timed");
    String windowed =
        "SELECT window_end, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE timed, DESCRIPTOR(ts),"
            + " INTERVAL '1' MINUTE)) GROUP BY window_start, window_end";
    assertThatThrownBy(() -> start(windowed, Map.of("stateTtl.aggregate-0", "1 hour")))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION))
        .hasMessageContaining("already bounds its state");
  }
}
