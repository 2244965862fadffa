package dev.sluice.execution.driver;

import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.connector.SinkWriter;
import dev.sluice.execution.connector.Source;
import dev.sluice.execution.eventtime.BatchTime;
import dev.sluice.execution.exchange.ExchangeSource;
import dev.sluice.execution.exchange.ExchangeWriter;
import dev.sluice.execution.expression.UserFunctions;
import dev.sluice.execution.operator.PipelineBuilder;
import dev.sluice.execution.operator.PipelineBuilder.Chain;
import dev.sluice.execution.operator.StateContext;
import dev.sluice.execution.operator.aggregate.ExchangeRouter;
import dev.sluice.execution.operator.join.StaticTables;
import dev.sluice.execution.plan.ExchangeSpec;
import dev.sluice.execution.plan.PlanSpec;
import dev.sluice.state.KeyGroupRange;
import dev.sluice.state.KeyGroups;
import dev.sluice.state.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Runs one batch of a plan as its stages. A stage is the part of the plan between two exchanges
 * (the lowest: between the sources and the first exchange). Without an exchange there is one stage:
 * a task per (chain, source partition with data), writing to the sink. Otherwise the stage below an
 * exchange runs first (recursively) and its tasks write the rows the exchange receives; they are
 * routed by key group to the {@code partitions} partitions of the stage above; then every partition
 * of that stage runs a task (also one without rows: complete mode re-emits its groups) with the
 * state of its key groups, writing to the next exchange or, at the top, to the sink.
 *
 * <p>An aggregation below the top stage feeds another aggregation, which would count every update
 * of its groups again (there are no retractions): it runs in {@code feedingMode}, append in a
 * stream (each window once, when it closes), complete in a one-off query (its single batch emits
 * every group once).
 */
final class Stages {
  /** The offset range a batch reads from one source. */
  record SourceRange(Source source, long[] start, long[] end) {}

  /** Makes the sink writer of the task with the given index (final stage only). */
  interface WriterFactory {
    SinkWriter create(int taskIndex);
  }

  /** What every stage of one batch shares. */
  private record BatchRun(
      Map<String, SourceRange> ranges, StateManager state, long batchId, int partitions) {}

  private final ExecutorService pool;
  private final BufferAllocator allocator;
  private final int maxRowsPerBatch;
  private final UserFunctions functions;
  private final BooleanSupplier cancelled;
  private final BatchTime eventTime;
  private final OutputMode feedingMode;
  private final StaticTables staticTables;

  /**
   * @param staticTables where the static sides of the plan's joins are read and kept for the run of
   *     the query
   */
  Stages(
      ExecutorService pool,
      BufferAllocator allocator,
      int maxRowsPerBatch,
      UserFunctions functions,
      BatchTime eventTime,
      OutputMode feedingMode,
      StaticTables staticTables,
      BooleanSupplier cancelled) {
    this.staticTables = staticTables;
    this.eventTime = eventTime;
    this.pool = pool;
    this.allocator = allocator;
    this.maxRowsPerBatch = maxRowsPerBatch;
    this.functions = functions;
    this.feedingMode = feedingMode;
    this.cancelled = cancelled;
  }

  /**
   * Runs batch {@code batchId}; returns the outcomes of the stage that wrote to the sink (a failed
   * or interrupted lower stage is returned as such, with no sink messages).
   */
  TaskOutcomes run(
      PlanSpec root,
      Map<String, SourceRange> ranges,
      WriterFactory writers,
      StateManager state,
      long batchId,
      OutputMode mode,
      int partitions) {
    staticTables.prepare(root);
    return runStage(root, writers, mode, new BatchRun(ranges, state, batchId, partitions));
  }

  /** Runs the stage rooted at {@code root} after the stages below it. */
  private TaskOutcomes runStage(
      PlanSpec root, WriterFactory writers, OutputMode mode, BatchRun batch) {
    Optional<ExchangeSpec> exchange = PipelineBuilder.exchangeBelow(root);
    if (exchange.isEmpty()) {
      return TaskOutcomes.runAll(pool, scanTasks(root, batch.ranges(), writers));
    }
    KeyGroups keyGroups = batch.state().keyGroups();
    int partitions = batch.partitions();
    ExchangeRouter router = new ExchangeRouter(exchange.get(), keyGroups, partitions);
    // The exchanged batches outlive the lower tasks (whose allocators close with them) until this
    // stage's readers move them into their own.
    try (BufferAllocator exchangeAllocator =
        allocator.newChildAllocator("exchange of batch " + batch.batchId(), 0, Long.MAX_VALUE)) {
      TaskOutcomes lower =
          runStage(
              exchange.get().input(),
              index ->
                  new ExchangeWriter(
                      exchange.get().schema(),
                      router,
                      partitions,
                      exchangeAllocator,
                      maxRowsPerBatch),
              feedingMode,
              batch);
      try (ExchangeSource shuffled =
          new ExchangeSource(exchange.get().schema(), partitions, lower.messages())) {
        if (lower.failure() != null || lower.interrupted()) {
          return new TaskOutcomes(
              List.of(), lower.failure(), lower.interrupted(), lower.sourceRows());
        }
        List<PartitionTask> tasks = new ArrayList<>();
        List<Chain> chains = PipelineBuilder.chains(root);
        for (int p = 0; p < partitions; p++) {
          StateContext context =
              new TaskState(
                  batch.state(),
                  batch.batchId(),
                  keyGroups.rangeOf(p, partitions),
                  mode,
                  eventTime.timestampMillis());
          for (Chain chain : chains) {
            tasks.add(
                new PartitionTask(
                    "batch " + batch.batchId() + " exchange/p" + p,
                    chain,
                    shuffled,
                    p,
                    0,
                    shuffled.batchCount(p),
                    writers.create(tasks.size()),
                    allocator,
                    maxRowsPerBatch,
                    functions,
                    context,
                    eventTime,
                    staticTables,
                    cancelled));
          }
        }
        return TaskOutcomes.runAll(pool, tasks).readingFromSources(lower.sourceRows());
      }
    }
  }

  private List<PartitionTask> scanTasks(
      PlanSpec root, Map<String, SourceRange> ranges, WriterFactory writers) {
    List<PartitionTask> tasks = new ArrayList<>();
    for (Chain chain : PipelineBuilder.chains(root)) {
      SourceRange range = ranges.get(chain.sourceId());
      for (int p = 0; p < range.end().length; p++) {
        if (range.end()[p] > range.start()[p]) {
          tasks.add(
              new PartitionTask(
                  chain.sourceId() + "/p" + p,
                  chain,
                  range.source(),
                  p,
                  range.start()[p],
                  range.end()[p],
                  writers.create(tasks.size()),
                  allocator,
                  maxRowsPerBatch,
                  functions,
                  null,
                  eventTime,
                  staticTables,
                  cancelled));
        }
      }
    }
    return tasks;
  }

  /** The state one task above an exchange sees: its key groups' stores at the batch's version. */
  private record TaskState(
      StateManager manager,
      long batchId,
      KeyGroupRange keyGroupRange,
      OutputMode outputMode,
      long batchTimestampMillis)
      implements StateContext {
    @Override
    public StateStore store(String operatorId, int keyGroup) {
      return manager.store(operatorId, keyGroup, batchId);
    }

    @Override
    public void commit(String operatorId) {
      manager.commit(operatorId, keyGroupRange, batchId);
    }

    @Override
    public KeyGroups keyGroups() {
      return manager.keyGroups();
    }
  }
}
