package dev.sluice.sinks.console;

import static dev.sluice.sinks.SinkTesting.context;
import static dev.sluice.sinks.SinkTesting.writeBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.connector.Sink;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import dev.sluice.sinks.SinkTesting.CapturedConsole;
import dev.sluice.sinks.SinkTesting.FakeResultTables;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsoleSinkTest {
  private static final Schema SCHEMA =
      Schema.of(Field.notNull("id", SqlType.BIGINT), Field.nullable("name", SqlType.VARCHAR));

  private final RootAllocator allocator = new RootAllocator();
  private final CapturedConsole console = new CapturedConsole();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private Sink console(Map<String, String> options) {
    return new ConsoleSinkProvider()
        .create(
            context(
                "console",
                options,
                SCHEMA,
                OutputMode.APPEND,
                Optional.empty(),
                console.stream,
                new FakeResultTables(),
                Optional.empty()));
  }

  @Test
  void printsEachCommittedBatchWithItsId() {
    Sink sink = console(Map.of());
    writeBatch(sink, 0, SCHEMA, allocator, List.of(List.of(Row.of(1L, "Alice"))));
    writeBatch(sink, 1, SCHEMA, allocator, List.of(List.of(), List.of(Row.of(2L, null))));

    assertThat(console.text())
        .isEqualTo(
            """
            -------------------------------------------
            Batch: 0
            -------------------------------------------
            +---+-----+
            | id| name|
            +---+-----+
            |  1|Alice|
            +---+-----+

            -------------------------------------------
            Batch: 1
            -------------------------------------------
            +---+----+
            | id|name|
            +---+----+
            |  2|NULL|
            +---+----+

            """);
  }

  @Test
  void showsNumRowsRowsOfAllPartitionsAndCanKeepLongCells() {
    Sink sink = console(Map.of("numRows", "2", "truncate", "false"));
    writeBatch(
        sink,
        5,
        SCHEMA,
        allocator,
        List.of(
            List.of(Row.of(1L, "a very long name indeed, longer than twenty")),
            List.of(Row.of(2L, "b"), Row.of(3L, "c"))));

    assertThat(console.text())
        .contains("|1  |a very long name indeed, longer than twenty|")
        .contains("|2  |b")
        .doesNotContain("|3  |")
        .endsWith("only showing top 2 rows\n\n");
  }

  @Test
  void refusesBadOptions() {
    for (Map<String, String> options :
        List.of(Map.of("numRows", "0"), Map.of("truncate", "maybe"), Map.of("numRows", "1e3"))) {
      assertThatThrownBy(() -> console(options))
          .isInstanceOfSatisfying(
              SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION));
    }
  }
}
