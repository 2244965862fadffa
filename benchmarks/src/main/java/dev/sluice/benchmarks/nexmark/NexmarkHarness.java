package dev.sluice.benchmarks.nexmark;

import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.lit;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Sluice;
import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.connector.ConnectorOptions;
import dev.sluice.execution.connector.Connectors;
import dev.sluice.execution.connector.PartitionReader;
import dev.sluice.execution.connector.Source;
import dev.sluice.execution.connector.SourceContext;
import dev.sluice.execution.driver.Clock;
import dev.sluice.execution.driver.QueryProgress;
import dev.sluice.execution.driver.StreamingQuery;
import dev.sluice.execution.driver.Trigger;
import dev.sluice.execution.type.Field;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Nexmark q0, q1, q2 (and q1 through the DataFrame API) on Sluice, each next to a hand-written loop
 * over the same generator, which is the limit an engine can reach on this machine.
 *
 * <p>Every Sluice run is a new session reading {@code --events} global events (46 in 50 are bids)
 * from the {@code nexmark} source with {@code --partitions} partitions, {@code
 * Trigger.availableNow()}, into the {@code blackhole} sink; the run fails unless the sink received
 * exactly the expected rows. Every hand-written run creates the same source through its provider,
 * reads each partition's whole range on its own thread in chunks of {@code --chunk} rows, and runs
 * the query's loop ({@link HandWrittenQueries}) over each chunk.
 *
 * <p>The aggregations ({@code agg10k}, {@code agg1m} and their {@code _stream} variants, see {@link
 * AggregationRuns}) run in update mode against {@link HandWrittenAggregation}; a Sluice run fails
 * unless its output's per-column sums equal the hand-written loop's (so the same rows, not just as
 * many), and after the table a state report measures each one's state in memory and on disk, its
 * load time, and a restart. The window aggregations ({@link WindowRuns}) run in append mode over a
 * watermarked {@code date_time} against {@link HandWrittenWindowAggregation}, checked the same way
 * (window_start and window_end are summed as epoch milliseconds).
 *
 * <p>Each run records wall time and process CPU time ({@code
 * com.sun.management.OperatingSystemMXBean#getProcessCpuTime}, so GC and JIT threads count). After
 * {@code --warmup} discarded runs, {@code --runs} measured runs per variant; the table gives the
 * best and median events/s, median events per CPU-second, and sluice/hand-written ratios.
 *
 * <p>Run through {@code benchmarks/run-nexmark.sh}, which sets the JVM flags.
 *
 * <pre>
 * --events N       global events per run (default 10000000)
 * --partitions P   source partitions = Sluice parallelism = hand-written threads (default 2)
 * --runs R         measured runs per variant (default 3)
 * --warmup W       discarded runs per variant before them (default 1)
 * --queries LIST   comma-separated, of q0, q1, q2, q1df (default all four), and the
 *                  diagnostics q0narrow, q1narrow (q0 and q1 without the VARCHAR column extra),
 *                  and the aggregations agg10k, agg1m, agg10k_stream, agg1m_stream ("agg" is
 *                  all four; see {@link AggregationRuns} and {@link HandWrittenAggregation}),
 *                  and the window aggregations q7agg, tumble, hop, q5max, q7agg_stream,
 *                  tumble_stream, hop_stream, q5max_stream ("windows" is all eight; see {@link
 *                  WindowRuns} and {@link HandWrittenWindowAggregation})
 * --agg10k-events N  global events of agg10k and agg10k_stream (default 2000000)
 * --agg1m-events N   global events of agg1m and agg1m_stream (default 20000000: about 1.2 M
 *                  auctions, so MOD(auction, 1000000) takes ~all 1 M values)
 * --window-events N  global events of each window query (default 2000000: 200 s of event
 *                  time, 20 ten-second windows; the _stream queries need a multiple of
 *                  100000 x partitions)
 * --state-report B after the table, measure each aggregation's state (heap, disk, restart,
 *                  load); true or false (default true)
 * --restarts N     restarts (and state loads) per aggregation in the state report (default 3)
 * --prewarm N      rounds over every selected query and variant before any measurement, so the
 *                  first query measured does not pay for JIT compilation of shared code (default 1)
 * --chunk ROWS     rows per batch (default 4096)
 * --variants LIST  sluice,hand (default both)
 * </pre>
 */
public final class NexmarkHarness {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private static final String Q0 = "SELECT auction, bidder, price, date_time, extra FROM bid";
  private static final String Q1 =
      "SELECT auction, bidder, price * 0.908 AS price, date_time, extra FROM bid";
  private static final String Q2 = "SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0";
  private static final String Q0_NARROW = "SELECT auction, bidder, price, date_time FROM bid";
  private static final String Q1_NARROW =
      "SELECT auction, bidder, price * 0.908 AS price, date_time FROM bid";
  private static final List<String> QUERIES =
      Stream.concat(
              Stream.of("q0", "q1", "q2", "q1df", "q0narrow", "q1narrow"),
              Stream.concat(AggregationRuns.QUERIES.stream(), WindowRuns.QUERIES.stream()))
          .toList();

  private final Options options;
  private int runCounter;
  private int q1Precision;
  private final Set<String> schemaChecked = new HashSet<>();
  private final AggregationRuns aggregations;
  private final WindowRuns windows;

  /** The hand-written aggregation's output checksum per query, which Sluice's must equal. */
  private final Map<String, long[]> handChecksums = new java.util.HashMap<>();

  /** The hand-written aggregation's state: distinct keys and map bytes, per query. */
  private final Map<String, HandWrittenAggregation.Result> handResults = new java.util.HashMap<>();

  /** Median triggerExecution ms of the measured Sluice runs' batches, per aggregation. */
  private final Map<String, Double> medianBatchMillis = new java.util.HashMap<>();

  private NexmarkHarness(Options options) {
    this.options = options;
    this.aggregations = new AggregationRuns(options.partitions(), options.chunk());
    this.windows = new WindowRuns(aggregations, options.partitions(), options.chunk());
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    new NexmarkHarness(options).run();
    System.exit(0);
  }

  /** The command line. */
  record Options(
      long events,
      int partitions,
      int runs,
      int warmup,
      int prewarm,
      int chunk,
      List<String> queries,
      List<String> variants,
      long agg10kEvents,
      long agg1mEvents,
      long windowEvents,
      boolean stateReport,
      int restarts) {
    static Options parse(String[] args) {
      long events = 10_000_000;
      int partitions = 2;
      int runs = 3;
      int warmup = 1;
      int prewarm = 1;
      int chunk = 4096;
      List<String> queries = List.of("q0", "q1", "q2", "q1df");
      List<String> variants = List.of("hand", "sluice");
      long agg10kEvents = 2_000_000;
      long agg1mEvents = 20_000_000;
      long windowEvents = 2_000_000;
      boolean stateReport = true;
      int restarts = 3;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("-h") || arg.equals("--help")) {
          System.out.println(
              "usage: NexmarkHarness [--events N] [--partitions P] [--runs R] [--warmup W]"
                  + " [--prewarm N] [--queries q0,q1,q2,q1df,q0narrow,q1narrow,agg10k,agg1m,"
                  + "agg10k_stream,agg1m_stream,agg,q7agg,tumble,hop,q5max,q7agg_stream,"
                  + "tumble_stream,hop_stream,q5max_stream,windows] [--chunk ROWS] [--variants sluice,hand]"
                  + " [--agg10k-events N] [--agg1m-events N] [--window-events N]"
                  + " [--state-report true|false] [--restarts N]");
          System.exit(0);
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("option " + arg + " needs a value");
        }
        String value = args[++i];
        switch (arg) {
          case "--events" -> events = Long.parseLong(value.replace("_", ""));
          case "--partitions" -> partitions = Integer.parseInt(value);
          case "--runs" -> runs = Integer.parseInt(value);
          case "--warmup" -> warmup = Integer.parseInt(value);
          case "--prewarm" -> prewarm = Integer.parseInt(value);
          case "--chunk" -> chunk = Integer.parseInt(value);
          case "--queries" ->
              queries =
                  splitList(value).stream()
                      .flatMap(
                          q ->
                              switch (q) {
                                case "agg" -> AggregationRuns.QUERIES.stream();
                                case "windows" -> WindowRuns.QUERIES.stream();
                                default -> Stream.of(q);
                              })
                      .toList();
          case "--agg10k-events" -> agg10kEvents = Long.parseLong(value.replace("_", ""));
          case "--agg1m-events" -> agg1mEvents = Long.parseLong(value.replace("_", ""));
          case "--window-events" -> windowEvents = Long.parseLong(value.replace("_", ""));
          case "--state-report" -> stateReport = Boolean.parseBoolean(value);
          case "--restarts" -> restarts = Integer.parseInt(value);
          case "--variants" -> variants = splitList(value);
          default -> throw new IllegalArgumentException("unknown option " + arg);
        }
      }
      for (String query : queries) {
        if (!QUERIES.contains(query)) {
          throw new IllegalArgumentException("unknown query " + query + "; use one of " + QUERIES);
        }
      }
      for (String variant : variants) {
        if (!List.of("sluice", "hand").contains(variant)) {
          throw new IllegalArgumentException("unknown variant " + variant + "; use sluice, hand");
        }
      }
      if (events < 1
          || partitions < 1
          || runs < 1
          || warmup < 0
          || prewarm < 0
          || chunk < 1
          || agg10kEvents < 1
          || agg1mEvents < 1
          || windowEvents < 1
          || restarts < 0) {
        throw new IllegalArgumentException("counts must be positive");
      }
      return new Options(
          events,
          partitions,
          runs,
          warmup,
          prewarm,
          chunk,
          queries,
          variants,
          agg10kEvents,
          agg1mEvents,
          windowEvents,
          stateReport,
          restarts);
    }

    /** The global events of a run of {@code query}. */
    long eventsOf(String query) {
      if (AggregationRuns.isAggregation(query)) {
        return AggregationRuns.modulus(query) == 10_000 ? agg10kEvents : agg1mEvents;
      }
      return WindowRuns.isWindow(query) ? windowEvents : events;
    }

    private static List<String> splitList(String value) {
      return Arrays.stream(value.split(","))
          .map(s -> s.trim().toLowerCase(Locale.ROOT))
          .filter(s -> !s.isEmpty())
          .toList();
    }
  }

  /** One run: wall and CPU nanoseconds, output rows, and (Sluice) the time until start(). */
  record Run(long wallNanos, long cpuNanos, long outputRows, long setupNanos) {}

  /** One table row. */
  record Result(String query, String variant, long events, List<Run> runs) {
    double bestEventsPerSecond(long events) {
      return runs.stream().mapToDouble(r -> events / (r.wallNanos / 1e9)).max().orElse(0);
    }

    double medianEventsPerSecond(long events) {
      return median(runs.stream().mapToDouble(r -> events / (r.wallNanos / 1e9)).toArray());
    }

    double medianEventsPerCpuSecond(long events) {
      return median(runs.stream().mapToDouble(r -> events / (r.cpuNanos / 1e9)).toArray());
    }

    double medianCores() {
      return median(runs.stream().mapToDouble(r -> (double) r.cpuNanos / r.wallNanos).toArray());
    }

    double medianSetupMillis() {
      return median(runs.stream().mapToDouble(r -> r.setupNanos / 1e6).toArray());
    }
  }

  private void run() throws Exception {
    long expectedBids = bidsAmong(options.events());
    System.err.printf(
        Locale.ROOT,
        "nexmark: %,d events (%,d bids), %d partitions, chunk %d, %d warm-up + %d runs%n",
        options.events(),
        expectedBids,
        options.partitions(),
        options.chunk(),
        options.warmup(),
        options.runs());
    q1Precision = q1Precision();
    for (int round = 1; round <= options.prewarm(); round++) {
      for (String query : options.queries()) {
        for (String variant : options.variants()) {
          System.gc();
          Run run = variant.equals("hand") ? runHand(query) : runSluice(query);
          System.err.printf(
              Locale.ROOT,
              "  %-8s %-7s pre-warm %d: %8.1f ms wall, %,d rows%n",
              query,
              variant,
              round,
              run.wallNanos() / 1e6,
              run.outputRows());
        }
      }
    }
    List<Result> results = new ArrayList<>();
    for (String query : options.queries()) {
      // The hand-written loop runs first: its row count is what the Sluice query must produce.
      long expected = -1;
      long queryEvents = options.eventsOf(query);
      if (options.variants().contains("hand")) {
        List<Run> runs = measure(query, "hand", () -> runHand(query));
        expected = runs.get(0).outputRows();
        results.add(new Result(query, "hand-written", queryEvents, runs));
      }
      if (options.variants().contains("sluice")) {
        long must = expected;
        List<Run> runs =
            measure(
                query,
                "sluice",
                () -> {
                  Run run = runSluice(query);
                  if (must >= 0 && run.outputRows() != must) {
                    throw new IllegalStateException(
                        query
                            + " on Sluice produced "
                            + run.outputRows()
                            + " rows but the hand-written loop produced "
                            + must);
                  }
                  return run;
                });
        results.add(new Result(query, "sluice", queryEvents, runs));
      }
    }
    printTable(results);
    if (options.stateReport() && options.variants().contains("sluice")) {
      List<String> aggregationQueries =
          options.queries().stream().filter(AggregationRuns::isAggregation).toList();
      if (!aggregationQueries.isEmpty()) {
        reportState(aggregationQueries);
      }
    }
  }

  interface RunBody {
    Run run() throws Exception;
  }

  private List<Run> measure(String query, String variant, RunBody body) throws Exception {
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < options.warmup() + options.runs(); i++) {
      System.gc();
      Run run = body.run();
      boolean warm = i < options.warmup();
      System.err.printf(
          Locale.ROOT,
          "  %-8s %-7s %s %d: %8.1f ms wall, %8.1f ms cpu (%.2f cores), %,d rows, %.2f M events/s%s%n",
          query,
          variant,
          warm ? "warm-up" : "run",
          warm ? i + 1 : i - options.warmup() + 1,
          run.wallNanos() / 1e6,
          run.cpuNanos() / 1e6,
          (double) run.cpuNanos() / run.wallNanos(),
          run.outputRows(),
          options.eventsOf(query) / (run.wallNanos() / 1e9) / 1e6,
          run.setupNanos() > 0
              ? String.format(Locale.ROOT, ", setup %.1f ms", run.setupNanos() / 1e6)
              : "");
      if (!warm) {
        runs.add(run);
      }
    }
    return runs;
  }

  // ---------------------------------------------------------------- Sluice

  private Run runSluice(String query) throws Exception {
    if (AggregationRuns.isAggregation(query)) {
      return runSluiceAggregation(query);
    }
    if (WindowRuns.isWindow(query)) {
      return runSluiceWindow(query);
    }
    String name = "nexmark_" + query + "_" + (++runCounter);
    Path checkpoint = Files.createTempDirectory("sluice-nexmark-");
    BlackholeSinkProvider.reset(name);
    long cpuStart = OS.getProcessCpuTime();
    long wallStart = System.nanoTime();
    long setup;
    List<QueryProgress> progress;
    try (Sluice sluice =
        Sluice.builder()
            .parallelism(options.partitions())
            .maxRowsPerBatch(options.chunk())
            .build()) {
      DataFrame bids =
          sluice
              .readStream()
              .format("nexmark")
              .option("table", "bid")
              .option("maxEvents", options.events())
              .option("partitions", options.partitions())
              .load();
      bids.createOrReplaceTempView("bid");
      DataFrame result =
          switch (query) {
            case "q0" -> sluice.sql(Q0);
            case "q1" -> sluice.sql(Q1);
            case "q2" -> sluice.sql(Q2);
            case "q0narrow" -> sluice.sql(Q0_NARROW);
            case "q1narrow" -> sluice.sql(Q1_NARROW);
            case "q1df" ->
                bids.withColumn("price", col("price").multiply(lit(new BigDecimal("0.908"))))
                    .select("auction", "bidder", "price", "date_time", "extra");
            default -> throw new IllegalArgumentException(query);
          };
      if (!schemaChecked.contains(query)) {
        checkSchema(query, result);
      }
      StreamingQuery running =
          result
              .writeStream()
              .format("blackhole")
              .queryName(name)
              .option("checkpointLocation", checkpoint.toString())
              .trigger(Trigger.availableNow())
              .start();
      setup = System.nanoTime() - wallStart;
      running.awaitTermination();
      progress = running.recentProgress();
    }
    long wall = System.nanoTime() - wallStart;
    long cpu = OS.getProcessCpuTime() - cpuStart;
    deleteRecursively(checkpoint);

    long rows = BlackholeSinkProvider.committedRows(name);
    long inputRows = progress.stream().mapToLong(QueryProgress::numInputRows).sum();
    long sinkRows = progress.stream().mapToLong(p -> p.sink().numOutputRows()).sum();
    long bids = bidsAmong(options.events());
    if (inputRows != bids) {
      throw new IllegalStateException(
          query + " on Sluice read " + inputRows + " bids but the source holds " + bids);
    }
    if (sinkRows != rows) {
      throw new IllegalStateException(
          query + ": progress reports " + sinkRows + " output rows, the sink saw " + rows);
    }
    if (!query.equals("q2") && rows != bids) {
      throw new IllegalStateException(query + " produced " + rows + " rows, expected " + bids);
    }
    return new Run(wall, cpu, rows, setup);
  }

  private void checkSchema(String query, DataFrame result) {
    schemaChecked.add(query);
    System.err.println("  " + query + " output schema: " + result.schema());
    if (query.startsWith("q1")) {
      Field price = result.schema().field(2);
      if (price.type().precision() != q1Precision
          || price.type().scale() != HandWrittenQueries.Q1.SCALE) {
        throw new IllegalStateException(
            query
                + " on Sluice types price * 0.908 as "
                + price.type()
                + " but the hand-written q1 wrote DECIMAL("
                + q1Precision
                + ", "
                + HandWrittenQueries.Q1.SCALE
                + ")");
      }
    }
  }

  /** The precision of the engine's type of {@code price * 0.908}, learned by planning q1. */
  private int q1Precision() {
    try (Sluice sluice = Sluice.builder().parallelism(1).build()) {
      sluice
          .readStream()
          .format("nexmark")
          .option("table", "bid")
          .option("maxEvents", 1)
          .load()
          .createOrReplaceTempView("bid");
      Field price = sluice.sql(Q1).schema().field(2);
      if (price.type().scale() != HandWrittenQueries.Q1.SCALE) {
        throw new IllegalStateException("Sluice types price * 0.908 as " + price.type());
      }
      System.err.println("  Sluice types price * 0.908 as " + price.type());
      return price.type().precision();
    }
  }

  // ---------------------------------------------------------------- hand-written

  private Run runHand(String query) throws Exception {
    if (AggregationRuns.isAggregation(query)) {
      return runHandAggregation(query);
    }
    if (WindowRuns.isWindow(query)) {
      return runHandWindow(query);
    }
    long cpuStart = OS.getProcessCpuTime();
    long wallStart = System.nanoTime();
    Connectors connectors = Connectors.load(NexmarkHarness.class.getClassLoader());
    Map<String, String> sourceOptions =
        Map.of(
            "table", "bid",
            "maxEvents", Long.toString(options.events()),
            "partitions", Integer.toString(options.partitions()));
    AtomicLong rows = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (Source source =
            connectors
                .source("nexmark")
                .create(
                    new SourceContext(
                        new ConnectorOptions("nexmark", sourceOptions),
                        Optional.empty(),
                        Clock.system()));
        BufferAllocator root = new RootAllocator()) {
      long[] end = source.latestOffsets();
      List<Thread> threads = new ArrayList<>();
      for (int p = 0; p < end.length; p++) {
        int partition = p;
        Thread thread =
            new Thread(
                () -> {
                  try {
                    rows.addAndGet(runPartition(query, source, partition, end[partition], root));
                  } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                  }
                },
                "hand-" + query + "-p" + p);
        threads.add(thread);
        thread.start();
      }
      for (Thread thread : threads) {
        thread.join();
      }
    }
    long wall = System.nanoTime() - wallStart;
    long cpu = OS.getProcessCpuTime() - cpuStart;
    if (failure.get() != null) {
      throw new IllegalStateException(query + " hand-written failed", failure.get());
    }
    long bids = bidsAmong(options.events());
    if (!query.equals("q2") && rows.get() != bids) {
      throw new IllegalStateException(query + " produced " + rows + " rows, expected " + bids);
    }
    return new Run(wall, cpu, rows.get(), 0);
  }

  private long runPartition(
      String query, Source source, int partition, long end, BufferAllocator root) {
    HandWrittenQueries.Kernel kernel = HandWrittenQueries.kernel(query, q1Precision);
    long rows = 0;
    try (BufferAllocator readerAllocator =
            root.newChildAllocator("reader-" + partition, 0, Long.MAX_VALUE);
        BufferAllocator outputAllocator =
            root.newChildAllocator("output-" + partition, 0, Long.MAX_VALUE);
        PartitionReader reader =
            source.createReader(partition, 0, end, options.chunk(), readerAllocator)) {
      for (Batch next = reader.next(); next != null; next = reader.next()) {
        try (Batch batch = next) {
          rows += kernel.process(batch, outputAllocator);
        }
      }
    }
    return rows;
  }

  // ---------------------------------------------------------------- aggregations

  private Run runSluiceAggregation(String query) throws Exception {
    String name = "nexmark_" + query + "_" + (++runCounter);
    long events = options.eventsOf(query);
    if (!schemaChecked.contains(query)) {
      schemaChecked.add(query);
      try (Sluice sluice = Sluice.builder().parallelism(1).build()) {
        sluice
            .readStream()
            .format("nexmark")
            .option("table", "bid")
            .option("maxEvents", 1)
            .load()
            .createOrReplaceTempView("bid");
        System.err.println(
            "  "
                + query
                + ": "
                + AggregationRuns.sql(AggregationRuns.modulus(query))
                + "\n    output schema: "
                + sluice.sql(AggregationRuns.sql(AggregationRuns.modulus(query))).schema());
      }
    }
    AggregationRuns.SluiceRun run =
        aggregations.run(query, name, events, AggregationRuns.Start.FRESH, null, false, false);
    checkAggregation(query, run, events);
    medianBatchMillis.put(
        query, median(run.batchMillis().stream().mapToDouble(Long::doubleValue).toArray()));
    return new Run(run.wallNanos(), run.cpuNanos(), run.outputRows(), run.setupNanos());
  }

  /**
   * Fails unless a Sluice aggregation run read every bid, in the right batches, and wrote the right
   * rows.
   */
  private void checkAggregation(String query, AggregationRuns.SluiceRun run, long events) {
    long bids = bidsAmong(events);
    long batches = aggregations.batches(query, events);
    // Progress's numInputRows of an aggregation counts the rows after the exchange, so the
    // source's share is checked by its offsets, and the bids by the sum of the bids column.
    if (run.sourceEvents() != events) {
      throw new IllegalStateException(
          query + " on Sluice read " + run.sourceEvents() + " events, expected " + events);
    }
    if (run.batches() != batches) {
      throw new IllegalStateException(
          query + " on Sluice ran " + run.batches() + " batches, expected " + batches);
    }
    if (run.sinkRows() != run.outputRows()) {
      throw new IllegalStateException(
          query
              + ": progress reports "
              + run.sinkRows()
              + " output rows, the sink saw "
              + run.outputRows());
    }
    if (!AggregationRuns.streaming(query) && run.checksum()[1] != bids) {
      throw new IllegalStateException(
          query + ": the bids column sums to " + run.checksum()[1] + ", expected " + bids);
    }
    checkAgainstHand(query, run.checksum());
  }

  private Run runHandAggregation(String query) throws Exception {
    long events = options.eventsOf(query);
    long cpuStart = OS.getProcessCpuTime();
    long wallStart = System.nanoTime();
    HandWrittenAggregation.Result result;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(options.partitions());
    try (Source source = bidSource(events);
        BufferAllocator root = new RootAllocator()) {
      long[][] batchEnds =
          AggregationRuns.streaming(query)
              ? aggregations.streamBatchEnds(aggregations.batches(query, events))
              : new long[][] {source.latestOffsets()};
      result =
          HandWrittenAggregation.run(
              source, batchEnds, AggregationRuns.modulus(query), options.chunk(), root, pool);
    } finally {
      pool.shutdownNow();
    }
    long wall = System.nanoTime() - wallStart;
    long cpu = OS.getProcessCpuTime() - cpuStart;
    long bids = bidsAmong(events);
    if (!AggregationRuns.streaming(query) && result.checksum()[1] != bids) {
      throw new IllegalStateException(
          query + " hand-written counted " + result.checksum()[1] + " bids, expected " + bids);
    }
    handChecksums.put(query, result.checksum());
    handResults.put(query, result);
    return new Run(wall, cpu, result.outputRows(), 0);
  }

  /** Fails if the hand-written run of {@code query} summed its output columns differently. */
  private void checkAgainstHand(String query, long[] checksum) {
    long[] expected = handChecksums.get(query);
    if (expected != null && !Arrays.equals(expected, checksum)) {
      throw new IllegalStateException(
          query
              + ": Sluice's output column sums "
              + Arrays.toString(checksum)
              + " differ from the hand-written "
              + Arrays.toString(expected));
    }
  }

  /** The unthrottled Nexmark source the hand-written runs read, like the engine's runs. */
  private Source bidSource(long events) {
    return Connectors.load(NexmarkHarness.class.getClassLoader())
        .source("nexmark")
        .create(
            new SourceContext(
                new ConnectorOptions(
                    "nexmark", AggregationRuns.sourceOptions(events, options.partitions(), true)),
                Optional.empty(),
                Clock.system()));
  }

  // ---------------------------------------------------------------- windows

  private Run runSluiceWindow(String query) throws Exception {
    String name = "nexmark_" + query + "_" + (++runCounter);
    long events = options.eventsOf(query);
    if (!schemaChecked.contains(query)) {
      schemaChecked.add(query);
      try (Sluice sluice = Sluice.builder().parallelism(1).build()) {
        sluice
            .readStream()
            .format("nexmark")
            .option("table", "bid")
            .option("maxEvents", 1)
            .load()
            .withWatermark("date_time", WindowRuns.WATERMARK_DELAY)
            .createOrReplaceTempView("bid");
        String sql = WindowRuns.shape(query).sql();
        System.err.println(
            "  " + query + ": " + sql + "\n    output schema: " + sluice.sql(sql).schema());
      }
    }
    WindowRuns.SluiceRun run = windows.run(query, name, events);
    if (run.sourceEvents() != events) {
      throw new IllegalStateException(
          query + " on Sluice read " + run.sourceEvents() + " events, expected " + events);
    }
    long batches = windows.batches(query, events);
    if (run.batches() != batches) {
      throw new IllegalStateException(
          query + " on Sluice ran " + run.batches() + " batches, expected " + batches);
    }
    if (run.sinkRows() != run.outputRows()) {
      throw new IllegalStateException(
          query
              + ": progress reports "
              + run.sinkRows()
              + " output rows, the sink saw "
              + run.outputRows());
    }
    checkAgainstHand(query, run.checksum());
    return new Run(run.wallNanos(), run.cpuNanos(), run.outputRows(), run.setupNanos());
  }

  private Run runHandWindow(String query) throws Exception {
    long events = options.eventsOf(query);
    long cpuStart = OS.getProcessCpuTime();
    long wallStart = System.nanoTime();
    HandWrittenWindowAggregation.Result result;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(options.partitions());
    try (Source source = bidSource(events);
        BufferAllocator root = new RootAllocator()) {
      result =
          HandWrittenWindowAggregation.run(
              source,
              windows.batchEnds(query, events, source.latestOffsets()),
              WindowRuns.shape(query),
              WindowRuns.WATERMARK_DELAY_MILLIS,
              options.chunk(),
              root,
              pool);
    } finally {
      pool.shutdownNow();
    }
    long wall = System.nanoTime() - wallStart;
    long cpu = OS.getProcessCpuTime() - cpuStart;
    handChecksums.put(query, result.checksum());
    return new Run(wall, cpu, result.outputRows(), 0);
  }

  // ---------------------------------------------------------------- aggregation state

  /**
   * For each aggregation: one more (untimed) Sluice run that measures the heap with its state
   * loaded and keeps its checkpoint; the checkpoint's size; loading its state with the engine's
   * store provider; and restarting the query on it.
   */
  private void reportState(List<String> queries) throws Exception {
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            Locale.ROOT,
            "%nAggregation state (%d partitions, 128 key groups; raw = distinct keys x 24 bytes:"
                + " 8-byte key + 8-byte count + 8-byte sum)%n%n",
            options.partitions()));
    table.append(
        "| query | batches | distinct keys | raw bytes | hand-written maps | engine heap with state"
            + " (x raw) | peak heap during run (x raw) | store memoryBytes (x raw) | heap of loaded stores (x raw) | state on disk"
            + " (x raw, files) | checkpoint on disk | load all stores, ms | restart, ms (start()"
            + " to end / incl. session) | batches on restart | first batch after restart, ms |"
            + " steady batch ms |\n");
    table.append(
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (String query : queries) {
      long events = options.eventsOf(query);
      String name = "nexmark_" + query + "_state_" + (++runCounter);
      System.gc();
      AggregationRuns.SluiceRun probe =
          aggregations.run(query, name, events, AggregationRuns.Start.FRESH, null, true, true);
      checkAggregation(query, probe, events);
      Path checkpoint = probe.checkpoint();
      try {
        AggregationRuns.DiskUsage state = AggregationRuns.diskUsage(checkpoint.resolve("state"));
        AggregationRuns.DiskUsage all = AggregationRuns.diskUsage(checkpoint);
        List<AggregationRuns.StateLoad> loads = new ArrayList<>();
        for (int i = 0; i < Math.max(1, options.restarts()); i++) {
          loads.add(AggregationRuns.loadState(checkpoint.resolve("state")));
        }
        AggregationRuns.StateLoad load = loads.get(loads.size() - 1);
        double loadMillis = median(loads.stream().mapToDouble(l -> l.nanos() / 1e6).toArray());
        List<double[]> restarts = new ArrayList<>();
        long restartBatches = -1;
        for (int i = 0; i < options.restarts(); i++) {
          String restartName = name + "_restart" + i;
          System.gc();
          AggregationRuns.SluiceRun restart =
              aggregations.run(
                  query,
                  restartName,
                  events,
                  AggregationRuns.Start.RESTART_NO_DATA,
                  checkpoint,
                  true,
                  false);
          restarts.add(
              new double[] {
                (restart.wallNanos() - restart.setupNanos()) / 1e6, restart.wallNanos() / 1e6
              });
          restartBatches = Math.max(restartBatches, restart.batches());
          System.err.printf(
              Locale.ROOT,
              "  %-13s restart %d: %.1f ms from start() to termination, %.1f ms with session and"
                  + " planning, %d batches %s, %,d rows%n",
              query,
              i + 1,
              (restart.wallNanos() - restart.setupNanos()) / 1e6,
              restart.wallNanos() / 1e6,
              restart.batches(),
              restart.batchMillis(),
              restart.outputRows());
        }
        // A stream's checkpoint can take one more batch: its first batch loads the state.
        List<Long> firstBatchMillis = new ArrayList<>();
        for (int i = 0; AggregationRuns.streaming(query) && i < options.restarts(); i++) {
          String restartName = name + "_restart_batch" + i;
          System.gc();
          AggregationRuns.SluiceRun restart =
              aggregations.run(
                  query,
                  restartName,
                  events,
                  AggregationRuns.Start.RESTART_ONE_BATCH,
                  checkpoint,
                  true,
                  false);
          if (restart.batches() != 1) {
            throw new IllegalStateException(
                query + " restarted for one batch ran " + restart.batches());
          }
          firstBatchMillis.add(restart.batchMillis().get(0));
          System.err.printf(
              Locale.ROOT,
              "  %-13s restart with a batch %d: %.1f ms from start() to termination (with the"
                  + " restarted source's idle polls), first batch %d ms, %,d rows%n",
              query,
              i + 1,
              (restart.wallNanos() - restart.setupNanos()) / 1e6,
              restart.batchMillis().get(0),
              restart.outputRows());
        }
        long keys = load.keys();
        long raw = keys * 24;
        long engineHeap =
            probe.heapWithState() >= 0 && probe.heapAfterStop() >= 0
                ? probe.heapWithState() - probe.heapAfterStop()
                : -1;
        // The listener's forced GC is a GC of the run too (its notification may come late).
        long peakDuringRun =
            Math.max(probe.peakHeapAfterGc(), probe.heapWithState()) - probe.heapAfterStop();
        HandWrittenAggregation.Result hand = handResults.get(query);
        if (hand != null && hand.stateKeys() != keys) {
          throw new IllegalStateException(
              query
                  + ": the engine's state holds "
                  + keys
                  + " keys, the hand-written maps "
                  + hand.stateKeys());
        }
        System.err.printf(
            Locale.ROOT,
            "  %-13s state: %,d keys in %d stores at version %d; heap after GC %s with state, %s"
                + " after the query ended, peak after any GC during the run %s; %,d rows through the"
                + " exchange; loads %s ms; disk %s in %,d files%n",
            query,
            keys,
            load.stores(),
            load.version(),
            AggregationRuns.mib(probe.heapWithState()),
            AggregationRuns.mib(probe.heapAfterStop()),
            AggregationRuns.mib(probe.peakHeapAfterGc()),
            probe.inputRows(),
            loads.stream().map(l -> String.format(Locale.ROOT, "%.1f", l.nanos() / 1e6)).toList(),
            AggregationRuns.mib(state.bytes()),
            state.files());
        table.append(
            String.format(
                Locale.ROOT,
                "| %s | %d | %,d | %s | %s | %s (%.2f) | %s (%.1f) | %s (%.2f) | %s (%.2f) | %s (%.2f, %,d) |"
                    + " %s | %.0f | %.0f / %.0f | %d | %s | %s |%n",
                query,
                probe.batches(),
                keys,
                AggregationRuns.mib(raw),
                hand == null ? "-" : AggregationRuns.mib(hand.stateMapBytes()),
                AggregationRuns.mib(engineHeap),
                (double) engineHeap / raw,
                AggregationRuns.mib(peakDuringRun),
                (double) peakDuringRun / raw,
                AggregationRuns.mib(load.memoryBytes()),
                (double) load.memoryBytes() / raw,
                AggregationRuns.mib(load.heapDelta()),
                (double) load.heapDelta() / raw,
                AggregationRuns.mib(state.bytes()),
                (double) state.bytes() / raw,
                state.files(),
                AggregationRuns.mib(all.bytes()),
                loadMillis,
                restarts.isEmpty() ? 0 : median(restarts.stream().mapToDouble(r -> r[0]).toArray()),
                restarts.isEmpty() ? 0 : median(restarts.stream().mapToDouble(r -> r[1]).toArray()),
                restartBatches,
                firstBatchMillis.isEmpty()
                    ? "-"
                    : String.format(
                        Locale.ROOT,
                        "%.0f %s",
                        median(firstBatchMillis.stream().mapToDouble(Long::doubleValue).toArray()),
                        firstBatchMillis),
                medianBatchMillis.containsKey(query)
                    ? String.format(Locale.ROOT, "%.0f", medianBatchMillis.get(query))
                    : "-"));
      } finally {
        AggregationRuns.deleteRecursively(checkpoint);
      }
    }
    table.append(
        "\nengine heap with state = heap used after GC in the listener of the last batch (stores"
            + " open) minus after the query ended (stores closed), same session. peak heap during"
            + " run = the largest heap used after any GC while the query ran minus after it ended:"
            + " an upper bound of what a batch holds while it runs (exchange rows, changed-key map;"
            + " old-generation garbage not yet collected counts too); a short run may have no GC"
            + " but the forced one after its last batch. store memoryBytes"
            + " = the stores' own estimate (StateStoreMetrics). heap of loaded stores and load ms ="
            + " opening every store at the newest version with InMemoryStateStoreProvider, as the"
            + " first batch after a restart does. restart = a new session and query on the same"
            + " checkpoint with availableNow and no new data (a _stream query's unlimited source"
            + " restarts its steps from offset 0, below the checkpoint's offsets, so it too has"
            + " nothing new at the start), so it runs no batch and loads no state: stores open"
            + " lazily in the first batch that has data, which then pays the load time first."
            + " first batch after restart (_stream only) = triggerExecution of the first batch of a"
            + " restart with the default trigger (median [all]), one step per partition, which"
            + " opens every store."
            + " steady batch ms = median triggerExecution of the batches of the last measured"
            + " run.\n");
    System.out.print(table);
    System.out.flush();
  }

  // ---------------------------------------------------------------- reporting

  /** Bids among global events {@code 0 .. events - 1}: positions 4 to 49 of every block of 50. */
  static long bidsAmong(long events) {
    return events / 50 * 46 + Math.max(0, events % 50 - 4);
  }

  private void printTable(List<Result> results) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%nNexmark, events per run as in the table (46 in 50 are bids), %d partitions, chunk %d"
                + " rows, best/median of %d runs after %d warm-up (and %d pre-warm round)%n%n",
            options.partitions(),
            options.chunk(),
            options.runs(),
            options.warmup(),
            options.prewarm()));
    out.append(
        "| query | variant | events | output rows | best events/s | median events/s |"
            + " median events/CPU-s | CPU cores used | setup ms | sluice/hand events/s |"
            + " sluice/hand events/CPU-s |\n");
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Result result : results) {
      long events = result.events();
      Optional<Result> hand =
          results.stream()
              .filter(r -> r.query().equals(result.query()) && r.variant().equals("hand-written"))
              .findFirst();
      String ratio = "";
      String cpuRatio = "";
      if (result.variant().equals("sluice") && hand.isPresent()) {
        ratio =
            String.format(
                Locale.ROOT,
                "%.2f",
                result.medianEventsPerSecond(events) / hand.get().medianEventsPerSecond(events));
        cpuRatio =
            String.format(
                Locale.ROOT,
                "%.2f",
                result.medianEventsPerCpuSecond(events)
                    / hand.get().medianEventsPerCpuSecond(events));
      }
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %,d | %,d | %s | %s | %s | %.2f | %s | %s | %s |%n",
              result.query(),
              result.variant().equals("sluice") ? "sluice" : "hand-written",
              events,
              result.runs().get(0).outputRows(),
              millions(result.bestEventsPerSecond(events)),
              millions(result.medianEventsPerSecond(events)),
              millions(result.medianEventsPerCpuSecond(events)),
              result.medianCores(),
              result.variant().equals("sluice")
                  ? String.format(Locale.ROOT, "%.0f", result.medianSetupMillis())
                  : "-",
              ratio,
              cpuRatio));
    }
    out.append(
        "\nevents/s counts all generated events (bids are 46/50 of them); setup = session,"
            + " planning and query start, included in the time; ratios < 1 mean Sluice is"
            + " slower.\n");
    System.out.print(out);
    System.out.flush();
  }

  private static String millions(double perSecond) {
    return String.format(Locale.ROOT, "%.2f M", perSecond / 1e6);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
