package dev.sluice.sources.nexmark;

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
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The provider's options, schemas and the offsets the source makes available. */
class NexmarkSourceTest {
  private final RootAllocator allocator = new RootAllocator();
  private final ManualClock clock = new ManualClock(5_000);

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private Source nexmark(Map<String, String> options) {
    return nexmark(options, Optional.empty());
  }

  private Source nexmark(Map<String, String> options, Optional<Schema> declared) {
    return new NexmarkSourceProvider()
        .create(new SourceContext(new ConnectorOptions("nexmark", options), declared, clock));
  }

  private static void assertFails(Runnable action, ErrorCode code, String message) {
    assertThatThrownBy(action::run)
        .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.code()).isEqualTo(code))
        .hasMessageContaining(message);
  }

  @Test
  void eachTableHasItsSchemaAndBidIsTheDefault() {
    assertThat(nexmark(Map.of()).schema().names())
        .containsExactly("auction", "bidder", "price", "channel", "url", "date_time", "extra");
    assertThat(nexmark(Map.of("table", "Person")).schema().names())
        .containsExactly(
            "id", "name", "email_address", "credit_card", "city", "state", "date_time", "extra");
    assertThat(nexmark(Map.of("table", "auction")).schema())
        .isEqualTo(
            Schema.of(
                Field.nullable("id", SqlType.BIGINT),
                Field.nullable("item_name", SqlType.VARCHAR),
                Field.nullable("description", SqlType.VARCHAR),
                Field.nullable("initial_bid", SqlType.BIGINT),
                Field.nullable("reserve", SqlType.BIGINT),
                Field.nullable("date_time", SqlType.TIMESTAMP),
                Field.nullable("expires", SqlType.TIMESTAMP),
                Field.nullable("seller", SqlType.BIGINT),
                Field.nullable("category", SqlType.BIGINT),
                Field.nullable("extra", SqlType.VARCHAR)));
  }

  @Test
  void refusesBadOptions() {
    assertFails(
        () -> nexmark(Map.of("table", "bids")), ErrorCode.INVALID_OPTION, "person, auction, bid");
    assertFails(() -> nexmark(Map.of("partitions", "0")), ErrorCode.INVALID_OPTION, "partitions");
    assertFails(() -> nexmark(Map.of("maxEvents", "-1")), ErrorCode.INVALID_OPTION, "maxEvents");
    assertFails(
        () -> nexmark(Map.of("eventsPerSecond", "fast")),
        ErrorCode.INVALID_OPTION,
        "eventsPerSecond");
    assertFails(
        () -> nexmark(Map.of("firstEventRate", "0")), ErrorCode.INVALID_OPTION, "firstEventRate");
    assertFails(
        () -> nexmark(Map.of("baseTime", "yesterday")), ErrorCode.INVALID_OPTION, "baseTime");
  }

  @Test
  void aDeclaredSubsetOfColumnsReadsTheSameValues() {
    Schema declared =
        Schema.of(
            Field.nullable("DATE_TIME", SqlType.TIMESTAMP),
            Field.nullable("auction", SqlType.BIGINT),
            Field.nullable("Price", SqlType.BIGINT));
    Source projected = nexmark(Map.of(), Optional.of(declared));
    Source full = nexmark(Map.of());

    assertThat(projected.schema()).isEqualTo(declared);
    List<Row> expected =
        SourceReads.read(full, 0, 0, 500, 64, allocator).stream()
            .map(row -> Row.of(row.get(5), row.get(0), row.get(2)))
            .toList();
    assertThat(SourceReads.read(projected, 0, 0, 500, 64, allocator)).isEqualTo(expected);
  }

  @Test
  void refusesDeclaredColumnsTheTableDoesNotHave() {
    assertFails(
        () ->
            nexmark(
                Map.of(), Optional.of(Schema.of(Field.nullable("dateTime", SqlType.TIMESTAMP)))),
        ErrorCode.UNKNOWN_COLUMN,
        "has no column 'dateTime'");
    assertFails(
        () -> nexmark(Map.of(), Optional.of(Schema.of(Field.nullable("price", SqlType.VARCHAR)))),
        ErrorCode.TYPE_MISMATCH,
        "'price' of nexmark table 'bid' is BIGINT but is declared VARCHAR");
    assertFails(
        () ->
            nexmark(
                Map.of(),
                Optional.of(
                    Schema.of(
                        Field.nullable("price", SqlType.BIGINT),
                        Field.nullable("PRICE", SqlType.BIGINT)))),
        ErrorCode.DUPLICATE_OBJECT,
        "declared twice");
  }

  @Test
  void unthrottledAndUnlimitedGrowsByAStepPerCall() {
    Source source = nexmark(Map.of("partitions", "2"));

    assertThat(source.latestOffsets()).containsExactly(100_000, 100_000);
    assertThat(source.latestOffsets()).containsExactly(200_000, 200_000);
    source.commit(new long[] {500_000, 150_000});
    assertThat(source.latestOffsets()).containsExactly(600_000, 300_000);
  }

  @Test
  void unthrottledWithMaxEventsMakesAllAvailableAtOnce() {
    Source source = nexmark(Map.of("partitions", "3", "maxEvents", "1234"));

    long[] offsets = source.latestOffsets();
    assertThat(Arrays.stream(offsets).sum()).isEqualTo(1234);
    assertThat(offsets).containsExactly(434, 400, 400);
    assertThat(source.latestOffsets()).isEqualTo(offsets);
    assertThat(source.isBounded()).isFalse();
  }

  @Test
  void throttledFollowsTheClockUpToMaxEvents() {
    Source source = nexmark(Map.of("eventsPerSecond", "1000", "maxEvents", "2000"));
    assertThat(source.latestOffsets()).containsExactly(0);

    clock.advance(Duration.ofMillis(1500));
    assertThat(source.latestOffsets()).containsExactly(1500);

    clock.advance(Duration.ofSeconds(10));
    assertThat(source.latestOffsets()).containsExactly(2000);
  }

  @Test
  void baseTimeMayBeWrittenAsATimestampOrMillis() {
    Schema time = Schema.of(Field.nullable("date_time", SqlType.TIMESTAMP));
    Source text = nexmark(Map.of("baseTime", "2024-06-01 12:00:00"), Optional.of(time));
    Source millis = nexmark(Map.of("baseTime", "1717243200000"), Optional.of(time));
    Source byDefault = nexmark(Map.of(), Optional.of(time));

    Row first = Row.of(LocalDateTime.of(2024, 6, 1, 12, 0));
    assertThat(SourceReads.read(text, 0, 0, 5, 10, allocator)).containsExactly(first);
    assertThat(SourceReads.read(millis, 0, 0, 5, 10, allocator)).containsExactly(first);
    assertThat(SourceReads.read(byDefault, 0, 0, 5, 10, allocator))
        .containsExactly(Row.of(VectorValues.timestamp(NexmarkOptions.DEFAULT_BASE_TIME)));
    assertThat(NexmarkOptions.DEFAULT_BASE_TIME)
        .isEqualTo(
            LocalDateTime.of(2024, 1, 1, 0, 0).toEpochSecond(java.time.ZoneOffset.UTC) * 1000);
  }
}
