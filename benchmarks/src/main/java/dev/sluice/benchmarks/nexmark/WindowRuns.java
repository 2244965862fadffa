package dev.sluice.benchmarks.nexmark;

import dev.sluice.api.Sluice;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.driver.StreamingQuery;
import dev.sluice.execution.driver.Trigger;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The event-time window queries of the harness (issue 4) on Sluice: windowed aggregations over
 * Nexmark bids whose {@code date_time} carries a watermark of {@value #WATERMARK_DELAY}, in append
 * mode (each window is emitted once, when the watermark passes its end, and evicted).
 *
 * <ul>
 *   <li>{@code q7agg}: the aggregation half of Nexmark q7, the highest price per 10 s TUMBLE window
 *       (q7 then joins it back to the bids; Sluice has no joins yet).
 *   <li>{@code tumble}: bids per auction per 10 s TUMBLE window.
 *   <li>{@code hop}: bids per auction per HOP window of 10 s sliding by 2 s, which is also the
 *       first half of Nexmark q5.
 *   <li>{@code q5max}: the highest of those counts per window, a chained aggregation over {@code
 *       hop}: Nexmark q5 without its last step (q5 returns the auctions whose count equals the max,
 *       which needs a join; Sluice has no joins yet). Its windows come out one batch after the
 *       inner ones close, so its one-batch run takes three batches.
 * </ul>
 *
 * <p>Without a suffix a query reads {@code maxEvents} events with {@code Trigger.availableNow()}:
 * one batch with all of them (no window closes: the query has no watermark before its first batch
 * ends), then the batch without new data that the moved watermark causes, which emits every window
 * that ends at or before it. The {@code _stream} variants read the unlimited, unthrottled source in
 * equal batches, as {@link AggregationRuns}' do, and emit the windows closed by each batch's
 * watermark as they go; they stop after the batch that reaches the event count.
 */
final class WindowRuns {
  static final List<String> QUERIES =
      List.of(
          "q7agg",
          "tumble",
          "hop",
          "q5max",
          "q7agg_stream",
          "tumble_stream",
          "hop_stream",
          "q5max_stream");

  static final String WATERMARK_DELAY = "1 second";
  static final long WATERMARK_DELAY_MILLIS = 1_000;

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** A query's window and aggregate. */
  enum Shape {
    /** {@code MAX(price)} per 10 s tumbling window. */
    MAX_PRICE_PER_TUMBLE(10_000, 10_000, false, false),
    /** {@code COUNT(*)} per auction per 10 s tumbling window. */
    COUNT_PER_AUCTION_TUMBLE(10_000, 10_000, true, false),
    /** {@code COUNT(*)} per auction per 10 s window sliding by 2 s. */
    COUNT_PER_AUCTION_HOP(10_000, 2_000, true, false),
    /** The highest {@code COUNT(*)} per auction per 10 s window sliding by 2 s. */
    MAX_COUNT_PER_HOP(10_000, 2_000, true, true);

    final long sizeMillis;
    final long slideMillis;

    /** Grouped by auction and counting bids; else the highest price per window. */
    final boolean perAuction;

    /** A second aggregation takes the highest of the per-auction counts per window. */
    final boolean maxOfCounts;

    Shape(long sizeMillis, long slideMillis, boolean perAuction, boolean maxOfCounts) {
      this.sizeMillis = sizeMillis;
      this.slideMillis = slideMillis;
      this.perAuction = perAuction;
      this.maxOfCounts = maxOfCounts;
    }

    /** The aggregations a row passes through, each emitting one batch after the one below. */
    int depth() {
      return maxOfCounts ? 2 : 1;
    }

    String sql() {
      String window =
          sizeMillis == slideMillis
              ? "TUMBLE(TABLE bid, DESCRIPTOR(date_time), INTERVAL '"
                  + sizeMillis / 1000
                  + "' SECOND)"
              : "HOP(TABLE bid, DESCRIPTOR(date_time), INTERVAL '"
                  + slideMillis / 1000
                  + "' SECOND, INTERVAL '"
                  + sizeMillis / 1000
                  + "' SECOND)";
      String aggregation =
          perAuction
              ? "SELECT window_start, window_end, auction, COUNT(*) AS bids FROM TABLE("
                  + window
                  + ") GROUP BY window_start, window_end, auction"
              : "SELECT window_start, window_end, MAX(price) AS price FROM TABLE("
                  + window
                  + ") GROUP BY window_start, window_end";
      return maxOfCounts
          ? "SELECT window_start, window_end, MAX(bids) AS top FROM ("
              + aggregation
              + ") GROUP BY window_start, window_end"
          : aggregation;
    }
  }

  private final AggregationRuns batchPlan;
  private final int partitions;
  private final int chunk;

  /**
   * @param batchPlan splits a {@code _stream} query's events into batches (the same equal steps of
   *     the unlimited source as the aggregations')
   */
  WindowRuns(AggregationRuns batchPlan, int partitions, int chunk) {
    this.batchPlan = batchPlan;
    this.partitions = partitions;
    this.chunk = chunk;
  }

  static boolean isWindow(String query) {
    return QUERIES.contains(query);
  }

  static Shape shape(String query) {
    return switch (query.replace("_stream", "")) {
      case "q7agg" -> Shape.MAX_PRICE_PER_TUMBLE;
      case "tumble" -> Shape.COUNT_PER_AUCTION_TUMBLE;
      case "hop" -> Shape.COUNT_PER_AUCTION_HOP;
      case "q5max" -> Shape.MAX_COUNT_PER_HOP;
      default -> throw new IllegalArgumentException("not a window query: " + query);
    };
  }

  /**
   * The batches a run takes: a stream's equal batches, or one batch and then one closing batch per
   * aggregation depth.
   */
  long batches(String query, long events) {
    return AggregationRuns.streaming(query)
        ? batchPlan.batches(query, events)
        : 1 + shape(query).depth();
  }

  /**
   * Each batch's end offset per partition, for the hand-written loop: a stream's steps, or {@code
   * latest} in every batch (the batches after the first read nothing and only close windows).
   */
  long[][] batchEnds(String query, long events, long[] latest) {
    if (AggregationRuns.streaming(query)) {
      return batchPlan.streamBatchEnds(batchPlan.batches(query, events));
    }
    long[][] ends = new long[(int) batches(query, events)][];
    java.util.Arrays.fill(ends, latest);
    return ends;
  }

  /** One Sluice run; {@code checksum} holds the per-column sums of every row written. */
  record SluiceRun(
      long wallNanos,
      long cpuNanos,
      long setupNanos,
      long sourceEvents,
      long outputRows,
      long sinkRows,
      long batches,
      long[] checksum) {}

  /** Runs {@code query} over {@code events} events in a new session, with a new checkpoint. */
  SluiceRun run(String query, String name, long events) throws IOException {
    boolean stream = AggregationRuns.streaming(query);
    long batches = batches(query, events);
    Path checkpoint = Files.createTempDirectory("sluice-window-");
    BlackholeSinkProvider.reset(name);
    long cpuStart = OS.getProcessCpuTime();
    long wallStart = System.nanoTime();
    long setup;
    AggregationRuns.Listener listener;
    try (Sluice sluice = Sluice.builder().parallelism(partitions).maxRowsPerBatch(chunk).build()) {
      listener =
          new AggregationRuns.Listener(sluice, name, stream ? batches - 1 : -1, stream, false);
      sluice.streams().addListener(listener);
      var reader =
          sluice
              .readStream()
              .format("nexmark")
              .option("table", "bid")
              .option("partitions", partitions);
      if (!stream) {
        reader = reader.option("maxEvents", events);
      }
      reader.load().withWatermark("date_time", WATERMARK_DELAY).createOrReplaceTempView("bid");
      StreamingQuery running =
          sluice
              .sql(shape(query).sql())
              .writeStream()
              .format("blackhole")
              .option("checksum", "true")
              .queryName(name)
              .outputMode(OutputMode.APPEND)
              .option("checkpointLocation", checkpoint.toString())
              .trigger(stream ? Trigger.defaultTrigger() : Trigger.availableNow())
              .start();
      setup = System.nanoTime() - wallStart;
      running.awaitTermination();
    }
    long wall = System.nanoTime() - wallStart;
    long cpu = OS.getProcessCpuTime() - cpuStart;
    AggregationRuns.deleteRecursively(checkpoint);
    long[] sums = BlackholeSinkProvider.committedSums(name);
    return new SluiceRun(
        wall,
        cpu,
        setup,
        listener.sourceEvents,
        BlackholeSinkProvider.committedRows(name),
        listener.sinkRows,
        listener.batches,
        sums == null ? new long[0] : sums);
  }
}
