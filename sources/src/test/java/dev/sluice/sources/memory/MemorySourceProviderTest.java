package dev.sluice.sources.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.ConnectorOptions;
import dev.sluice.execution.connector.SourceContext;
import dev.sluice.execution.connector.memory.MemoryStream;
import dev.sluice.execution.driver.ManualClock;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import dev.sluice.sources.SourceReads;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemorySourceProviderTest {
  private static final Schema SCHEMA =
      Schema.of(Field.notNull("id", SqlType.BIGINT), Field.nullable("name", SqlType.VARCHAR));

  private final RootAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private static SourceContext context(Map<String, String> options, Optional<Schema> schema) {
    return new SourceContext(new ConnectorOptions("memory", options), schema, new ManualClock());
  }

  @Test
  void createsAStreamWithTheDeclaredSchemaNameAndPartitions() {
    MemoryStream stream =
        (MemoryStream)
            new MemorySourceProvider()
                .create(context(Map.of("name", "clicks", "partitions", "3"), Optional.of(SCHEMA)));

    assertThat(stream.name()).isEqualTo("clicks");
    assertThat(stream.schema()).isEqualTo(SCHEMA);
    assertThat(stream.partitionCount()).isEqualTo(3);
    assertThat(stream.latestOffsets()).containsExactly(0, 0, 0);
  }

  @Test
  void defaultsToOnePartitionNamedMemory() {
    MemoryStream stream =
        (MemoryStream) new MemorySourceProvider().create(context(Map.of(), Optional.of(SCHEMA)));

    assertThat(stream.name()).isEqualTo("memory");
    assertThat(stream.partitionCount()).isEqualTo(1);
  }

  @Test
  void addedRowsCanBeReadBack() {
    MemoryStream stream =
        (MemoryStream) new MemorySourceProvider().create(context(Map.of(), Optional.of(SCHEMA)));
    long[] end = stream.addData(Row.of(1L, "a"), Row.of(2L, null), Row.of(3L, "c"));

    assertThat(SourceReads.read(stream, 0, 1, end[0], 1, allocator))
        .containsExactly(Row.of(2L, null), Row.of(3L, "c"));
  }

  @Test
  void needsADeclaredSchema() {
    assertThatThrownBy(() -> new MemorySourceProvider().create(context(Map.of(), Optional.empty())))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_OPTION))
        .hasMessageContaining("needs a declared schema");
  }

  @Test
  void refusesABadPartitionCount() {
    for (String partitions : List.of("0", "-1", "two", "3000000000")) {
      assertThatThrownBy(
              () ->
                  new MemorySourceProvider()
                      .create(context(Map.of("partitions", partitions), Optional.of(SCHEMA))))
          .isInstanceOfSatisfying(
              SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION))
          .hasMessageContaining("partitions");
    }
  }
}
