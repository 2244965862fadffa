package dev.sluice.execution.driver;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.connector.Sink;
import dev.sluice.execution.connector.Source;
import dev.sluice.execution.eventtime.EventTimeOptions;
import dev.sluice.execution.expression.UserFunctions;
import dev.sluice.execution.plan.QuerySpec;
import dev.sluice.state.KeyGroups;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Everything a streaming query runs with.
 *
 * @param name the user's name for the query, or null
 * @param plan the physical plan
 * @param sources a source instance for every id in {@code plan.sources()}; the query closes them
 *     when it ends
 * @param sink where results go; the query closes it when it ends
 * @param outputMode what the sink receives each batch
 * @param trigger when batches run
 * @param checkpointLocation where offsets, commits and metadata live
 * @param maxRowsPerBatch the chunk size: no batch between operators is larger
 * @param partitions how many partitions the stage after an exchange runs in (may change between
 *     restarts; state is kept per key group)
 * @param keyGroups how many key groups state is split into (a power of two); fixed when the query
 *     first starts with a checkpoint, and a restart asking for another number is refused
 * @param pool the partition pool tasks run on (shared by the session's queries)
 * @param allocator the parent of every allocator the query makes
 * @param clock the query's time
 * @param functions user functions the plan names
 * @param eventTime watermark policy, idle timeout and where late rows go
 */
public record QueryConfig(
    String name,
    QuerySpec plan,
    Map<String, Source> sources,
    Sink sink,
    OutputMode outputMode,
    Trigger trigger,
    Path checkpointLocation,
    int maxRowsPerBatch,
    int partitions,
    int keyGroups,
    ExecutorService pool,
    BufferAllocator allocator,
    Clock clock,
    UserFunctions functions,
    EventTimeOptions eventTime) {
  public QueryConfig {
    requireNonNull(eventTime, "eventTime is null");
    requireNonNull(plan, "plan is null");
    sources = Map.copyOf(sources);
    requireNonNull(sink, "sink is null");
    requireNonNull(outputMode, "outputMode is null");
    requireNonNull(trigger, "trigger is null");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be positive: " + partitions);
    }
    KeyGroups.of(keyGroups); // validates
    requireNonNull(checkpointLocation, "checkpointLocation is null");
    requireNonNull(pool, "pool is null");
    requireNonNull(allocator, "allocator is null");
    requireNonNull(clock, "clock is null");
    requireNonNull(functions, "functions is null");
    for (var source : plan.sources()) {
      if (!sources.containsKey(source.id())) {
        throw new IllegalArgumentException("no source instance for " + source.id());
      }
    }
  }

  /** A query with the default event-time options ({@link EventTimeOptions#defaults()}). */
  public QueryConfig(
      String name,
      QuerySpec plan,
      Map<String, Source> sources,
      Sink sink,
      OutputMode outputMode,
      Trigger trigger,
      Path checkpointLocation,
      int maxRowsPerBatch,
      int partitions,
      int keyGroups,
      ExecutorService pool,
      BufferAllocator allocator,
      Clock clock,
      UserFunctions functions) {
    this(
        name,
        plan,
        sources,
        sink,
        outputMode,
        trigger,
        checkpointLocation,
        maxRowsPerBatch,
        partitions,
        keyGroups,
        pool,
        allocator,
        clock,
        functions,
        EventTimeOptions.defaults());
  }
}
