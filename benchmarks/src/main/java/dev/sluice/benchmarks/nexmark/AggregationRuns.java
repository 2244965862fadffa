package dev.sluice.benchmarks.nexmark;

import dev.sluice.api.Sluice;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.driver.QueryProgress;
import dev.sluice.execution.driver.StreamingQuery;
import dev.sluice.execution.driver.StreamingQueryListener;
import dev.sluice.execution.driver.Trigger;
import dev.sluice.sources.nexmark.NexmarkSource;
import dev.sluice.state.StateStore;
import dev.sluice.state.StoreId;
import dev.sluice.state.memory.InMemoryStateStoreProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The streaming aggregation queries of the harness on Sluice, and the measurements of their state.
 *
 * <p>Queries: {@code agg10k} and {@code agg1m} are {@code SELECT MOD(auction, m) AS auction,
 * COUNT(*) AS bids, SUM(price) AS total FROM bid GROUP BY MOD(auction, m)} with m = 10 000 and 1
 * 000 000, in update mode, as one micro-batch ({@code Trigger.availableNow()} over a {@code
 * maxEvents} source). The {@code _stream} variants run the same query over an unlimited,
 * unthrottled nexmark source, whose every {@code latestOffsets()} adds {@link
 * NexmarkSource#UNTHROTTLED_STEP} events per partition, with the default trigger (next batch as
 * soon as the previous one ends), and stop after the batch that reaches the event count: a fixed
 * number of equal batches, independent of the wall clock. (The nexmark source has no
 * rows-per-trigger option and the engine no batch-size limit; {@code eventsPerSecond} would make
 * the batch size depend on timing.)
 */
final class AggregationRuns {
  static final List<String> QUERIES = List.of("agg10k", "agg1m", "agg10k_stream", "agg1m_stream");

  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final Pattern VERSION_FILE =
      Pattern.compile("([0-9]+)\\.(delta|snapshot|[0-9]+-[0-9]+\\.bundle)");

  private final int partitions;
  private final int chunk;

  AggregationRuns(int partitions, int chunk) {
    this.partitions = partitions;
    this.chunk = chunk;
  }

  static boolean isAggregation(String query) {
    return QUERIES.contains(query);
  }

  static long modulus(String query) {
    return query.startsWith("agg10k") ? 10_000 : 1_000_000;
  }

  static boolean streaming(String query) {
    return query.endsWith("_stream");
  }

  static String sql(long modulus) {
    return "SELECT MOD(auction, "
        + modulus
        + ") AS auction, COUNT(*) AS bids, SUM(price) AS total FROM bid GROUP BY MOD(auction, "
        + modulus
        + ")";
  }

  /** Global events per micro-batch of a {@code _stream} query. */
  long eventsPerBatch() {
    return NexmarkSource.UNTHROTTLED_STEP * partitions;
  }

  /** The micro-batches a run of {@code query} over {@code events} global events takes. */
  long batches(String query, long events) {
    if (!streaming(query)) {
      return 1;
    }
    if (events % eventsPerBatch() != 0) {
      throw new IllegalArgumentException(
          query
              + " needs a multiple of "
              + eventsPerBatch()
              + " events (the nexmark step of "
              + NexmarkSource.UNTHROTTLED_STEP
              + " events times "
              + partitions
              + " partitions), not "
              + events);
    }
    return events / eventsPerBatch();
  }

  /** The batches' end offsets per partition of a {@code _stream} query (for the hand-written). */
  long[][] streamBatchEnds(long batches) {
    long[][] ends = new long[(int) batches][partitions];
    for (int b = 0; b < batches; b++) {
      java.util.Arrays.fill(ends[b], (b + 1) * NexmarkSource.UNTHROTTLED_STEP);
    }
    return ends;
  }

  /**
   * One Sluice run.
   *
   * @param sourceEvents global events the batches' offset ranges span (all partitions)
   * @param inputRows the progress reports' {@code numInputRows}: for an aggregation these are the
   *     rows the stage after the exchange read (partial aggregates), not the source's bids
   * @param heapWithState heap used after GC inside the listener of the last batch (the query's
   *     state stores are open), or -1 if not probed
   * @param heapAfterStop heap used after GC once the query ended (stores closed), session still
   *     open, or -1
   * @param peakHeapAfterGc the largest heap used after any GC while the query ran (all pools), or
   *     -1 if not probed: an upper bound of the live memory at the worst moment, including what a
   *     batch holds only while it runs (old-generation garbage not yet collected counts too)
   * @param batchMillis each batch's {@code triggerExecution}
   * @param checkpoint the checkpoint, if kept, else null
   */
  record SluiceRun(
      long wallNanos,
      long cpuNanos,
      long setupNanos,
      long sourceEvents,
      long inputRows,
      long outputRows,
      long sinkRows,
      long batches,
      long[] checksum,
      long heapWithState,
      long heapAfterStop,
      long peakHeapAfterGc,
      List<Long> batchMillis,
      Path checkpoint) {}

  /** How {@link #run} starts the query. */
  enum Start {
    /** A new checkpoint; the query's batches, then the end. */
    FRESH,
    /**
     * The given checkpoint with {@code Trigger.availableNow()}: with no new data (a single batch's
     * {@code maxEvents} source has none; a stream's restarted unlimited source starts its steps
     * from offset 0, below the checkpoint's offsets) the query ends without running a batch.
     */
    RESTART_NO_DATA,
    /**
     * The given checkpoint of a {@code _stream} query with the default trigger, stopped after its
     * first batch: the restarted source idles (one 10 ms poll per step) until its steps pass the
     * checkpoint's offsets, then one batch of one step per partition runs, and it loads the state.
     */
    RESTART_ONE_BATCH
  }

  /**
   * Runs {@code query} over {@code events} events in a new session.
   *
   * @param checkpoint the checkpoint to restart from (see {@code start}), or null for a new one
   * @param keep keep the checkpoint (else it is deleted)
   * @param probeHeap measure the heap after GC with the state loaded (adds GC time to the run)
   */
  SluiceRun run(
      String query,
      String name,
      long events,
      Start start,
      Path checkpoint,
      boolean keep,
      boolean probeHeap)
      throws IOException {
    boolean stream = streaming(query);
    long batches = batches(query, events);
    if ((start == Start.FRESH) != (checkpoint == null)
        || (start == Start.RESTART_ONE_BATCH && !stream)) {
      throw new IllegalArgumentException(start + " with checkpoint " + checkpoint);
    }
    Path location = checkpoint != null ? checkpoint : Files.createTempDirectory("sluice-agg-");
    BlackholeSinkProvider.reset(name);
    long cpuStart = OS.getProcessCpuTime();
    long wallStart = System.nanoTime();
    long setup;
    Listener listener;
    long heapAfterStop = -1;
    GcPeak peak = probeHeap ? new GcPeak() : null;
    try (Sluice sluice = Sluice.builder().parallelism(partitions).maxRowsPerBatch(chunk).build()) {
      listener =
          switch (start) {
            case FRESH -> new Listener(sluice, name, batches - 1, stream, probeHeap);
            case RESTART_NO_DATA -> new Listener(sluice, name, -1, false, false);
            case RESTART_ONE_BATCH -> new Listener(sluice, name, 0, true, probeHeap);
          };
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
      reader.load().createOrReplaceTempView("bid");
      StreamingQuery running =
          sluice
              .sql(sql(modulus(query)))
              .writeStream()
              .format("blackhole")
              .option("checksum", "true")
              .queryName(name)
              .outputMode(OutputMode.UPDATE)
              .option("checkpointLocation", location.toString())
              .trigger(
                  start == Start.RESTART_NO_DATA || !stream
                      ? Trigger.availableNow()
                      : Trigger.defaultTrigger())
              .start();
      setup = System.nanoTime() - wallStart;
      running.awaitTermination();
      if (probeHeap) {
        peak.close();
        heapAfterStop = usedHeapAfterGc();
      }
    }
    long wall = System.nanoTime() - wallStart;
    long cpu = OS.getProcessCpuTime() - cpuStart;
    if (!keep) {
      deleteRecursively(location);
    }
    long rows = BlackholeSinkProvider.committedRows(name);
    long[] sums = BlackholeSinkProvider.committedSums(name);
    return new SluiceRun(
        wall,
        cpu,
        setup,
        listener.sourceEvents,
        listener.inputRows,
        rows,
        listener.sinkRows,
        listener.batches,
        sums == null ? new long[3] : sums,
        listener.heapWithState,
        heapAfterStop,
        peak == null ? -1 : peak.max(),
        List.copyOf(listener.batchMillis),
        keep ? location : null);
  }

  /** Counts the query's progress, probes the heap and stops a stream after its last batch. */
  static final class Listener implements StreamingQueryListener {
    private final Sluice sluice;
    private final String name;
    private final long lastBatch;
    private final boolean stopAtLast;
    private final boolean probeHeap;
    final List<Long> batchMillis = Collections.synchronizedList(new ArrayList<>());
    volatile long inputRows;
    volatile long sourceEvents;
    volatile long sinkRows;
    volatile long batches;
    volatile long heapWithState = -1;

    Listener(Sluice sluice, String name, long lastBatch, boolean stopAtLast, boolean probeHeap) {
      this.sluice = sluice;
      this.name = name;
      this.lastBatch = lastBatch;
      this.stopAtLast = stopAtLast;
      this.probeHeap = probeHeap;
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
      QueryProgress progress = event.progress();
      if (!name.equals(progress.name())) {
        return;
      }
      // Called on the query's own thread, one batch at a time.
      inputRows += progress.numInputRows();
      long events = 0;
      for (QueryProgress.SourceProgress source : progress.sources()) {
        for (int p = 0; p < source.endOffset().size(); p++) {
          events += source.endOffset().get(p) - source.startOffset().get(p);
        }
      }
      sourceEvents += events;
      sinkRows += progress.sink().numOutputRows();
      batches++;
      batchMillis.add(progress.durationMs().getOrDefault("triggerExecution", -1L));
      if (lastBatch >= 0 && progress.batchId() >= lastBatch) {
        if (probeHeap) {
          heapWithState = usedHeapAfterGc();
        }
        if (stopAtLast) {
          // stop() on the query's own thread only sets the flag: the loop ends after this batch.
          sluice.streams().get(progress.id()).ifPresent(StreamingQuery::stop);
        }
      }
    }
  }

  /** Tracks the largest heap used after a GC, from the collectors' notifications, until closed. */
  private static final class GcPeak implements javax.management.NotificationListener {
    private final java.util.concurrent.atomic.AtomicLong max =
        new java.util.concurrent.atomic.AtomicLong(-1);
    private final List<javax.management.NotificationEmitter> emitters = new ArrayList<>();

    GcPeak() {
      for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (gc instanceof javax.management.NotificationEmitter emitter) {
          emitter.addNotificationListener(this, null, null);
          emitters.add(emitter);
        }
      }
    }

    @Override
    public void handleNotification(javax.management.Notification notification, Object handback) {
      if (!notification
          .getType()
          .equals(
              com.sun.management.GarbageCollectionNotificationInfo
                  .GARBAGE_COLLECTION_NOTIFICATION)) {
        return;
      }
      var info =
          com.sun.management.GarbageCollectionNotificationInfo.from(
              (javax.management.openmbean.CompositeData) notification.getUserData());
      long used = 0;
      for (var usage : info.getGcInfo().getMemoryUsageAfterGc().values()) {
        used += usage.getUsed();
      }
      max.accumulateAndGet(used, Math::max);
    }

    long max() {
      return max.get();
    }

    void close() {
      for (var emitter : emitters) {
        try {
          emitter.removeNotificationListener(this);
        } catch (javax.management.ListenerNotFoundException e) {
          // already gone
        }
      }
    }
  }

  static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  // ---------------------------------------------------------------- state on disk and in memory

  /** Bytes and files under a directory. */
  record DiskUsage(long bytes, long files) {}

  static DiskUsage diskUsage(Path root) {
    if (!Files.isDirectory(root)) {
      return new DiskUsage(0, 0);
    }
    try (Stream<Path> paths = Files.walk(root)) {
      long[] totals = new long[2];
      paths
          .filter(Files::isRegularFile)
          .forEach(
              path -> {
                try {
                  totals[0] += Files.size(path);
                  totals[1]++;
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      return new DiskUsage(totals[0], totals[1]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Loading every store of a checkpoint's state with the engine's own store provider, at the newest
   * version on disk: what the first batch after a restart does (lazily, store by store) before it
   * merges anything.
   *
   * @param heapDelta heap used after GC with all stores open minus before opening them
   */
  record StateLoad(
      long nanos,
      int stores,
      long keys,
      long memoryBytes,
      long loadBytesRead,
      long heapDelta,
      long version) {}

  static StateLoad loadState(Path stateRoot) throws IOException {
    List<StoreId> ids = new ArrayList<>();
    long version = -1;
    try (DirectoryStream<Path> operators =
        Files.newDirectoryStream(stateRoot, Files::isDirectory)) {
      for (Path operator : operators) {
        try (DirectoryStream<Path> groups =
            Files.newDirectoryStream(operator, Files::isDirectory)) {
          for (Path group : groups) {
            // Key-group directories hold snapshots (and single-store deltas); bundles/ holds
            // the deltas of whole key-group ranges.
            version = Math.max(version, latestVersion(group));
            if (!group.getFileName().toString().equals("bundles")) {
              ids.add(
                  new StoreId(
                      operator.getFileName().toString(),
                      Integer.parseInt(group.getFileName().toString())));
            }
          }
        }
      }
    }
    long before = usedHeapAfterGc();
    List<StateStore> stores = new ArrayList<>();
    InMemoryStateStoreProvider provider = new InMemoryStateStoreProvider(stateRoot);
    try {
      long start = System.nanoTime();
      for (StoreId id : ids) {
        stores.add(provider.open(id, version));
      }
      long nanos = System.nanoTime() - start;
      long keys = 0;
      long memory = 0;
      long read = 0;
      for (StateStore store : stores) {
        var metrics = store.metrics();
        keys += metrics.numKeys();
        memory += metrics.memoryBytes();
        read += metrics.loadBytesRead();
      }
      long after = usedHeapAfterGc();
      // Keep the stores reachable until after the measurement.
      long open = stores.stream().filter(s -> s.version() >= 0).count();
      return new StateLoad(nanos, (int) open, keys, memory, read, after - before, version);
    } finally {
      stores.forEach(StateStore::close);
      provider.close();
    }
  }

  private static long latestVersion(Path group) throws IOException {
    long latest = -1;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(group)) {
      for (Path file : files) {
        Matcher matcher = VERSION_FILE.matcher(file.getFileName().toString());
        if (matcher.matches()) {
          latest = Math.max(latest, Long.parseLong(matcher.group(1)));
        }
      }
    }
    return latest;
  }

  static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }

  static Map<String, String> sourceOptions(long events, int partitions, boolean limited) {
    return limited
        ? Map.of(
            "table", "bid",
            "maxEvents", Long.toString(events),
            "partitions", Integer.toString(partitions))
        : Map.of("table", "bid", "partitions", Integer.toString(partitions));
  }
}
