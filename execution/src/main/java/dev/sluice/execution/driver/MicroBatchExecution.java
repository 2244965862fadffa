package dev.sluice.execution.driver;

import dev.sluice.execution.checkpoint.Checkpoint;
import dev.sluice.execution.checkpoint.CheckpointMetadata;
import dev.sluice.execution.checkpoint.CommitLogEntry;
import dev.sluice.execution.checkpoint.OffsetLogEntry;
import dev.sluice.execution.checkpoint.OffsetLogEntry.SourceOffsets;
import dev.sluice.execution.connector.CollectedRows;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.connector.Sink;
import dev.sluice.execution.connector.Source;
import dev.sluice.execution.connector.WriterCommitMessage;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.eventtime.BatchTime;
import dev.sluice.execution.eventtime.EventTimeStats;
import dev.sluice.execution.eventtime.WatermarkTracker;
import dev.sluice.execution.operator.join.StaticTables;
import dev.sluice.execution.plan.AggregateSpec;
import dev.sluice.execution.plan.PlanSpec;
import dev.sluice.execution.plan.SessionAggregateSpec;
import dev.sluice.execution.plan.SourceSpec;
import dev.sluice.execution.plan.WatermarkSpec;
import dev.sluice.state.KeyGroups;
import java.nio.channels.ClosedByInterruptException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The micro-batch driver: one thread per query that repeatedly asks the sources what is new, runs
 * the plan over it, and commits the result.
 *
 * <p><b>One batch, step by step.</b> (1) Ask every source for its latest offsets. (2) If anything
 * is new, write the offset log entry {@code offsets/N}: start = the last committed end, end = the
 * latest offsets. Nothing runs before this record is durable. (3) Run one task per (chain, source
 * partition with data) on the partition pool; each task writes its share through its own sink
 * writer. (4) Hand all writers' messages to {@code Sink.commit(N)}. (5) Write {@code commits/N}.
 * Only now is batch N done; its end offsets become the next batch's start.
 *
 * <p><b>Recovery.</b> On start, the checkpoint's last offset entry without a commit record is
 * re-run first, with exactly its logged offsets: replayable sources give the same rows, and sinks
 * are idempotent per batch id, so the output is as if the crash never happened. A crash after (5)
 * simply continues with N + 1.
 *
 * <p><b>Watermarks through chained aggregations.</b> Batch N runs with the watermark computed at
 * the end of batch N − 1 (logged in {@code offsets/N}). An aggregation fed by d window-closing
 * aggregations closes by the watermark of batch N − d ({@link WatermarkHistory}), so each batch
 * hands its tasks the watermarks of the last batches, rebuilt from the offset log on restart; and
 * batches without data keep running until the deepest such aggregation has closed by the current
 * watermark.
 *
 * <p><b>Threads.</b> The query thread owns the loop; {@link #stop()} sets a flag and interrupts it,
 * and an interrupted batch is abandoned uncommitted (the next start re-runs it). Any other
 * exception ends the query with a {@link StreamingQueryException} that {@link #awaitTermination}
 * rethrows: a failure is never swallowed and never leaves a thread hanging.
 */
final class MicroBatchExecution implements StreamingQuery {
  private static final Logger LOG = LoggerFactory.getLogger(MicroBatchExecution.class);
  private static final int PROGRESS_TO_KEEP = 100;
  private static final int LOG_ENTRIES_TO_KEEP = 100;
  private static final long IDLE_POLL_MILLIS = 10;

  private final QueryConfig config;
  private final StreamingQueryManager manager;
  private final Checkpoint checkpoint;
  private final WatermarkTracker eventTime;

  /** Whether a stateful operator closes windows by the watermark (see watermarkBatchDue). */
  private final boolean closesWindows;

  /** The largest chain depth of a window-closing aggregation (0: none feeds another). */
  private final int deepestWatermarkDepth;

  /** The watermarks the last batches ran with, as far back as the deepest aggregation looks. */
  private final WatermarkHistory watermarks;

  /** {@link #watermarkBatchDue()} as of the last batch, for callers of processAllAvailable. */
  private boolean watermarkBatchPending;

  private final String runId = UUID.randomUUID().toString();
  private final Thread thread;
  private final Object lock = new Object();
  private final Deque<QueryProgress> progress = new ArrayDeque<>();

  private String id;
  private StateManager state;
  private final StaticTables staticTables;
  private volatile boolean stopRequested;
  private volatile StreamingQueryException failure;
  private volatile QueryStatus status = new QueryStatus("Initializing", false, false);
  // Guarded by lock.
  private Map<String, long[]> committedEnd = new LinkedHashMap<>();
  private boolean terminated;

  // Owned by the query thread.
  /** Manual trigger: batches asked for by {@link #runBatch()}, and run so far (under lock). */
  private long batchesRequested;

  private long batchesRun;
  private boolean lastRequestRanBatch;

  private long nextBatchId;
  private OffsetLogEntry pending;
  private long lastTriggerStartMillis = -1;
  private long currentBatchId = -1;
  private long walCommitNanos;

  MicroBatchExecution(QueryConfig config, StreamingQueryManager manager) {
    this.config = config;
    this.manager = manager;
    this.checkpoint = new Checkpoint(config.checkpointLocation());
    this.eventTime =
        new WatermarkTracker(
            watermarkDelays(config.plan().root()),
            config.eventTime().watermarkPolicy(),
            config.eventTime().idleTimeoutMillis());
    this.closesWindows = closesWindows(config.plan().root());
    this.deepestWatermarkDepth = deepestWatermarkDepth(config.plan().root());
    this.watermarks = new WatermarkHistory(deepestWatermarkDepth);
    this.staticTables =
        new StaticTables(
            table ->
                BatchExecution.run(
                    table,
                    config.sources(),
                    config.pool(),
                    config.allocator(),
                    config.maxRowsPerBatch(),
                    config.functions()),
            config.allocator());
    String threadName =
        "sluice-query-" + (config.name() == null ? runId.substring(0, 8) : config.name());
    this.thread = new Thread(this::run, threadName);
    this.thread.setDaemon(true);
  }

  QueryConfig config() {
    return config;
  }

  private Sink lateRowsSink() {
    return config.eventTime().lateRowsSink();
  }

  private static boolean closesWindows(PlanSpec spec) {
    return (spec instanceof AggregateSpec aggregate && aggregate.closesWindows())
        || (spec instanceof SessionAggregateSpec sessions && sessions.closesSessions())
        || spec.inputs().stream().anyMatch(MicroBatchExecution::closesWindows);
  }

  private static int deepestWatermarkDepth(PlanSpec spec) {
    int own = spec instanceof AggregateSpec aggregate ? aggregate.watermarkDepth() : 0;
    return Math.max(
        own,
        spec.inputs().stream()
            .mapToInt(MicroBatchExecution::deepestWatermarkDepth)
            .max()
            .orElse(0));
  }

  /**
   * Whether a batch must run even without new data: the watermark moved past the one the last
   * batches ran with, so windows may have closed that are to be emitted and evicted — by the
   * deepest aggregation of a chain too, which closes by the watermark of a batch some batches back.
   */
  private boolean watermarkBatchDue() {
    return closesWindows && !watermarks.caughtUp(eventTime.watermark());
  }

  private static Map<String, Long> watermarkDelays(PlanSpec spec) {
    Map<String, Long> delays = new LinkedHashMap<>();
    if (spec instanceof WatermarkSpec watermark) {
      delays.put(watermark.inputId(), watermark.delayMillis());
    }
    spec.inputs().forEach(input -> delays.putAll(watermarkDelays(input)));
    return delays;
  }

  /** Opens the checkpoint on the caller's thread, so a bad checkpoint fails the start itself. */
  void start() {
    CheckpointMetadata metadata =
        checkpoint.openFor(
            config.plan(),
            UUID.randomUUID().toString(),
            config.clock().millis(),
            config.keyGroups());
    id = metadata.queryId();
    state =
        new StateManager(
            checkpoint.root().resolve("state"),
            KeyGroups.of(metadata.keyGroups() == 0 ? config.keyGroups() : metadata.keyGroups()));
    restoreSources();
    recover();
    synchronized (lock) {
      watermarkBatchPending = watermarkBatchDue();
    }
    manager.registerActive(this);
    thread.start();
  }

  /** Hands each source what it saved at the query's first start, or saves it now. */
  private void restoreSources() {
    config
        .sources()
        .forEach(
            (id, source) -> {
              Optional<String> saved = checkpoint.readSourceState(id);
              if (saved.isPresent()) {
                source.restore(saved.get());
              } else {
                source.checkpointState().ifPresent(state -> checkpoint.writeSourceState(id, state));
              }
            });
  }

  private void recover() {
    for (SourceSpec source : config.plan().sources()) {
      committedEnd.put(source.id(), new long[config.sources().get(source.id()).partitionCount()]);
    }
    OptionalLong lastLogged = checkpoint.offsets().latestBatchId();
    if (lastLogged.isEmpty()) {
      nextBatchId = 0;
      return;
    }
    long last = lastLogged.getAsLong();
    OffsetLogEntry entry =
        checkpoint
            .offsets()
            .read(last)
            .orElseThrow(() -> new IllegalStateException("offsets/" + last + " vanished"));
    checkPartitionCounts(entry);
    OptionalLong lastCommitted = checkpoint.commits().latestBatchId();
    boolean committed = lastCommitted.isPresent() && lastCommitted.getAsLong() >= last;
    for (Map.Entry<String, SourceOffsets> source : entry.sources().entrySet()) {
      committedEnd.put(
          source.getKey(), committed ? source.getValue().end() : source.getValue().start());
    }
    // Everything before these offsets is committed; a source that grows from its committed offsets
    // (the unthrottled Nexmark source) continues from them instead of from 0.
    committedEnd.forEach((id, end) -> config.sources().get(id).commit(end));
    restoreEventTime(committed ? last : last - 1, entry);
    restoreWatermarkHistory(committed ? last : last - 1);
    if (committed) {
      nextBatchId = last + 1;
    } else {
      nextBatchId = last;
      pending = entry;
      LOG.info("query {} re-runs uncommitted batch {} from its logged offsets", id, last);
    }
  }

  /**
   * Rebuilds the watermarks the last batches ran with from their offset log entries, oldest first,
   * so a batch (also a re-run one) hands its operators the same watermarks as without the restart.
   */
  private void restoreWatermarkHistory(long lastRunBatch) {
    for (long batch = lastRunBatch - deepestWatermarkDepth; batch <= lastRunBatch; batch++) {
      watermarks.ran(
          batch < 0
              ? Long.MIN_VALUE
              : checkpoint
                  .offsets()
                  .read(batch)
                  .map(OffsetLogEntry::watermarkMillis)
                  .orElse(Long.MIN_VALUE));
    }
  }

  /**
   * Continues event time from the commit record of {@code committedBatch} (the maxima and the
   * watermark after it); a checkpoint without one restarts from the logged batch's watermark.
   */
  private void restoreEventTime(long committedBatch, OffsetLogEntry lastLogged) {
    if (eventTime.isEmpty()) {
      return;
    }
    Optional<CommitLogEntry> commit =
        committedBatch < 0 ? Optional.empty() : checkpoint.commits().read(committedBatch);
    if (commit.isPresent() && commit.get().watermarkMillis() != null) {
      eventTime.restore(
          commit.get().eventTimeMaxima(),
          commit.get().eventTimeLastActive(),
          commit.get().watermarkMillis(),
          config.clock().millis());
    } else if (committedBatch == lastLogged.batchId()) {
      eventTime.restore(Map.of(), Map.of(), lastLogged.watermarkMillis(), config.clock().millis());
    }
  }

  private void checkPartitionCounts(OffsetLogEntry entry) {
    for (Map.Entry<String, SourceOffsets> source : entry.sources().entrySet()) {
      Source instance = config.sources().get(source.getKey());
      int logged = source.getValue().end().length;
      if (instance == null || instance.partitionCount() != logged) {
        throw new SluiceException(
            ErrorCode.CHECKPOINT_INCOMPATIBLE,
            "checkpoint "
                + checkpoint.root()
                + " recorded "
                + logged
                + " partitions for source '"
                + source.getKey()
                + "' but it now has "
                + (instance == null
                    ? "no such source"
                    : instance.partitionCount() + " partitions"));
      }
    }
  }

  private void run() {
    manager.post(
        l ->
            l.onQueryStarted(
                new StreamingQueryListener.QueryStartedEvent(
                    id, runId, name(), config.clock().millis())));
    try {
      Map<String, long[]> target =
          config.trigger() instanceof Trigger.AvailableNow ? latestOffsets() : null;
      boolean manual = config.trigger() instanceof Trigger.Manual;
      while (!stopRequested) {
        if (manual) {
          awaitBatchRequest();
        }
        long triggerStart = config.clock().millis();
        status = new QueryStatus("Getting offsets from sources", false, true);
        long offsetsStart = System.nanoTime();
        walCommitNanos = 0;
        OffsetLogEntry entry = pending != null ? pending : nextEntry(target, triggerStart);
        long latestOffsetNanos = System.nanoTime() - offsetsStart - walCommitNanos;
        boolean ranBatch = entry != null;
        if (ranBatch) {
          runBatch(entry, triggerStart, latestOffsetNanos);
          pending = null;
        } else {
          status = new QueryStatus("Waiting for data to arrive", false, false);
          manager.post(
              l ->
                  l.onQueryIdle(
                      new StreamingQueryListener.QueryIdleEvent(
                          id, runId, config.clock().millis())));
          if (target != null || config.trigger() instanceof Trigger.Once) {
            break;
          }
        }
        if (config.trigger() instanceof Trigger.Once
            || (target != null && reached(target) && !watermarkBatchDue())) {
          break;
        }
        if (manual) {
          synchronized (lock) {
            lastRequestRanBatch = ranBatch;
            batchesRun++;
            lock.notifyAll();
          }
        } else {
          waitForNextTrigger(triggerStart, ranBatch);
        }
      }
    } catch (Throwable t) {
      if (!(stopRequested && isInterruption(t))) {
        failure = new StreamingQueryException(describe(), currentBatchId, t);
        LOG.error("{} failed", describe(), t);
      }
    } finally {
      status = new QueryStatus("Stopped", false, false);
      synchronized (lock) {
        terminated = true;
        lock.notifyAll();
      }
      closeConnectors();
      // Listeners hear of the end before anyone waiting for it wakes up.
      Optional<String> message = Optional.ofNullable(failure).map(Throwable::getMessage);
      manager.post(
          l ->
              l.onQueryTerminated(
                  new StreamingQueryListener.QueryTerminatedEvent(id, runId, message)));
      manager.terminated(this);
    }
  }

  /** The query owns its sink and sources (see {@code QueryConfig}) and releases them on its end. */
  private void closeConnectors() {
    List<AutoCloseable> owned = new ArrayList<>(config.sources().values());
    owned.add(config.sink());
    if (lateRowsSink() != null) {
      owned.add(lateRowsSink());
    }
    owned.add(state);
    owned.add(staticTables);
    for (AutoCloseable connector : owned) {
      try {
        connector.close();
      } catch (Exception e) {
        LOG.warn("{}: closing {} failed", describe(), connector, e);
      }
    }
  }

  /** The next batch's offsets, logged, or null if no source has anything new. */
  private OffsetLogEntry nextEntry(Map<String, long[]> target, long nowMillis) {
    Map<String, long[]> latest = latestOffsets();
    if (target != null) {
      latest.replaceAll((source, offsets) -> min(offsets, target.get(source)));
    }
    Map<String, SourceOffsets> ranges = new LinkedHashMap<>();
    boolean anyNew = false;
    synchronized (lock) {
      for (Map.Entry<String, long[]> source : latest.entrySet()) {
        long[] start = committedEnd.get(source.getKey());
        long[] end = max(start, source.getValue());
        anyNew |= !Arrays.equals(start, end);
        ranges.put(source.getKey(), new SourceOffsets(start.clone(), end));
      }
    }
    if (!anyNew) {
      // An input may have gone idle since the last batch, releasing the watermark.
      eventTime.advanceTo(nowMillis);
      if (!watermarkBatchDue()) {
        return null;
      }
    }
    OffsetLogEntry entry =
        new OffsetLogEntry(nextBatchId, nowMillis, eventTime.watermark(), ranges);
    long writeStart = System.nanoTime();
    checkpoint.offsets().write(entry.batchId(), entry);
    walCommitNanos = System.nanoTime() - writeStart;
    return entry;
  }

  private void runBatch(OffsetLogEntry entry, long triggerStart, long latestOffsetNanos) {
    currentBatchId = entry.batchId();
    status = new QueryStatus("Processing new data", true, true);
    long batchStart = System.nanoTime();
    TaskOutcomes outcomes;
    EventTimeStats batchEventTime = new EventTimeStats(lateRowsSink() != null);
    try (BufferAllocator batchAllocator =
        config.allocator().newChildAllocator("batch-" + entry.batchId(), 0, Long.MAX_VALUE)) {
      Map<String, Stages.SourceRange> ranges = new LinkedHashMap<>();
      for (Map.Entry<String, SourceOffsets> source : entry.sources().entrySet()) {
        ranges.put(
            source.getKey(),
            new Stages.SourceRange(
                config.sources().get(source.getKey()),
                source.getValue().start(),
                source.getValue().end()));
      }
      outcomes =
          new Stages(
                  config.pool(),
                  batchAllocator,
                  config.maxRowsPerBatch(),
                  config.functions(),
                  new BatchTime(
                      batchEventTime,
                      watermarks.forBatch(entry.watermarkMillis()),
                      entry.timestampMillis()),
                  OutputMode.APPEND,
                  staticTables,
                  () -> stopRequested)
              .run(
                  config.plan().root(),
                  ranges,
                  index -> config.sink().createWriter(entry.batchId(), index, batchAllocator),
                  state,
                  entry.batchId(),
                  config.outputMode(),
                  config.partitions());
    }
    if (outcomes.failure() != null || outcomes.interrupted()) {
      config.sink().abort(entry.batchId(), outcomes.messages());
      if (outcomes.interrupted() || outcomes.failure() instanceof TaskCancelledException) {
        // stop(): the batch stays uncommitted and is re-run, with the same offsets, next start.
        throw new TaskCancelledException("batch " + entry.batchId() + " abandoned by stop()");
      }
      Throwable failure = outcomes.failure();
      throw failure instanceof RuntimeException r
          ? r
          : new SluiceException(ErrorCode.QUERY_FAILED, failure.toString(), failure);
    }
    List<PartitionTask.Result> results = outcomes.results();
    List<WriterCommitMessage> messages =
        results.stream().map(PartitionTask.Result::message).toList();
    config.sink().commit(entry.batchId(), messages);
    if (lateRowsSink() != null) {
      // Committed under the batch's id too, so a re-run batch replaces its late rows.
      lateRowsSink()
          .commit(entry.batchId(), List.of(new CollectedRows(batchEventTime.lateRowList())));
    }
    long addBatchNanos = System.nanoTime() - batchStart;

    long commitStart = System.nanoTime();
    watermarks.ran(entry.watermarkMillis());
    eventTime.update(batchEventTime.maxima(), config.clock().millis());
    checkpoint
        .commits()
        .write(
            entry.batchId(),
            new CommitLogEntry(
                entry.batchId(),
                config.clock().millis(),
                eventTime.maxima(),
                eventTime.isEmpty() ? null : eventTime.watermark(),
                eventTime.lastActive()));
    for (Map.Entry<String, SourceOffsets> source : entry.sources().entrySet()) {
      config.sources().get(source.getKey()).commit(source.getValue().end());
    }
    checkpoint.offsets().purgeBefore(entry.batchId() - LOG_ENTRIES_TO_KEEP);
    checkpoint.commits().purgeBefore(entry.batchId() - LOG_ENTRIES_TO_KEEP);
    long commitNanos = System.nanoTime() - commitStart;

    // Progress is recorded before anyone waiting for this batch wakes up, so a caller of
    // processAllAvailable() always finds it in lastProgress().
    QueryProgress report =
        progressOf(
            entry,
            results,
            outcomes.sourceRows(),
            triggerStart,
            latestOffsetNanos,
            addBatchNanos,
            commitNanos,
            batchEventTime.lateRows());
    synchronized (progress) {
      progress.addLast(report);
      if (progress.size() > PROGRESS_TO_KEEP) {
        progress.removeFirst();
      }
    }
    synchronized (lock) {
      for (Map.Entry<String, SourceOffsets> source : entry.sources().entrySet()) {
        committedEnd.put(source.getKey(), source.getValue().end().clone());
      }
      nextBatchId = entry.batchId() + 1;
      watermarkBatchPending = watermarkBatchDue();
      lock.notifyAll();
    }
    manager.post(l -> l.onQueryProgress(new StreamingQueryListener.QueryProgressEvent(report)));
  }

  private QueryProgress progressOf(
      OffsetLogEntry entry,
      List<PartitionTask.Result> results,
      long inputRows,
      long triggerStart,
      long latestOffsetNanos,
      long addBatchNanos,
      long commitNanos,
      Map<String, Long> lateRows) {
    long outputRows = results.stream().mapToLong(PartitionTask.Result::outputRows).sum();
    long triggerMillis =
        (latestOffsetNanos + walCommitNanos + addBatchNanos + commitNanos) / 1_000_000;
    Map<String, Long> durations = new LinkedHashMap<>();
    durations.put("latestOffset", latestOffsetNanos / 1_000_000);
    durations.put("walCommit", walCommitNanos / 1_000_000);
    durations.put("addBatch", addBatchNanos / 1_000_000);
    durations.put("commitOffsets", commitNanos / 1_000_000);
    durations.put("triggerExecution", triggerMillis);
    double sinceLastTrigger =
        lastTriggerStartMillis < 0 ? 0 : (triggerStart - lastTriggerStartMillis) / 1000.0;
    lastTriggerStartMillis = triggerStart;
    List<QueryProgress.SourceProgress> sources = new ArrayList<>();
    for (Map.Entry<String, SourceOffsets> source : entry.sources().entrySet()) {
      sources.add(
          new QueryProgress.SourceProgress(
              config.sources().get(source.getKey()).description(),
              Arrays.stream(source.getValue().start()).boxed().toList(),
              Arrays.stream(source.getValue().end()).boxed().toList(),
              source.getValue().rowCount()));
    }
    return new QueryProgress(
        id,
        runId,
        name(),
        config.clock().millis(),
        entry.batchId(),
        inputRows,
        sinceLastTrigger > 0 ? inputRows / sinceLastTrigger : 0,
        addBatchNanos > 0 ? inputRows / (addBatchNanos / 1e9) : 0,
        durations,
        sources,
        new QueryProgress.SinkProgress(config.sink().description(), outputRows),
        state.progress(),
        eventTimeProgress(lateRows));
  }

  private QueryProgress.EventTimeProgress eventTimeProgress(Map<String, Long> lateRows) {
    Map<String, QueryProgress.InputEventTime> inputs = new LinkedHashMap<>();
    Map<String, Long> watermarks = eventTime.inputWatermarks();
    eventTime
        .maxima()
        .forEach(
            (input, max) ->
                inputs.put(input, new QueryProgress.InputEventTime(max, watermarks.get(input))));
    long watermark = eventTime.watermark();
    return new QueryProgress.EventTimeProgress(
        watermark == Long.MIN_VALUE ? null : watermark, inputs, lateRows);
  }

  /** Waits for {@link #runBatch()}; {@link #stop()} ends the wait by interrupting the thread. */
  private void awaitBatchRequest() throws InterruptedException {
    status = new QueryStatus("Waiting for RUN BATCH", false, false);
    synchronized (lock) {
      while (batchesRequested == batchesRun) {
        lock.wait();
      }
    }
  }

  private void waitForNextTrigger(long triggerStart, boolean ranBatch) throws InterruptedException {
    status = new QueryStatus("Waiting for next trigger", false, false);
    if (config.trigger() instanceof Trigger.ProcessingTime time && !time.interval().isZero()) {
      config.clock().sleepUntil(triggerStart + time.interval().toMillis());
    } else if (!ranBatch) {
      Thread.sleep(IDLE_POLL_MILLIS);
    }
  }

  private Map<String, long[]> latestOffsets() {
    Map<String, long[]> latest = new LinkedHashMap<>();
    for (SourceSpec source : config.plan().sources()) {
      latest.put(source.id(), config.sources().get(source.id()).latestOffsets());
    }
    return latest;
  }

  private boolean reached(Map<String, long[]> target) {
    synchronized (lock) {
      for (Map.Entry<String, long[]> source : target.entrySet()) {
        long[] committed = committedEnd.get(source.getKey());
        for (int p = 0; p < committed.length; p++) {
          if (committed[p] < source.getValue()[p]) {
            return false;
          }
        }
      }
      return true;
    }
  }

  private static long[] min(long[] a, long[] b) {
    long[] result = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      result[i] = Math.min(a[i], b[i]);
    }
    return result;
  }

  /** Offsets never go back, even if a source misbehaves. */
  private static long[] max(long[] a, long[] b) {
    long[] result = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      result[i] = Math.max(a[i], b[i]);
    }
    return result;
  }

  private static boolean isInterruption(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof InterruptedException
          || c instanceof ClosedByInterruptException
          || c instanceof TaskCancelledException) {
        return true;
      }
    }
    return false;
  }

  private String describe() {
    return "Query "
        + (name() == null ? "" : name() + " ")
        + "[id = "
        + id
        + ", runId = "
        + runId
        + "]";
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String runId() {
    return runId;
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public void stop() {
    stopRequested = true;
    if (Thread.currentThread() != thread) {
      thread.interrupt();
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void awaitTermination() {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    throwIfFailed();
  }

  @Override
  public boolean awaitTermination(long timeoutMillis) {
    try {
      thread.join(Math.max(1, timeoutMillis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    if (thread.isAlive()) {
      return false;
    }
    throwIfFailed();
    return true;
  }

  @Override
  public void processAllAvailable() {
    Map<String, long[]> target = latestOffsets();
    synchronized (lock) {
      while (!terminated && (!reached(target) || watermarkBatchPending)) {
        try {
          lock.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    throwIfFailed();
  }

  @Override
  public boolean runBatch() {
    if (!(config.trigger() instanceof Trigger.Manual)) {
      throw new IllegalStateException(
          describe() + " runs on trigger " + config.trigger() + "; only a manual trigger steps");
    }
    synchronized (lock) {
      long ticket = ++batchesRequested;
      lock.notifyAll();
      while (!terminated && batchesRun < ticket) {
        try {
          lock.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted waiting for a batch of " + describe(), e);
        }
      }
      if (batchesRun >= ticket) {
        return lastRequestRanBatch;
      }
    }
    throwIfFailed();
    throw new IllegalStateException(describe() + " has stopped");
  }

  private void throwIfFailed() {
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public boolean isActive() {
    synchronized (lock) {
      return !terminated;
    }
  }

  @Override
  public Optional<StreamingQueryException> exception() {
    return Optional.ofNullable(failure);
  }

  @Override
  public QueryProgress lastProgress() {
    synchronized (progress) {
      return progress.peekLast();
    }
  }

  @Override
  public List<QueryProgress> recentProgress() {
    synchronized (progress) {
      return List.copyOf(progress);
    }
  }

  @Override
  public QueryStatus status() {
    return status;
  }

  @Override
  public String toString() {
    return describe();
  }
}
