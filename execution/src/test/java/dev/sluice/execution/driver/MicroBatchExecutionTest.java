package dev.sluice.execution.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.memory.MemoryStream;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.expression.Call;
import dev.sluice.execution.expression.ColumnRef;
import dev.sluice.execution.expression.Function;
import dev.sluice.execution.expression.Literal;
import dev.sluice.execution.expression.UserFunctions;
import dev.sluice.execution.plan.CalcSpec;
import dev.sluice.execution.plan.QuerySpec;
import dev.sluice.execution.plan.ScanSpec;
import dev.sluice.execution.plan.SourceSpec;
import dev.sluice.execution.testing.CollectingSink;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import dev.sluice.state.KeyGroups;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MicroBatchExecutionTest {
  static final Schema INPUT =
      Schema.of(Field.nullable("id", SqlType.BIGINT), Field.nullable("word", SqlType.VARCHAR));
  private static final Schema OUTPUT =
      Schema.of(Field.nullable("id", SqlType.BIGINT), Field.nullable("word", SqlType.VARCHAR));

  @TempDir Path checkpoints;
  private final BufferAllocator allocator = new RootAllocator();
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final StreamingQueryManager manager = new StreamingQueryManager();

  @AfterEach
  void tearDown() {
    manager.stopAll();
    pool.shutdownNow();
    allocator.close();
  }

  /** SELECT id, UPPER(word) FROM input WHERE id % 2 = 1 */
  static QuerySpec plan() {
    ScanSpec scan = new ScanSpec("input", INPUT);
    ColumnRef id = new ColumnRef(0, SqlType.BIGINT);
    var odd =
        Call.of(
            Function.EQUALS,
            SqlType.BOOLEAN,
            Call.of(Function.MOD, SqlType.BIGINT, id, new Literal(2L, SqlType.BIGINT)),
            new Literal(1L, SqlType.BIGINT));
    var upper = Call.of(Function.UPPER, SqlType.VARCHAR, new ColumnRef(1, SqlType.VARCHAR));
    CalcSpec calc = new CalcSpec(scan, odd, List.of(id, upper), OUTPUT);
    return new QuerySpec(calc, List.of(new SourceSpec("input", "memory(input)", INPUT)));
  }

  private StreamingQuery start(
      MemoryStream stream, CollectingSink sink, Path checkpoint, Trigger trigger) {
    return manager.start(
        new QueryConfig(
            "q",
            plan(),
            Map.of("input", stream),
            sink,
            dev.sluice.execution.connector.OutputMode.APPEND,
            trigger,
            checkpoint,
            3,
            2,
            KeyGroups.DEFAULT_COUNT,
            pool,
            allocator,
            Clock.system(),
            new UserFunctions()));
  }

  static List<Row> rows(long from, long to) {
    List<Row> rows = new ArrayList<>();
    for (long i = from; i < to; i++) {
      rows.add(Row.of(i, "w" + i));
    }
    return rows;
  }

  @Test
  void runsBatchesAndResumesFromTheCheckpoint() {
    MemoryStream stream = new MemoryStream("input", INPUT, 2);
    CollectingSink sink = new CollectingSink();
    Path checkpoint = checkpoints.resolve("q");
    StreamingQuery query = start(stream, sink, checkpoint, Trigger.defaultTrigger());
    stream.addData(0, rows(0, 5));
    stream.addData(1, rows(5, 8));
    query.processAllAvailable();
    assertThat(sink.allRows())
        .containsExactlyInAnyOrder(
            Row.of(1L, "W1"), Row.of(3L, "W3"), Row.of(5L, "W5"), Row.of(7L, "W7"));
    assertThat(query.lastProgress().numInputRows()).isPositive();
    String id = query.id();
    query.stop();
    assertThat(query.isActive()).isFalse();

    stream.addData(0, rows(8, 12));
    StreamingQuery restarted = start(stream, sink, checkpoint, Trigger.defaultTrigger());
    restarted.processAllAvailable();
    assertThat(restarted.id()).isEqualTo(id);
    assertThat(restarted.runId()).isNotEqualTo(query.runId());
    assertThat(sink.allRows()).hasSize(6).contains(Row.of(9L, "W9"), Row.of(11L, "W11"));
    assertThat(restarted.lastProgress().sources().get(0).startOffset()).containsExactly(5L, 3L);
    assertThat(restarted.lastProgress().sources().get(0).endOffset()).containsExactly(9L, 3L);
  }

  @Test
  void aFailedCommitIsReRunWithTheSameOffsetsOnRestart() throws Exception {
    MemoryStream stream = new MemoryStream("input", INPUT, 1);
    CollectingSink sink = new CollectingSink();
    Path checkpoint = checkpoints.resolve("q");
    stream.addData(rows(0, 4));
    StreamingQuery first = start(stream, sink, checkpoint, Trigger.availableNow());
    first.awaitTermination();
    sink.failCommitOf(1);
    stream.addData(rows(4, 6));
    StreamingQuery failing = start(stream, sink, checkpoint, Trigger.availableNow());
    assertThatThrownBy(failing::awaitTermination)
        .isInstanceOf(StreamingQueryException.class)
        .hasMessageContaining("injected failure committing batch 1");
    assertThat(Files.exists(checkpoint.resolve("offsets/1"))).isTrue();
    assertThat(Files.exists(checkpoint.resolve("commits/1"))).isFalse();

    stream.addData(rows(6, 8)); // must not join the re-run of batch 1
    StreamingQuery recovered = start(stream, sink, checkpoint, Trigger.availableNow());
    recovered.awaitTermination();
    assertThat(sink.batches().get(1L)).containsExactly(Row.of(5L, "W5"));
    assertThat(sink.batches().get(2L)).containsExactly(Row.of(7L, "W7"));
    assertThat(sink.allRows())
        .containsExactly(Row.of(1L, "W1"), Row.of(3L, "W3"), Row.of(5L, "W5"), Row.of(7L, "W7"));
  }

  @Test
  void anExpressionErrorEndsTheQueryWithItsCode() {
    Schema strings = Schema.of(Field.nullable("s", SqlType.VARCHAR));
    ScanSpec scan = new ScanSpec("input", strings);
    var cast = Call.of(Function.CAST, SqlType.INTEGER, new ColumnRef(0, SqlType.VARCHAR));
    QuerySpec plan =
        new QuerySpec(
            new CalcSpec(
                scan, null, List.of(cast), Schema.of(Field.nullable("n", SqlType.INTEGER))),
            List.of(new SourceSpec("input", "memory", strings)));
    MemoryStream stream = new MemoryStream("input", strings, 1);
    stream.addData(Row.of("12"), Row.of("twelve"));
    StreamingQuery query =
        manager.start(
            new QueryConfig(
                null,
                plan,
                Map.of("input", stream),
                new CollectingSink(),
                dev.sluice.execution.connector.OutputMode.APPEND,
                Trigger.availableNow(),
                checkpoints.resolve("bad"),
                8,
                2,
                KeyGroups.DEFAULT_COUNT,
                pool,
                allocator,
                Clock.system(),
                new UserFunctions()));
    assertThatThrownBy(query::awaitTermination)
        .isInstanceOfSatisfying(
            StreamingQueryException.class,
            e -> assertThat(e.causeCode()).isEqualTo(ErrorCode.INVALID_CAST))
        .hasMessageContaining("'twelve'");
    assertThat(query.isActive()).isFalse();
    assertThat(query.exception()).isPresent();
  }

  @Test
  void aCheckpointOfAnotherPlanIsRefused() {
    MemoryStream stream = new MemoryStream("input", INPUT, 1);
    Path checkpoint = checkpoints.resolve("q");
    start(stream, new CollectingSink(), checkpoint, Trigger.availableNow()).awaitTermination();
    Schema strings = Schema.of(Field.nullable("id", SqlType.BIGINT));
    QuerySpec other =
        new QuerySpec(
            new ScanSpec("input", INPUT), List.of(new SourceSpec("input", "memory", INPUT)));
    assertThatThrownBy(
            () ->
                manager.start(
                    new QueryConfig(
                        "q2",
                        other,
                        Map.of("input", stream),
                        new CollectingSink(),
                        dev.sluice.execution.connector.OutputMode.APPEND,
                        Trigger.once(),
                        checkpoint,
                        8,
                        2,
                        KeyGroups.DEFAULT_COUNT,
                        pool,
                        allocator,
                        Clock.system(),
                        new UserFunctions())))
        .isInstanceOfSatisfying(
            SluiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CHECKPOINT_INCOMPATIBLE));
    assertThat(strings.size()).isEqualTo(1);
  }

  @Test
  void aProcessingTimeTriggerFollowsTheInjectedClock() throws Exception {
    ManualClock clock = new ManualClock(1_000);
    MemoryStream stream = new MemoryStream("input", INPUT, 1);
    CollectingSink sink = new CollectingSink();
    // The data is there before the first trigger, which fires at once; the next waits 10 s.
    stream.addData(rows(1, 2));
    StreamingQuery query =
        manager.start(
            new QueryConfig(
                "timed",
                plan(),
                Map.of("input", stream),
                sink,
                dev.sluice.execution.connector.OutputMode.APPEND,
                Trigger.processingTime(java.time.Duration.ofSeconds(10)),
                checkpoints.resolve("t"),
                8,
                2,
                KeyGroups.DEFAULT_COUNT,
                pool,
                allocator,
                clock,
                new UserFunctions()));
    query.processAllAvailable();
    stream.addData(rows(3, 4));
    while (!clock.hasSleepers()) {
      Thread.sleep(5);
    }
    assertThat(sink.allRows()).containsExactly(Row.of(1L, "W1"));
    clock.advance(java.time.Duration.ofSeconds(10));
    query.processAllAvailable();
    assertThat(sink.allRows()).containsExactly(Row.of(1L, "W1"), Row.of(3L, "W3"));
  }

  @Test
  void onceRunsOneBatchOfWhatIsThereAndStops() {
    MemoryStream stream = new MemoryStream("input", INPUT, 1);
    CollectingSink sink = new CollectingSink();
    stream.addData(rows(1, 4));
    StreamingQuery query = start(stream, sink, checkpoints.resolve("once"), Trigger.once());
    query.awaitTermination();
    assertThat(sink.batches()).hasSize(1);
    assertThat(sink.allRows()).containsExactly(Row.of(1L, "W1"), Row.of(3L, "W3"));
    assertThat(query.isActive()).isFalse();
  }

  /**
   * A checkpoint written by format v1 (offsets, commits, metadata with the plan fingerprint of
   * {@link #plan()}) must keep working: this fails when a change to the files or to the plan's
   * fingerprint would strand existing checkpoints.
   */
  @Test
  void aFrozenVersionOneCheckpointResumesWhereItStopped() throws Exception {
    Path checkpoint = checkpoints.resolve("frozen");
    Path frozen = Path.of(getClass().getResource("/frozen/checkpoint-v1").toURI());
    try (var files = Files.walk(frozen)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = checkpoint.resolve(frozen.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    MemoryStream stream = new MemoryStream("input", INPUT, 1);
    stream.addData(rows(0, 7));
    CollectingSink sink = new CollectingSink();
    StreamingQuery query = start(stream, sink, checkpoint, Trigger.availableNow());
    query.awaitTermination();
    // batch 0 (rows 0..3) was committed by the frozen run; only rows 4..6 are new
    assertThat(sink.batches().keySet()).containsExactly(1L);
    assertThat(sink.allRows()).containsExactly(Row.of(5L, "W5"));
    assertThat(query.id())
        .isEqualTo(
            new dev.sluice.execution.checkpoint.Checkpoint(checkpoint)
                .readMetadata()
                .orElseThrow()
                .queryId());
  }

  @Test
  void theQueryClosesItsSinkAndSourcesWhenItEnds() {
    java.util.List<String> closed = new java.util.concurrent.CopyOnWriteArrayList<>();
    MemoryStream stream = new MemoryStream("input", INPUT, 1);
    stream.addData(rows(0, 2));
    dev.sluice.execution.connector.Source source =
        new dev.sluice.execution.connector.Source() {
          @Override
          public Schema schema() {
            return stream.schema();
          }

          @Override
          public int partitionCount() {
            return stream.partitionCount();
          }

          @Override
          public long[] latestOffsets() {
            return stream.latestOffsets();
          }

          @Override
          public dev.sluice.execution.connector.PartitionReader createReader(
              int partition, long start, long end, int maxRows, BufferAllocator allocator) {
            return stream.createReader(partition, start, end, maxRows, allocator);
          }

          @Override
          public String description() {
            return "closing source";
          }

          @Override
          public void close() {
            closed.add("source");
          }
        };
    CollectingSink collecting = new CollectingSink();
    dev.sluice.execution.connector.Sink sink =
        new dev.sluice.execution.connector.Sink() {
          @Override
          public dev.sluice.execution.connector.SinkWriter createWriter(
              long batchId, int partition, BufferAllocator allocator) {
            return collecting.createWriter(batchId, partition, allocator);
          }

          @Override
          public void commit(
              long batchId, List<dev.sluice.execution.connector.WriterCommitMessage> messages) {
            collecting.commit(batchId, messages);
          }

          @Override
          public String description() {
            return "closing sink";
          }

          @Override
          public void close() {
            closed.add("sink");
          }
        };
    manager
        .start(
            new QueryConfig(
                "closing",
                plan(),
                Map.of("input", source),
                sink,
                dev.sluice.execution.connector.OutputMode.APPEND,
                Trigger.availableNow(),
                checkpoints.resolve("closing"),
                8,
                2,
                KeyGroups.DEFAULT_COUNT,
                pool,
                allocator,
                Clock.system(),
                new UserFunctions()))
        .awaitTermination();
    assertThat(collecting.allRows()).containsExactly(Row.of(1L, "W1"));
    assertThat(closed).containsExactlyInAnyOrder("source", "sink");
  }
}
