package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.memory.MemoryStream;
import dev.sluice.execution.driver.StreamingQuery;
import dev.sluice.execution.driver.Trigger;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Trigger#manual()}: a batch runs when {@link StreamingQuery#runBatch()} asks, only then.
 */
class ManualTriggerTest {
  @TempDir Path checkpoint;

  @Test
  void eachRunBatchRunsOneBatchOfWhatIsNew() throws Exception {
    try (Sluice sluice = Sluice.builder().parallelism(2).build()) {
      MemoryStream numbers =
          sluice.memoryStream("numbers", Schema.of(Field.notNull("n", SqlType.INTEGER)));
      List<String> batches = new CopyOnWriteArrayList<>();
      StreamingQuery query =
          sluice
              .sql("SELECT n * 10 AS tens FROM numbers")
              .writeStream()
              .foreachBatch((batch, id) -> batches.add(id + ":" + batch.collectAsList()))
              .trigger(Trigger.manual())
              .option("checkpointLocation", checkpoint.toString())
              .start();

      assertThat(query.runBatch()).as("nothing to run yet").isFalse();
      numbers.addData(Row.of(1), Row.of(2));
      Thread.sleep(200); // a trigger of its own would have run a batch by now
      assertThat(batches).isEmpty();

      assertThat(query.runBatch()).isTrue();
      assertThat(batches).containsExactly("0:[[10], [20]]");
      assertThat(query.runBatch()).isFalse();

      numbers.addData(Row.of(3));
      assertThat(query.runBatch()).isTrue();
      assertThat(batches).containsExactly("0:[[10], [20]]", "1:[[30]]");

      query.stop();
      assertThatThrownBy(query::runBatch)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("has stopped");
    }
  }

  @Test
  void onlyAManualTriggerSteps() {
    try (Sluice sluice = Sluice.local()) {
      sluice.memoryStream("numbers", Schema.of(Field.notNull("n", SqlType.INTEGER)));
      StreamingQuery query =
          sluice
              .sql("SELECT n FROM numbers")
              .writeStream()
              .format("memory")
              .queryName("numbers_out")
              .option("checkpointLocation", checkpoint.toString())
              .start();

      assertThatThrownBy(query::runBatch)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("only a manual trigger steps");
    }
  }
}
