package dev.sluice.sinks.foreachbatch;

import static dev.sluice.sinks.SinkTesting.context;
import static dev.sluice.sinks.SinkTesting.writeBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.BatchFunction;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.connector.Sink;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import dev.sluice.sinks.SinkTesting.FakeResultTables;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ForeachBatchSinkTest {
  private static final Schema SCHEMA = Schema.of(Field.nullable("id", SqlType.BIGINT));

  private final RootAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private static Sink sink(Optional<Object> function) {
    return new ForeachBatchSinkProvider()
        .create(
            context(
                "foreachBatch",
                Map.of(),
                SCHEMA,
                OutputMode.UPDATE,
                Optional.empty(),
                System.out,
                new FakeResultTables(),
                function));
  }

  /** One call of the function. */
  private record Call(long batchId, Schema schema, List<Row> rows) {}

  @Test
  void callsTheFunctionWithEveryPartitionsRowsInOrder() {
    List<Call> calls = new ArrayList<>();
    BatchFunction function = (batchId, schema, rows) -> calls.add(new Call(batchId, schema, rows));
    Sink sink = sink(Optional.of(function));

    writeBatch(
        sink,
        3,
        SCHEMA,
        allocator,
        List.of(List.of(Row.of(1L), Row.of(2L), Row.of(3L)), List.of(), List.of(Row.of(4L))));
    writeBatch(sink, 4, SCHEMA, allocator, List.of(List.of()));

    assertThat(calls)
        .containsExactly(
            new Call(3, SCHEMA, List.of(Row.of(1L), Row.of(2L), Row.of(3L), Row.of(4L))),
            new Call(4, SCHEMA, List.of()));
  }

  @Test
  void aFailingFunctionFailsTheQueryNamingTheBatch() {
    IOException failure = new IOException("disk full");
    Sink sink =
        sink(
            Optional.of(
                (BatchFunction)
                    (batchId, schema, rows) -> {
                      throw failure;
                    }));

    assertThatThrownBy(() -> writeBatch(sink, 7, SCHEMA, allocator, List.of(List.of(Row.of(1L)))))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.QUERY_FAILED))
        .hasMessageStartingWith("foreachBatch function failed on batch 7: ")
        .hasMessageContaining("disk full")
        .hasCause(failure);
  }

  @Test
  void needsABatchFunction() {
    for (Optional<Object> function : List.of(Optional.empty(), Optional.<Object>of("not one"))) {
      assertThatThrownBy(() -> sink(function))
          .isInstanceOfSatisfying(
              SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION))
          .hasMessageContaining("needs a BatchFunction");
    }
  }
}
