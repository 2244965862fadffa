package dev.sluice.sources.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.batch.VectorValues;
import dev.sluice.execution.connector.ConnectorOptions;
import dev.sluice.execution.connector.Source;
import dev.sluice.execution.connector.SourceContext;
import dev.sluice.execution.driver.ManualClock;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import dev.sluice.sources.SourceReads;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateSourceTest {
  private static final long START = 1_000_000;

  private final RootAllocator allocator = new RootAllocator();
  private final ManualClock clock = new ManualClock(START);

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private Source rate(Map<String, String> options, Optional<Schema> declared) {
    return new RateSourceProvider()
        .create(new SourceContext(new ConnectorOptions("rate", options), declared, clock));
  }

  private static Row row(long value, long millis) {
    return Row.of(VectorValues.timestamp(millis), value);
  }

  @Test
  void hasTheRateSchema() {
    Source source = rate(Map.of(), Optional.empty());

    assertThat(source.schema())
        .isEqualTo(
            Schema.of(
                Field.notNull("timestamp", SqlType.TIMESTAMP),
                Field.notNull("value", SqlType.BIGINT)));
    assertThat(source.partitionCount()).isEqualTo(1);
  }

  @Test
  void offsetsGrowWithTheClockAndAreDealtRoundRobin() {
    Source source = rate(Map.of("rowsPerSecond", "10", "numPartitions", "3"), Optional.empty());
    assertThat(source.latestOffsets()).containsExactly(0, 0, 0);

    clock.advance(Duration.ofMillis(1000)); // values 0..9
    assertThat(source.latestOffsets()).containsExactly(4, 3, 3);

    clock.advance(Duration.ofMillis(550)); // values 0..14
    assertThat(source.latestOffsets()).containsExactly(5, 5, 5);
  }

  @Test
  void rowKOfPartitionPHasValueKTimesNPlusPAndItsTimestamp() {
    Source source = rate(Map.of("rowsPerSecond", "10", "numPartitions", "3"), Optional.empty());

    assertThat(SourceReads.read(source, 1, 0, 3, 100, allocator))
        .containsExactly(row(1, START + 100), row(4, START + 400), row(7, START + 700));
    assertThat(SourceReads.read(source, 0, 2, 4, 100, allocator))
        .containsExactly(row(6, START + 600), row(9, START + 900));
  }

  @Test
  void readsInBoundedBatchesAndReplaysTheSameRows() {
    Source source = rate(Map.of("rowsPerSecond", "3"), Optional.empty());

    List<Row> rows = SourceReads.read(source, 0, 0, 10, 4, allocator);
    assertThat(rows).hasSize(10);
    assertThat(rows.get(9)).isEqualTo(row(9, START + 3000));
    assertThat(SourceReads.read(source, 0, 0, 10, 7, allocator)).isEqualTo(rows);
    assertThat(SourceReads.read(source, 0, 4, 10, 7, allocator)).isEqualTo(rows.subList(4, 10));
  }

  @Test
  void acceptsADeclaredSchemaOfTheSameNamesAndTypes() {
    Schema declared =
        Schema.of(
            Field.nullable("TIMESTAMP", SqlType.TIMESTAMP),
            Field.nullable("VALUE", SqlType.BIGINT));
    Source source = rate(Map.of(), Optional.of(declared));

    assertThat(source.schema()).isEqualTo(declared);
    assertThat(SourceReads.read(source, 0, 0, 1, 10, allocator)).containsExactly(row(0, START));
  }

  @Test
  void refusesAnotherDeclaredSchemaNamingTheExpectedOne() {
    Schema declared = Schema.of(Field.nullable("value", SqlType.VARCHAR));

    assertThatThrownBy(() -> rate(Map.of(), Optional.of(declared)))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TYPE_MISMATCH))
        .hasMessageContaining("timestamp TIMESTAMP(3) NOT NULL, value BIGINT NOT NULL");
  }

  @Test
  void refusesBadOptions() {
    for (Map<String, String> options :
        List.of(Map.of("rowsPerSecond", "0"), Map.of("numPartitions", "-2"))) {
      assertThatThrownBy(() -> rate(options, Optional.empty()))
          .isInstanceOfSatisfying(
              SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION));
    }
  }
}
