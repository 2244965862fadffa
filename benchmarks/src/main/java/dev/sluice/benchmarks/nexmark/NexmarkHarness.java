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
 *                  diagnostics q0narrow, q1narrow (q0 and q1 without the VARCHAR column extra)
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
      List.of("q0", "q1", "q2", "q1df", "q0narrow", "q1narrow");

  private final Options options;
  private int runCounter;
  private int q1Precision;
  private final Set<String> schemaChecked = new HashSet<>();

  private NexmarkHarness(Options options) {
    this.options = options;
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
      List<String> variants) {
    static Options parse(String[] args) {
      long events = 10_000_000;
      int partitions = 2;
      int runs = 3;
      int warmup = 1;
      int prewarm = 1;
      int chunk = 4096;
      List<String> queries = List.of("q0", "q1", "q2", "q1df");
      List<String> variants = List.of("hand", "sluice");
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("-h") || arg.equals("--help")) {
          System.out.println(
              "usage: NexmarkHarness [--events N] [--partitions P] [--runs R] [--warmup W]"
                  + " [--prewarm N] [--queries q0,q1,q2,q1df,q0narrow,q1narrow] [--chunk ROWS]"
                  + " [--variants sluice,hand]");
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
          case "--queries" -> queries = splitList(value);
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
      if (events < 1 || partitions < 1 || runs < 1 || warmup < 0 || prewarm < 0 || chunk < 1) {
        throw new IllegalArgumentException("counts must be positive");
      }
      return new Options(events, partitions, runs, warmup, prewarm, chunk, queries, variants);
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
  record Result(String query, String variant, List<Run> runs) {
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
      if (options.variants().contains("hand")) {
        List<Run> runs = measure(query, "hand", () -> runHand(query));
        expected = runs.get(0).outputRows();
        results.add(new Result(query, "hand-written", runs));
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
        results.add(new Result(query, "sluice", runs));
      }
    }
    printTable(results);
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
          options.events() / (run.wallNanos() / 1e9) / 1e6,
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

  // ---------------------------------------------------------------- reporting

  /** Bids among global events {@code 0 .. events - 1}: positions 4 to 49 of every block of 50. */
  static long bidsAmong(long events) {
    return events / 50 * 46 + Math.max(0, events % 50 - 4);
  }

  private void printTable(List<Result> results) {
    long events = options.events();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%nNexmark, %,d events (%,d bids) per run, %d partitions, chunk %d rows,"
                + " best/median of %d runs after %d warm-up (and %d pre-warm round)%n%n",
            events,
            bidsAmong(events),
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
