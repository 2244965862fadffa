package dev.sluice.sinks.memory;

import static dev.sluice.sinks.SinkTesting.context;
import static dev.sluice.sinks.SinkTesting.writeBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import dev.sluice.sinks.SinkTesting.FakeResultTables;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemorySinkTest {
  private static final Schema SCHEMA =
      Schema.of(Field.notNull("id", SqlType.BIGINT), Field.nullable("name", SqlType.VARCHAR));

  private final RootAllocator allocator = new RootAllocator();
  private final FakeResultTables tables = new FakeResultTables();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private MemorySink sink(OutputMode mode) {
    return (MemorySink)
        new MemorySinkProvider()
            .create(
                context(
                    "memory",
                    Map.of(),
                    SCHEMA,
                    mode,
                    Optional.of("results"),
                    System.out,
                    tables,
                    Optional.empty()));
  }

  private void write(MemorySink sink, long batchId, List<List<Row>> partitions) {
    writeBatch(sink, batchId, SCHEMA, allocator, partitions);
  }

  @Test
  void publishesItsTableUnderTheQueryName() {
    MemorySink sink = sink(OutputMode.APPEND);

    assertThat(tables.schemas).containsEntry("results", SCHEMA);
    assertThat(tables.tables.get("results").get()).isEmpty();
    write(sink, 0, List.of(List.of(Row.of(1L, "a"))));
    assertThat(tables.tables.get("results").get()).containsExactly(Row.of(1L, "a"));
    assertThat(sink.description()).isEqualTo("MemorySink[results]");
  }

  @Test
  void appendKeepsEveryBatchInBatchOrderAndPartitionOrder() {
    MemorySink sink = sink(OutputMode.APPEND);
    write(sink, 1, List.of(List.of(Row.of(3L, "c"))));
    write(sink, 0, List.of(List.of(Row.of(1L, "a"), Row.of(2L, null)), List.of(Row.of(9L, "z"))));

    assertThat(sink.batchIds()).containsExactly(0L, 1L);
    assertThat(sink.rowsOf(0)).containsExactly(Row.of(1L, "a"), Row.of(2L, null), Row.of(9L, "z"));
    assertThat(sink.rowsOf(7)).isEmpty();
    assertThat(sink.allRows())
        .containsExactly(Row.of(1L, "a"), Row.of(2L, null), Row.of(9L, "z"), Row.of(3L, "c"));
  }

  @Test
  void committingABatchAgainKeepsOneCopy() {
    MemorySink sink = sink(OutputMode.UPDATE);
    write(sink, 0, List.of(List.of(Row.of(1L, "a"))));
    write(sink, 0, List.of(List.of(Row.of(1L, "a"))));

    assertThat(sink.allRows()).containsExactly(Row.of(1L, "a"));
  }

  @Test
  void completeShowsOnlyTheLatestBatch() {
    MemorySink sink = sink(OutputMode.COMPLETE);
    write(sink, 0, List.of(List.of(Row.of(1L, "a"))));
    write(sink, 1, List.of(List.of(Row.of(1L, "a"), Row.of(2L, "b"))));
    write(sink, 0, List.of(List.of(Row.of(1L, "stale"))));

    assertThat(sink.batchIds()).containsExactly(1L);
    assertThat(tables.tables.get("results").get())
        .containsExactly(Row.of(1L, "a"), Row.of(2L, "b"));
  }

  @Test
  void needsAQueryName() {
    assertThatThrownBy(
            () ->
                new MemorySinkProvider()
                    .create(
                        context(
                            "memory",
                            Map.of(),
                            SCHEMA,
                            OutputMode.APPEND,
                            Optional.empty(),
                            System.out,
                            tables,
                            Optional.empty())))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_OPTION))
        .hasMessage("the memory sink needs a query name: call queryName(...)");
  }
}
