package dev.sluice.sources.nexmark;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.connector.PartitionReader;
import dev.sluice.execution.connector.Source;
import dev.sluice.execution.driver.Clock;
import dev.sluice.execution.type.Schema;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A deterministic generator of the Nexmark benchmark's events, emitting those of one kind (person,
 * auction or bid).
 *
 * <p><b>Events.</b> The source models one global sequence of events 0, 1, 2, ...; event {@code n}
 * is a pure function of {@code n} and the options ({@code seed}, {@code baseTime}, {@code
 * firstEventRate}): its kind (by {@code n mod 50}: 1 person, 3 auctions, 46 bids), its ids, its
 * random values (a generator seeded from the seed and {@code n}) and its event time {@code baseTime
 * + n * 1000 / firstEventRate}. So a replayed range always yields the same rows, and sources of the
 * three kinds with the same options describe one consistent auction site: every bid's auction was
 * created by an earlier event.
 *
 * <p><b>Offsets.</b> The global events are dealt over the partitions in blocks of 50 (see {@link
 * EventPartitioning}); a partition's offset counts <i>global</i> events of all kinds, and a reader
 * walks the events of its range and emits those of this source's kind. So offsets, and the event
 * time reached, advance at the same pace in sources of all three kinds.
 *
 * <p><b>Availability</b> ({@link #latestOffsets()}):
 *
 * <ul>
 *   <li>{@code eventsPerSecond > 0}: after {@code e} ms of the query's clock (since the query first
 *       started: the start time is kept in the checkpoint, so a restart catches up), the first
 *       {@code floor(e * eventsPerSecond / 1000)} global events, at most {@code maxEvents};
 *   <li>unthrottled with {@code maxEvents}: all {@code maxEvents} events at once;
 *   <li>unthrottled and unlimited: each call makes {@value #UNTHROTTLED_STEP} more events available
 *       in every partition, beyond the larger of the previous answer and the last committed offset.
 * </ul>
 *
 * <p>The source is never bounded: with {@code maxEvents} it simply has no more data once all are
 * read.
 */
public final class NexmarkSource implements Source {
  /**
   * Events per partition each {@link #latestOffsets()} call adds when unthrottled and unlimited.
   */
  public static final long UNTHROTTLED_STEP = 100_000;

  private final NexmarkOptions options;
  private final DeclaredColumns columns;
  private final EventPartitioning partitioning;
  private final Clock clock;

  /** When the source first started; restored from the checkpoint so a restart continues it. */
  private long startMillis;

  private long[] lastOffsets;
  private long[] committedOffsets;

  NexmarkSource(NexmarkOptions options, DeclaredColumns columns, Clock clock) {
    this.options = requireNonNull(options, "options is null");
    this.columns = requireNonNull(columns, "columns is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.partitioning = new EventPartitioning(options.partitions());
    this.startMillis = clock.millis();
    this.lastOffsets = new long[options.partitions()];
    this.committedOffsets = new long[options.partitions()];
  }

  /** The kind of event this source emits. */
  public NexmarkTable table() {
    return options.table();
  }

  @Override
  public Schema schema() {
    return columns.schema();
  }

  @Override
  public int partitionCount() {
    return options.partitions();
  }

  @Override
  public synchronized long[] latestOffsets() {
    long[] offsets = new long[partitionCount()];
    long available = availableEvents();
    for (int p = 0; p < offsets.length; p++) {
      long step =
          available < 0
              ? Math.max(lastOffsets[p], committedOffsets[p]) + UNTHROTTLED_STEP
              : partitioning.offsetBelow(p, available);
      offsets[p] = Math.max(lastOffsets[p], step);
    }
    lastOffsets = offsets;
    return offsets.clone();
  }

  /** The global events available now, or -1 when the source grows by steps. */
  private long availableEvents() {
    long limit = options.limited() ? options.maxEvents() : Long.MAX_VALUE;
    if (options.eventsPerSecond() > 0) {
      long elapsed = Math.max(0, clock.millis() - startMillis);
      long events;
      try {
        events = Math.multiplyExact(elapsed, options.eventsPerSecond()) / 1000;
      } catch (ArithmeticException e) {
        events = Long.MAX_VALUE;
      }
      return Math.min(limit, events);
    }
    return options.limited() ? limit : -1;
  }

  /** The start time: the timeline (and, for rate, the rows' timestamps) continue from it. */
  @Override
  public Optional<String> checkpointState() {
    return Optional.of(Long.toString(startMillis));
  }

  @Override
  public synchronized void restore(String state) {
    startMillis = Long.parseLong(state.trim());
  }

  @Override
  public PartitionReader createReader(
      int partition, long start, long end, int maxRowsPerBatch, BufferAllocator allocator) {
    if (partition < 0 || partition >= partitionCount()) {
      throw new IllegalArgumentException(
          "partition " + partition + " of " + description() + " does not exist");
    }
    return new NexmarkPartitionReader(
        options.table(),
        columns,
        newGenerator(),
        partitioning,
        partition,
        start,
        end,
        maxRowsPerBatch,
        allocator);
  }

  private TableColumns newGenerator() {
    return switch (options.table()) {
      case PERSON -> new PersonColumns(options);
      case AUCTION -> new AuctionColumns(options);
      case BID -> new BidColumns(options);
    };
  }

  @Override
  public synchronized void commit(long[] offsets) {
    committedOffsets = offsets.clone();
  }

  @Override
  public String description() {
    return "NexmarkSource["
        + options.table().optionValue()
        + ", partitions="
        + partitionCount()
        + "]";
  }
}
