package dev.sluice.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Sluice;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.connector.memory.MemoryStream;
import dev.sluice.execution.driver.ManualClock;
import dev.sluice.execution.driver.StreamingQuery;
import dev.sluice.execution.driver.StreamingQueryException;
import dev.sluice.execution.driver.Trigger;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Spark's StreamTest, for Java: a query over memory streams driven by a list of actions, checked
 * against the rows its (memory) sink received. Every action waits for the query to process what it
 * has, so tests are deterministic.
 *
 * <pre>{@code
 * StreamTest.of(sluice, df).run(
 *     addData(input, Row.of(1L, "a")),
 *     checkNewOutput(Row.of(1L, "A")),
 *     stopStream(),
 *     addData(input, Row.of(2L, "b")),
 *     startStream(),
 *     checkAnswer(Row.of(1L, "A"), Row.of(2L, "B")));
 * }</pre>
 *
 * <p>In complete mode the sink holds the latest whole result, so {@code checkNewOutput} and {@code
 * checkAnswer} both compare with it. On a failed step it reports the action list with a cursor at
 * the failing step, the sink's rows, the last progress (offsets) and the plan.
 */
public final class StreamTest {
  private final Sluice sluice;
  private final DataFrame query;
  private final String queryName;
  private final Path checkpoint;
  private OutputMode outputMode = OutputMode.APPEND;
  private Trigger trigger = Trigger.defaultTrigger();
  private StreamingQuery running;
  private int rowsSeen;

  /** What earlier runs (before a stopStream) wrote: each start gets a fresh memory sink. */
  private final List<Row> earlierRuns = new ArrayList<>();

  private StreamTest(Sluice sluice, DataFrame query, Path checkpoint) {
    this.sluice = sluice;
    this.query = query;
    this.queryName = "stream_test_" + Integer.toUnsignedString(System.identityHashCode(this));
    this.checkpoint = checkpoint;
  }

  /** A test of {@code query}, checkpointing under {@code checkpoint}. */
  public static StreamTest of(Sluice sluice, DataFrame query, Path checkpoint) {
    return new StreamTest(sluice, query, checkpoint);
  }

  public StreamTest outputMode(OutputMode mode) {
    this.outputMode = mode;
    return this;
  }

  public StreamTest trigger(Trigger trigger) {
    this.trigger = trigger;
    return this;
  }

  /** One step of a test. */
  public interface Action {
    void run(StreamTest test) throws Exception;
  }

  private record Named(String text, Action action) implements Action {
    @Override
    public void run(StreamTest test) throws Exception {
      action.run(test);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  public static Action addData(MemoryStream stream, Row... rows) {
    return new Named(
        "AddData(" + stream.name() + ", " + Arrays.toString(rows) + ")",
        test -> {
          stream.addData(rows);
        });
  }

  /** The rows the sink received since the last check, in any order. */
  public static Action checkNewOutput(Row... expected) {
    return new Named(
        "CheckNewOutput" + Arrays.toString(expected),
        test -> {
          test.processAllAvailable();
          List<Row> all = test.sinkRows();
          // In complete mode the sink holds the whole, latest result: that is what is new.
          List<Row> fresh =
              test.outputMode == OutputMode.COMPLETE ? all : all.subList(test.rowsSeen, all.size());
          assertThat(fresh).containsExactlyInAnyOrder(expected);
          test.rowsSeen = all.size();
        });
  }

  /** Everything the sink received so far, in any order. */
  public static Action checkAnswer(Row... expected) {
    return new Named(
        "CheckAnswer" + Arrays.toString(expected),
        test -> {
          test.processAllAvailable();
          List<Row> all = test.sinkRows();
          assertThat(all).containsExactlyInAnyOrder(expected);
          test.rowsSeen = all.size();
        });
  }

  /**
   * In changelog mode: applying every changelog row the sink received so far, in order (+I and +U
   * add their row, -U and -D remove it), gives exactly {@code expected}, in any order. Fails if a
   * row is removed that is not there.
   */
  public static Action checkChangelogTable(Row... expected) {
    return new Named(
        "CheckChangelogTable" + Arrays.toString(expected),
        test -> {
          test.processAllAvailable();
          assertThat(applyChangelog(test.sinkRows())).containsExactlyInAnyOrder(expected);
        });
  }

  /**
   * The result table a consumer of the sink rebuilds from what it received so far equals {@code
   * expected} (evaluated now), in any order: in complete mode the latest result; in update mode
   * every row upserted by its first {@code keyColumns} columns; in changelog mode the changelog
   * applied; in append mode every row.
   */
  public static Action checkResultTable(int keyColumns, Supplier<List<Row>> expected) {
    return new Named(
        "CheckResultTable",
        test -> {
          test.processAllAvailable();
          List<Row> received = test.sinkRows();
          List<Row> table =
              switch (test.outputMode) {
                case APPEND, COMPLETE -> received;
                case CHANGELOG -> applyChangelog(received);
                case UPDATE -> {
                  Map<List<Object>, Row> byKey = new LinkedHashMap<>();
                  for (Row row : received) {
                    byKey.put(row.toList().subList(0, keyColumns), row);
                  }
                  yield new ArrayList<>(byKey.values());
                }
              };
          assertThat(table).containsExactlyInAnyOrderElementsOf(expected.get());
        });
  }

  /** The table a consumer keeps by applying {@code changelog} (rows with a leading op column). */
  public static List<Row> applyChangelog(List<Row> changelog) {
    Map<Row, Integer> table = new LinkedHashMap<>();
    for (Row change : changelog) {
      Row row = Row.fromList(change.toList().subList(1, change.size()));
      switch (change.getString(0)) {
        case "+I", "+U" -> table.merge(row, 1, Integer::sum);
        case "-U", "-D" -> {
          Integer count = table.get(row);
          if (count == null) {
            throw new AssertionError(change + " removes a row the table does not hold: " + table);
          }
          if (count == 1) {
            table.remove(row);
          } else {
            table.put(row, count - 1);
          }
        }
        default -> throw new AssertionError("not a changelog row: " + change);
      }
    }
    List<Row> rows = new ArrayList<>();
    table.forEach((row, count) -> rows.addAll(Collections.nCopies(count, row)));
    return rows;
  }

  public static Action startStream() {
    return new Named("StartStream", StreamTest::start);
  }

  public static Action stopStream() {
    return new Named(
        "StopStream",
        test -> {
          test.running.stop();
          if (test.outputMode == OutputMode.COMPLETE) {
            test.earlierRuns.clear();
          }
          test.earlierRuns.addAll(test.currentRunRows());
          test.running = null;
        });
  }

  public static Action advanceClock(ManualClock clock, Duration duration) {
    return new Named("AdvanceClock(" + duration + ")", test -> clock.advance(duration));
  }

  /** The query fails with a cause of this code (the query must be running). */
  public static Action expectFailure(ErrorCode code) {
    return new Named(
        "ExpectFailure(" + code + ")",
        test -> {
          StreamingQuery query = test.running;
          try {
            boolean ended = query.awaitTermination(30_000);
            throw new AssertionError(
                "expected the query to fail with "
                    + code
                    + " but it "
                    + (ended ? "ended cleanly" : "is still running"));
          } catch (StreamingQueryException e) {
            assertThat(e.causeCode()).as("failure code of " + e.getMessage()).isEqualTo(code);
            test.running = null;
          }
        });
  }

  /** Runs the actions; the query starts before the first one. */
  public void run(Action... actions) {
    int step = -1;
    try {
      start();
      for (step = 0; step < actions.length; step++) {
        actions[step].run(this);
      }
    } catch (Throwable failure) {
      throw new AssertionError(report(actions, step, failure), failure);
    } finally {
      if (running != null) {
        running.stop();
      }
    }
  }

  private void start() {
    running =
        query
            .writeStream()
            .format("memory")
            .queryName(queryName)
            .outputMode(outputMode)
            .trigger(trigger)
            .option("checkpointLocation", checkpoint.toString())
            .start();
  }

  private void processAllAvailable() {
    if (running != null) {
      running.processAllAvailable();
    }
  }

  private List<Row> sinkRows() {
    if (outputMode == OutputMode.COMPLETE) {
      // The latest complete result replaces everything before it, across restarts too.
      List<Row> current = running == null ? List.of() : currentRunRows();
      return current.isEmpty() ? earlierRuns : current;
    }
    List<Row> rows = new ArrayList<>(earlierRuns);
    if (running != null) {
      rows.addAll(currentRunRows());
    }
    return rows;
  }

  private List<Row> currentRunRows() {
    try {
      return sluice.table(queryName).collectAsList();
    } catch (SluiceException e) {
      if (e.code() == ErrorCode.UNKNOWN_TABLE) {
        return List.of(); // nothing committed yet
      }
      throw e;
    }
  }

  private String report(Action[] actions, int failed, Throwable failure) {
    StringBuilder text =
        new StringBuilder("\n== Stream test failed: ").append(failure).append("\n== Actions ==\n");
    for (int i = 0; i < actions.length; i++) {
      text.append(i == failed ? "=> " : "   ").append(actions[i]).append('\n');
    }
    List<Row> rows = new ArrayList<>();
    try {
      rows = sinkRows();
    } catch (RuntimeException e) {
      text.append("(sink unreadable: ").append(e).append(")\n");
    }
    text.append("== Sink rows (").append(rows.size()).append(") ==\n");
    rows.forEach(row -> text.append("   ").append(row).append('\n'));
    if (running != null && running.lastProgress() != null) {
      text.append("== Last progress ==\n").append(running.lastProgress()).append('\n');
    }
    text.append("== Plan ==\n").append(query.explainString());
    return text.toString();
  }
}
