package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.connector.memory.MemoryStream;
import dev.sluice.execution.driver.StreamingQuery;
import dev.sluice.execution.driver.Trigger;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once for an aggregation with faults injected at each step of a batch: the output of every
 * batch id must be what an uninterrupted run produces, however the batch was interrupted and
 * re-run.
 */
class ExactlyOnceFaultsTest {
  private static final Schema INPUT =
      Schema.of(Field.nullable("k", SqlType.VARCHAR), Field.nullable("v", SqlType.BIGINT));
  private static final List<List<Row>> BATCHES =
      List.of(
          List.of(Row.of("a", 1L), Row.of("b", 2L), Row.of("a", 3L)),
          List.of(Row.of("b", 4L), Row.of("c", 5L), Row.of("a", 6L)),
          List.of(Row.of("c", 7L), Row.of("d", 8L)));

  /** Which batch the fault hits, and how many times it still has to fire. */
  private static final AtomicInteger FAULTS = new AtomicInteger();

  private static volatile long faultyBatch = -1;

  @TempDir Path checkpoints;
  private final Sluice sluice = Sluice.builder().maxRowsPerBatch(2).parallelism(2).build();

  @AfterEach
  void close() {
    sluice.close();
  }

  private enum Fault {
    NONE,
    /** A row fails inside the operators, after the batch's offsets were logged. */
    MID_OPERATOR,
    /** The sink fails after the tasks committed the batch's state. */
    AFTER_STATE_COMMIT,
    /** The process dies after the sink wrote the batch but before the commit record. */
    BEFORE_COMMIT_LOG
  }

  @Test
  void aFailureInsideTheOperatorsIsReRunExactly() {
    assertThat(run(Fault.MID_OPERATOR, OutputMode.UPDATE))
        .isEqualTo(run(Fault.NONE, OutputMode.UPDATE));
  }

  @Test
  void aSinkFailureAfterTheStateCommitIsReRunExactly() {
    assertThat(run(Fault.AFTER_STATE_COMMIT, OutputMode.UPDATE))
        .isEqualTo(run(Fault.NONE, OutputMode.UPDATE));
  }

  @Test
  void aCrashBeforeTheCommitRecordIsReRunExactly() {
    assertThat(run(Fault.BEFORE_COMMIT_LOG, OutputMode.UPDATE))
        .isEqualTo(run(Fault.NONE, OutputMode.UPDATE));
  }

  @Test
  void eachFaultIsReRunExactlyAsAChangelog() {
    Map<Long, List<Row>> expected = run(Fault.NONE, OutputMode.CHANGELOG);
    assertThat(expected.get(1L)).anySatisfy(row -> assertThat(row.get(0)).isEqualTo("-U"));
    for (Fault fault :
        List.of(Fault.MID_OPERATOR, Fault.AFTER_STATE_COMMIT, Fault.BEFORE_COMMIT_LOG)) {
      assertThat(run(fault, OutputMode.CHANGELOG)).as(fault.name()).isEqualTo(expected);
    }
  }

  /** Runs the three batches, one query start per batch, injecting {@code fault} into batch 1. */
  private Map<Long, List<Row>> run(Fault fault, OutputMode mode) {
    String name = (fault.name() + "_" + mode.name()).toLowerCase();
    Path checkpoint = checkpoints.resolve(name);
    MemoryStream input = sluice.memoryStream("in_" + name, INPUT);
    sluice
        .udf()
        .register(
            "guard_" + name,
            (String k) -> {
              if (fault == Fault.MID_OPERATOR
                  && faultyBatch == 1
                  && "c".equals(k)
                  && FAULTS.getAndDecrement() > 0) {
                throw new IllegalStateException("injected failure inside the operators");
              }
              return k;
            },
            SqlType.VARCHAR,
            SqlType.VARCHAR);
    DataFrame query =
        sluice.sql(
            "SELECT guard_"
                + name
                + "(k) AS k, COUNT(*) AS n, SUM(v) AS total FROM in_"
                + name
                + " GROUP BY guard_"
                + name
                + "(k)");
    Map<Long, List<Row>> outputs = new TreeMap<>();
    for (int batch = 0; batch < BATCHES.size(); batch++) {
      input.addData(BATCHES.get(batch));
      faultyBatch = batch;
      FAULTS.set(1);
      if (batch == 1 && fault != Fault.NONE) {
        assertThatThrownBy(() -> start(query, checkpoint, outputs, fault, mode).awaitTermination())
            .hasMessageContaining(
                fault == Fault.MID_OPERATOR ? "injected failure inside the operators" : "injected");
        if (fault == Fault.BEFORE_COMMIT_LOG) {
          assertThat(outputs).containsKey(1L); // the sink has the batch; the commit record does not
        }
      }
      start(query, checkpoint, outputs, Fault.NONE, mode).awaitTermination();
    }
    assertThat(outputs.keySet()).containsExactly(0L, 1L, 2L);
    return outputs;
  }

  private StreamingQuery start(
      DataFrame query,
      Path checkpoint,
      Map<Long, List<Row>> outputs,
      Fault fault,
      OutputMode mode) {
    return query
        .writeStream()
        .outputMode(mode)
        .foreachBatch(
            (batch, batchId) -> {
              if (fault == Fault.AFTER_STATE_COMMIT && batchId == 1) {
                throw new IllegalStateException("injected sink failure after the state commit");
              }
              List<Row> rows =
                  batch.collectAsList().stream()
                      .sorted(java.util.Comparator.comparing(Row::toString))
                      .toList();
              synchronized (outputs) {
                outputs.put(
                    batchId, rows); // idempotent by batch id, as a foreachBatch function must be
              }
              if (fault == Fault.BEFORE_COMMIT_LOG && batchId == 1) {
                // The sink's write is durable; dying now leaves no commit record for batch 1.
                throw new IllegalStateException("injected crash before the commit log");
              }
            })
        .trigger(Trigger.availableNow())
        .option("checkpointLocation", checkpoint.toString())
        .start();
  }

  @Test
  void theFaultsReallyInterruptedTheBatch() throws Exception {
    run(Fault.BEFORE_COMMIT_LOG, OutputMode.UPDATE);
    Path checkpoint = checkpoints.resolve("before_commit_log_update");
    // batch 1 was logged, written to the sink, failed before its commit record, and re-run
    assertThat(Files.exists(checkpoint.resolve("offsets/1"))).isTrue();
    assertThat(Files.exists(checkpoint.resolve("commits/1"))).isTrue();
    assertThat(Files.exists(checkpoint.resolve("commits/2"))).isTrue();
  }
}
