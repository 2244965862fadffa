package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.connector.memory.MemoryStream;
import dev.sluice.execution.driver.ManualClock;
import dev.sluice.execution.driver.StreamingQuery;
import dev.sluice.execution.driver.StreamingQueryListener;
import dev.sluice.execution.driver.Trigger;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class ConnectorsAndQueriesTest {
  @TempDir Path checkpoints;
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final ManualClock clock = new ManualClock(1_700_000_000_000L);
  private Sluice sluice;

  @BeforeEach
  void open() {
    sluice =
        Sluice.builder()
            .maxRowsPerBatch(64)
            .parallelism(2)
            .clock(clock)
            .checkpointRoot(checkpoints)
            .console(new PrintStream(console, true, StandardCharsets.UTF_8))
            .build();
  }

  @AfterEach
  void close() {
    sluice.close();
  }

  @Test
  void nexmarkBidsFlowThroughAFilterExactlyOnceAcrossARestart() {
    DataFrame bids =
        sluice
            .readStream()
            .format("nexmark")
            .option("table", "bid")
            .option("maxEvents", 2000)
            .option("partitions", 2)
            .load();
    DataFrame q2 = bids.where("MOD(auction, 7) = 0").selectExpr("auction", "price");
    StreamingQuery first =
        q2.writeStream().format("memory").queryName("q2").trigger(Trigger.availableNow()).start();
    first.awaitTermination();
    List<Row> rows = sluice.table("q2").collectAsList();
    List<Row> expected =
        sluice
            .read()
            .format("nexmark")
            .option("table", "bid")
            .option("maxEvents", 2000)
            .option("partitions", 2)
            .load()
            .where("MOD(auction, 7) = 0")
            .selectExpr("auction", "price")
            .collectAsList();
    assertThat(rows).isNotEmpty().containsExactlyInAnyOrderElementsOf(expected);
    assertThat(rows).allSatisfy(row -> assertThat(row.getLong(0) % 7).isZero());
    assertThat(first.lastProgress().sources().get(0).endOffset()).containsExactly(1000L, 1000L);

    // The same checkpoint: nothing new to do, so a restart adds nothing.
    StreamingQuery again =
        q2.writeStream().format("memory").queryName("q2").trigger(Trigger.availableNow()).start();
    again.awaitTermination();
    assertThat(again.recentProgress()).isEmpty();
  }

  @Test
  void theRateSourceFollowsTheSessionClock() {
    DataFrame rate = sluice.readStream().format("rate").option("rowsPerSecond", 2).load();
    StreamingQuery query =
        rate.selectExpr("\"value\"", "\"timestamp\"")
            .writeStream()
            .format("memory")
            .queryName("ticks")
            .trigger(Trigger.processingTime(Duration.ofSeconds(1)))
            .start();
    clock.advance(Duration.ofSeconds(2));
    query.processAllAvailable();
    List<Row> rows = sluice.table("ticks").collectAsList();
    assertThat(rows).extracting(r -> r.getLong(0)).containsExactlyInAnyOrder(0L, 1L, 2L, 3L);
    assertThat(rows).contains(Row.of(3L, LocalDateTime.of(2023, 11, 14, 22, 13, 21, 500_000_000)));
    query.stop();
  }

  @Test
  void aRestartedRateQueryKeepsItsTimestampsAndCatchesUpWhatFellDueWhileDown() throws Exception {
    Path checkpoint = checkpoints.resolve("rate");
    List<Row> collected = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    java.util.function.Function<Trigger, StreamingQuery> start =
        trigger ->
            sluice
                .readStream()
                .format("rate")
                .option("rowsPerSecond", 2)
                .load()
                .selectExpr("\"value\"", "\"timestamp\"")
                .writeStream()
                .foreachBatch((batch, id) -> collected.addAll(batch.collectAsList()))
                .trigger(trigger)
                .option("checkpointLocation", checkpoint.toString())
                .start();
    LocalDateTime firstStart = LocalDateTime.of(2023, 11, 14, 22, 13, 20);
    StreamingQuery first = start.apply(Trigger.processingTime(Duration.ofSeconds(1)));
    clock.advance(Duration.ofSeconds(1)); // values 0 and 1 fall due
    first.processAllAvailable();
    first.stop();
    clock.advance(Duration.ofSeconds(2)); // down for 2 s: values 2 to 5 fall due
    start.apply(Trigger.availableNow()).awaitTermination();
    assertThat(collected)
        .containsExactlyInAnyOrder(
            Row.of(0L, firstStart),
            Row.of(1L, firstStart.plusNanos(500_000_000)),
            Row.of(2L, firstStart.plusSeconds(1)),
            Row.of(3L, firstStart.plusSeconds(1).plusNanos(500_000_000)),
            Row.of(4L, firstStart.plusSeconds(2)),
            Row.of(5L, firstStart.plusSeconds(2).plusNanos(500_000_000)));
  }

  @Test
  void theConsoleSinkPrintsEachBatchAsATable() {
    MemoryStream words =
        sluice.memoryStream("words", Schema.of(Field.nullable("word", SqlType.VARCHAR)));
    words.addData(Row.of("alpha"), Row.of((Object) null));
    sluice
        .table("words")
        .writeStream()
        .format("console")
        .trigger(Trigger.availableNow())
        .start()
        .awaitTermination();
    String printed = console.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("Batch: 0")
        .contains("| word|")
        .contains("|alpha|")
        .contains("| NULL|");
  }

  @Test
  void foreachBatchGetsAStaticDataFramePerBatch() {
    MemoryStream words =
        sluice.memoryStream("words", Schema.of(Field.nullable("word", SqlType.VARCHAR)));
    List<String> seen = new CopyOnWriteArrayList<>();
    StreamingQuery query =
        sluice
            .table("words")
            .writeStream()
            .foreachBatch(
                (batch, id) ->
                    seen.add(id + ":" + batch.selectExpr("UPPER(word) AS w").collectAsList()))
            .start();
    words.addData(Row.of("a"));
    query.processAllAvailable();
    words.addData(Row.of("b"), Row.of("c"));
    query.processAllAvailable();
    query.stop();
    assertThat(seen).containsExactly("0:[[A]]", "1:[[B], [C]]");
  }

  @Test
  void listenersHearStartProgressIdleAndTermination() {
    MemoryStream words =
        sluice.memoryStream("words", Schema.of(Field.nullable("word", SqlType.VARCHAR)));
    List<String> events = new CopyOnWriteArrayList<>();
    sluice
        .streams()
        .addListener(
            new StreamingQueryListener() {
              @Override
              public void onQueryStarted(QueryStartedEvent event) {
                events.add("started " + event.name());
              }

              @Override
              public void onQueryProgress(QueryProgressEvent event) {
                events.add(
                    "progress "
                        + event.progress().batchId()
                        + " rows="
                        + event.progress().numInputRows());
              }

              @Override
              public void onQueryIdle(QueryIdleEvent event) {
                events.add("idle");
              }

              @Override
              public void onQueryTerminated(QueryTerminatedEvent event) {
                events.add("terminated " + event.exception().orElse("ok"));
              }
            });
    words.addData(Row.of("a"), Row.of("b"));
    StreamingQuery query =
        sluice
            .table("words")
            .writeStream()
            .format("memory")
            .queryName("listened")
            .trigger(Trigger.availableNow())
            .start();
    assertThat(sluice.streams().awaitAnyTermination(10_000)).isTrue();
    assertThat(query.isActive()).isFalse();
    // availableNow stops once the data it found is processed, without an idle round
    assertThat(events).containsExactly("started listened", "progress 0 rows=2", "terminated ok");
    assertThat(query.lastProgress().durationMs())
        .containsKeys("latestOffset", "walCommit", "addBatch", "commitOffsets", "triggerExecution");
  }

  @Test
  void aQueryWithoutNewDataReportsIdle() throws InterruptedException {
    sluice.memoryStream("quiet", Schema.of(Field.nullable("word", SqlType.VARCHAR)));
    List<String> idle = new CopyOnWriteArrayList<>();
    sluice
        .streams()
        .addListener(
            new StreamingQueryListener() {
              @Override
              public void onQueryIdle(QueryIdleEvent event) {
                idle.add(event.id());
              }
            });
    StreamingQuery query =
        sluice.table("quiet").writeStream().format("memory").queryName("quiet").start();
    long deadline = System.currentTimeMillis() + 10_000;
    while (idle.isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(5);
    }
    query.stop();
    assertThat(idle).isNotEmpty().allMatch(query.id()::equals);
    assertThat(query.lastProgress()).isNull();
  }

  @Test
  void theQueryManagerTracksActiveQueriesAndRefusesDuplicateNames() {
    sluice.memoryStream("words", Schema.of(Field.nullable("word", SqlType.VARCHAR)));
    StreamingQuery query =
        sluice.table("words").writeStream().format("memory").queryName("dup").start();
    assertThat(sluice.streams().active()).containsExactly(query);
    assertThat(sluice.streams().get(query.id())).contains(query);
    assertThat(query.status().message()).isNotBlank();
    assertError(
        () -> sluice.table("words").writeStream().format("memory").queryName("dup").start(),
        ErrorCode.QUERY_ALREADY_ACTIVE,
        "dup");
    query.stop();
    assertThat(sluice.streams().active()).isEmpty();
  }

  @Test
  void badFormatsOptionsAndModesAreRefusedAtOnceWithTheFix() {
    sluice.memoryStream("words", Schema.of(Field.nullable("word", SqlType.VARCHAR)));
    sluice.createTable(
        "fixed", Schema.of(Field.nullable("n", SqlType.INTEGER)), List.of(Row.of(1)));
    assertError(
        () -> sluice.readStream().format("kafkaa").load(),
        ErrorCode.UNKNOWN_CONNECTOR,
        "known sources are: memory, nexmark, rate");
    assertError(
        () -> sluice.readStream().format("rate").option("rowsPerSecnd", 5).load(),
        ErrorCode.UNKNOWN_OPTION,
        "'rowsPerSecnd'");
    assertError(
        () -> sluice.readStream().format("rate").option("rowsPerSecond", "fast").load(),
        ErrorCode.INVALID_OPTION,
        "rowsPerSecond");
    assertError(
        () -> sluice.readStream().format("memory").load(), ErrorCode.MISSING_OPTION, "schema");
    assertError(
        () -> sluice.table("words").writeStream().format("parquet").start(),
        ErrorCode.UNKNOWN_CONNECTOR,
        "known sinks are:");
    assertError(
        () -> sluice.table("words").writeStream().format("console").option("numRow", 5).start(),
        ErrorCode.UNKNOWN_OPTION,
        "numRows");
    assertError(
        () ->
            sluice
                .table("words")
                .writeStream()
                .format("memory")
                .queryName("c")
                .outputMode(OutputMode.COMPLETE)
                .start(),
        ErrorCode.UNSUPPORTED_OUTPUT_MODE,
        "use append");
    assertError(
        () -> sluice.table("words").writeStream().format("memory").start(),
        ErrorCode.MISSING_OPTION,
        "queryName");
    assertError(
        () -> sluice.table("fixed").writeStream().format("console").start(),
        ErrorCode.UNSUPPORTED_STREAMING_OPERATION,
        "collectAsList()");
    assertError(
        () -> sluice.table("words").collectAsList(),
        ErrorCode.UNSUPPORTED_STREAMING_OPERATION,
        "writeStream()");
    assertThat(sluice.streams().active()).isEmpty();
  }

  @Test
  void printSchemaAndExplainGoToTheSessionConsole() {
    sluice.memoryStream(
        "words",
        Schema.of(
            Field.notNull("word", SqlType.VARCHAR), Field.nullable("n", SqlType.decimal(5, 2))));
    DataFrame frame = sluice.table("words").selectExpr("word", "n * 2 AS doubled");
    frame.printSchema();
    frame.explain();
    String printed = console.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains(
            "root\n |-- word: VARCHAR (nullable = false)\n |-- doubled: DECIMAL(15, 2) (nullable = true)\n")
        .contains("== Logical plan ==")
        .contains("== Physical plan ==");
  }

  @Test
  void stoppingDuringABatchAbandonsItCleanlyAndARestartReRunsIt() throws Exception {
    MemoryStream words =
        sluice.memoryStream("slow_words", Schema.of(Field.nullable("word", SqlType.VARCHAR)));
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    sluice
        .udf()
        .register(
            "slow",
            (String w) -> {
              started.countDown();
              Thread.sleep(20);
              return w;
            },
            SqlType.VARCHAR,
            SqlType.VARCHAR);
    for (int i = 0; i < 300; i++) {
      words.addData(Row.of("w" + i));
    }
    DataFrame query = sluice.sql("SELECT slow(word) AS w FROM slow_words");
    StreamingQuery first =
        query
            .writeStream()
            .format("memory")
            .queryName("slow")
            .trigger(Trigger.availableNow())
            .start();
    assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    first.stop();
    assertThat(first.exception()).isEmpty();
    assertThat(first.recentProgress()).isEmpty(); // the batch was abandoned, not committed

    sluice.udf().register("slow", (String w) -> w, SqlType.VARCHAR, SqlType.VARCHAR);
    StreamingQuery second =
        query
            .writeStream()
            .format("memory")
            .queryName("slow")
            .trigger(Trigger.availableNow())
            .start();
    second.awaitTermination();
    assertThat(second.lastProgress().batchId()).isZero();
    assertThat(sluice.table("slow").collectAsList()).hasSize(300).doesNotHaveDuplicates();
  }

  private static void assertError(Executable action, ErrorCode code, String fragment) {
    assertThatThrownBy(action::execute)
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code))
        .hasMessageContaining(fragment);
  }
}
