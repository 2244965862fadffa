package dev.sluice.sources.nexmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.batch.VectorValues;
import dev.sluice.execution.connector.ConnectorOptions;
import dev.sluice.execution.connector.Source;
import dev.sluice.execution.connector.SourceContext;
import dev.sluice.execution.driver.ManualClock;
import dev.sluice.sources.SourceReads;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The generated events: determinism, the mix, ids, event times and value ranges. */
class NexmarkEventsTest {
  private static final long EVENTS = 50_000;
  private static final LocalDateTime BASE =
      VectorValues.timestamp(NexmarkOptions.DEFAULT_BASE_TIME);

  private final RootAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private static Source nexmark(String table, int partitions, long maxEvents, long seed) {
    return new NexmarkSourceProvider()
        .create(
            new SourceContext(
                new ConnectorOptions(
                    "nexmark",
                    Map.of(
                        "table", table,
                        "partitions", String.valueOf(partitions),
                        "maxEvents", String.valueOf(maxEvents),
                        "seed", String.valueOf(seed))),
                Optional.empty(),
                new ManualClock()));
  }

  /** All events of {@code table} among the first {@code maxEvents}, partition by partition. */
  private List<Row> all(String table, int partitions, long maxEvents, long seed, int maxRows) {
    Source source = nexmark(table, partitions, maxEvents, seed);
    return SourceReads.readAll(source, source.latestOffsets(), maxRows, allocator);
  }

  private List<Row> all(String table) {
    return all(table, 1, EVENTS, 0, 4096);
  }

  @Test
  void theSameRangeAlwaysGivesTheSameEvents() {
    for (String table : List.of("bid", "auction", "person")) {
      Source first = nexmark(table, 2, 0, 7);
      Source second = nexmark(table, 2, 0, 7);

      List<Row> rows = SourceReads.read(first, 1, 1_000, 6_000, 100, allocator);
      assertThat(rows).isNotEmpty();
      assertThat(SourceReads.read(second, 1, 1_000, 6_000, 333, allocator)).isEqualTo(rows);
      List<Row> pieces = new ArrayList<>(SourceReads.read(first, 1, 1_000, 3_210, 32, allocator));
      pieces.addAll(SourceReads.read(first, 1, 3_210, 6_000, 32, allocator));
      assertThat(pieces).isEqualTo(rows);
    }
  }

  @Test
  void splittingIntoPartitionsYieldsTheSameEvents() {
    for (String table : List.of("bid", "auction", "person")) {
      List<Row> unsplit = all(table, 1, 12_345, 3, 1000);

      assertThat(all(table, 3, 12_345, 3, 1000)).containsExactlyInAnyOrderElementsOf(unsplit);
      assertThat(all(table, 50, 12_345, 3, 1000)).containsExactlyInAnyOrderElementsOf(unsplit);
    }
  }

  @Test
  void anotherSeedGivesOtherValuesAtTheSameTimes() {
    List<Row> seed1 = all("bid", 1, 5_000, 1, 1000);
    List<Row> seed2 = all("bid", 1, 5_000, 2, 1000);

    assertThat(seed2).hasSameSizeAs(seed1).isNotEqualTo(seed1);
    assertThat(seed2.stream().map(row -> row.get(5)).toList())
        .isEqualTo(seed1.stream().map(row -> row.get(5)).toList());
  }

  @Test
  void oneInFiftyEventsIsAPersonThreeAreAuctionsAndTheRestBids() {
    assertThat(all("person")).hasSize(1_000);
    assertThat(all("auction")).hasSize(3_000);
    assertThat(all("bid")).hasSize(46_000);
  }

  @Test
  void eventTimeFollowsTheEventNumber() {
    List<Row> people = all("person");
    for (int k = 0; k < people.size(); k++) {
      // person k is event 50k: 50k / 10 000 events per second
      assertThat(people.get(k).get(6)).isEqualTo(BASE.plusNanos(5_000_000L * k));
    }
    List<Row> bids = all("bid");
    assertThat(bids.get(0).get(5)).isEqualTo(BASE);
    assertThat(bids.get(bids.size() - 1).get(5)).isEqualTo(BASE.plusNanos(4_999_000_000L));
    for (List<Row> partition : List.of(bids, all("bid", 3, EVENTS, 0, 4096).subList(0, 15_000))) {
      for (int i = 1; i < partition.size(); i++) {
        LocalDateTime previous = (LocalDateTime) partition.get(i - 1).get(5);
        assertThat((LocalDateTime) partition.get(i).get(5)).isAfterOrEqualTo(previous);
      }
    }
  }

  @Test
  void idsCountUpInCreationOrder() {
    List<Row> people = all("person");
    List<Row> auctions = all("auction");

    for (int k = 0; k < people.size(); k++) {
      assertThat(people.get(k).getLong(0)).isEqualTo(1000 + k);
    }
    for (int k = 0; k < auctions.size(); k++) {
      assertThat(auctions.get(k).getLong(0)).isEqualTo(1000 + k);
    }
  }

  @Test
  void everyBidIsOnAnAuctionCreatedBeforeIt() {
    Map<Long, LocalDateTime> created = new HashMap<>();
    for (Row auction : all("auction")) {
      created.put(auction.getLong(0), (LocalDateTime) auction.get(5));
    }
    List<Row> bids = all("bid");

    long hot = 0;
    for (Row bid : bids) {
      assertThat(created).containsKey(bid.getLong(0));
      assertThat(created.get(bid.getLong(0))).isBeforeOrEqualTo((LocalDateTime) bid.get(5));
      assertThat(bid.getLong(1)).isGreaterThanOrEqualTo(1000);
      hot += bid.getLong(0) % 100 == 0 ? 1 : 0;
    }
    // half the bids go to the hot auction of their group (plus the odd random pick of it)
    assertThat((double) hot / bids.size()).isBetween(0.49, 0.56);
  }

  @Test
  void valuesStayInTheirRanges() {
    for (Row bid : all("bid")) {
      assertThat(bid.getLong(2)).isBetween(100L, 100_000_000L);
      assertThat(bid.getString(3)).matches("Google|Facebook|Baidu|Apple|channel-\\d{1,4}");
      assertThat(bid.getString(4))
          .startsWith("https://www.nexmark.com/")
          .contains("item.htm?query=1");
      assertThat(bid.getString(6).length()).isBetween(54, 82);
    }
    for (Row auction : all("auction")) {
      assertThat(auction.getLong(3)).isBetween(100L, 100_000_000L);
      assertThat(auction.getLong(4)).isGreaterThan(auction.getLong(3));
      assertThat((LocalDateTime) auction.get(6)).isAfter((LocalDateTime) auction.get(5));
      assertThat(auction.getLong(7)).isGreaterThanOrEqualTo(1000);
      assertThat(auction.getLong(8)).isBetween(10L, 14L);
      assertThat(auction.getString(1).length()).isLessThan(20);
      assertThat(auction.getString(2).length()).isLessThan(100);
    }
    for (Row person : all("person")) {
      assertThat(person.getString(1)).matches("[A-Z][a-z]+ [A-Z][a-z]+");
      assertThat(person.getString(2)).matches("[a-z ]*@[a-z ]*\\.com");
      assertThat(person.getString(3)).matches("\\d{4} \\d{4} \\d{4} \\d{4}");
      assertThat(person.getString(5)).isIn("AZ", "CA", "ID", "OR", "WA", "WY");
      assertThat(person.getString(7)).isNotEmpty();
    }
  }
}
