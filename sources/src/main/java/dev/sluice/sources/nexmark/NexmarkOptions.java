package dev.sluice.sources.nexmark;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.connector.ConnectorOptions;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.sources.SourceOptions;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * The parsed options of a {@code nexmark} source.
 *
 * @param table which kind of event the source emits ({@code table}, default {@code bid})
 * @param partitions the partition count ({@code partitions}, default 1)
 * @param eventsPerSecond global events made available per second of the query's clock ({@code
 *     eventsPerSecond}); 0 (the default) means as fast as the query reads
 * @param maxEvents the number of global events after which the source has no more ({@code
 *     maxEvents}); 0 (the default) means unlimited
 * @param firstEventRate events per second of <i>event time</i> ({@code firstEventRate}, default 10
 *     000): event {@code n} happens at {@code baseTime + n * 1000 / firstEventRate}
 * @param seed the seed every event is derived from ({@code seed}, default 0)
 * @param baseTime the event time of event 0, epoch milliseconds ({@code baseTime}: milliseconds or
 *     a timestamp such as {@code 2024-01-01T00:00:00}, read as UTC; default 2024-01-01T00:00:00)
 */
record NexmarkOptions(
    NexmarkTable table,
    int partitions,
    long eventsPerSecond,
    long maxEvents,
    long firstEventRate,
    long seed,
    long baseTime) {
  static final String TABLE = "table";
  static final String PARTITIONS = "partitions";
  static final String EVENTS_PER_SECOND = "eventsPerSecond";
  static final String MAX_EVENTS = "maxEvents";
  static final String FIRST_EVENT_RATE = "firstEventRate";
  static final String SEED = "seed";
  static final String BASE_TIME = "baseTime";
  static final Set<String> NAMES =
      Set.of(TABLE, PARTITIONS, EVENTS_PER_SECOND, MAX_EVENTS, FIRST_EVENT_RATE, SEED, BASE_TIME);

  /** 2024-01-01T00:00:00 UTC. */
  static final long DEFAULT_BASE_TIME = 1_704_067_200_000L;

  NexmarkOptions {
    requireNonNull(table, "table is null");
    if (partitions < 1 || eventsPerSecond < 0 || maxEvents < 0 || firstEventRate < 1) {
      throw new IllegalArgumentException("invalid nexmark options");
    }
  }

  /**
   * Reads and checks the user's options.
   *
   * @throws SluiceException INVALID_OPTION naming the first bad option
   */
  static NexmarkOptions from(ConnectorOptions options) {
    return new NexmarkOptions(
        NexmarkTable.fromOption(options.getString(TABLE, NexmarkTable.BID.optionValue())),
        SourceOptions.positiveInt(options, PARTITIONS, 1),
        nonNegative(options, EVENTS_PER_SECOND),
        nonNegative(options, MAX_EVENTS),
        options.getPositiveLong(FIRST_EVENT_RATE, 10_000),
        options.getLong(SEED, 0),
        options.get(BASE_TIME).map(NexmarkOptions::parseBaseTime).orElse(DEFAULT_BASE_TIME));
  }

  /** The event time of global event {@code eventNumber}, epoch milliseconds. */
  long eventTime(long eventNumber) {
    return baseTime + eventNumber * 1000 / firstEventRate;
  }

  /** True if the source stops after {@link #maxEvents} events. */
  boolean limited() {
    return maxEvents > 0;
  }

  private static long nonNegative(ConnectorOptions options, String key) {
    long value = options.getLong(key, 0);
    if (value < 0) {
      throw invalid(key, String.valueOf(value), "0 or a positive integer");
    }
    return value;
  }

  private static long parseBaseTime(String text) {
    String value = text.trim();
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException notMillis) {
      try {
        String iso = value.replace(' ', 'T');
        return iso.endsWith("Z")
            ? Instant.parse(iso).toEpochMilli()
            : LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
      } catch (DateTimeParseException e) {
        throw invalid(
            BASE_TIME,
            text,
            "epoch milliseconds or a timestamp such as '2024-01-01T00:00:00' (read as UTC)");
      }
    }
  }

  private static SluiceException invalid(String key, String value, String expected) {
    return new SluiceException(
        ErrorCode.INVALID_OPTION,
        "option '" + key + "' of connector 'nexmark' is '" + value + "' but must be " + expected);
  }
}
