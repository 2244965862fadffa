package dev.sluice.execution.driver;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.batch.RowOrdering;
import dev.sluice.execution.connector.CollectedRows;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.connector.RowCollectingWriter;
import dev.sluice.execution.connector.Sink;
import dev.sluice.execution.connector.SinkWriter;
import dev.sluice.execution.connector.Source;
import dev.sluice.execution.connector.WriterCommitMessage;
import dev.sluice.execution.connector.memory.MemoryStream;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.eventtime.BatchTime;
import dev.sluice.execution.expression.UserFunctions;
import dev.sluice.execution.operator.PipelineBuilder;
import dev.sluice.execution.operator.join.StaticTables;
import dev.sluice.execution.plan.PlanSpec;
import dev.sluice.execution.plan.QuerySpec;
import dev.sluice.execution.plan.ScanSpec;
import dev.sluice.execution.plan.SortSpec;
import dev.sluice.state.KeyGroups;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Runs a plan once over everything its sources hold now and returns the rows: a query over static
 * tables. It is the same operators and tasks as a micro-batch, without offset or commit logs; a
 * root ORDER BY / LIMIT is applied to the collected result.
 */
public final class BatchExecution {
  private BatchExecution() {}

  public static List<Row> run(
      QuerySpec plan,
      Map<String, Source> sources,
      ExecutorService pool,
      BufferAllocator allocator,
      int maxRowsPerBatch,
      UserFunctions functions) {
    Map<String, Source> allSources = new java.util.HashMap<>(sources);
    PlanSpec root =
        materializeSorts(plan.root(), allSources, pool, allocator, maxRowsPerBatch, functions);
    return runPipelines(root, allSources, pool, allocator, maxRowsPerBatch, functions);
  }

  private static final String SORTED = "sorted#";

  /**
   * Replaces every sort, innermost first, by a one-partition source of its sorted rows. The
   * operators above a sort keep row order (one task reads the single partition in order).
   */
  private static PlanSpec materializeSorts(
      PlanSpec spec,
      Map<String, Source> sources,
      ExecutorService pool,
      BufferAllocator allocator,
      int maxRowsPerBatch,
      UserFunctions functions) {
    List<PlanSpec> inputs = new ArrayList<>();
    for (PlanSpec input : spec.inputs()) {
      inputs.add(materializeSorts(input, sources, pool, allocator, maxRowsPerBatch, functions));
    }
    PlanSpec rebuilt = spec.withInputs(inputs);
    if (!(rebuilt instanceof SortSpec sort)) {
      return rebuilt;
    }
    List<Row> rows =
        new ArrayList<>(
            runPipelines(sort.input(), sources, pool, allocator, maxRowsPerBatch, functions));
    rows.sort(RowOrdering.of(sort.keys()));
    int from = (int) Math.min(rows.size(), sort.offset());
    int to = sort.fetch() < 0 ? rows.size() : (int) Math.min(rows.size(), from + sort.fetch());
    String id = SORTED + sources.size();
    MemoryStream sorted = new MemoryStream(id, sort.schema(), 1);
    sorted.addData(rows.subList(from, to));
    sources.put(id, sorted);
    return new ScanSpec(id, sort.schema());
  }

  private static List<Row> runPipelines(
      PlanSpec root,
      Map<String, Source> sources,
      ExecutorService pool,
      BufferAllocator allocator,
      int maxRowsPerBatch,
      UserFunctions functions) {
    Map<String, Stages.SourceRange> ranges = new HashMap<>();
    for (String id : scannedSources(root, new java.util.TreeSet<>())) {
      Source source = sources.get(id);
      long[] end = source.latestOffsets();
      ranges.put(id, new Stages.SourceRange(source, new long[end.length], end));
    }
    // An aggregation keeps its state in a scratch directory for the one batch this query is.
    Path scratch = null;
    StateManager state = null;
    try (BufferAllocator queryAllocator =
            allocator.newChildAllocator("batch-query", 0, Long.MAX_VALUE);
        StaticTables staticTables =
            new StaticTables(
                table -> run(table, sources, pool, queryAllocator, maxRowsPerBatch, functions),
                queryAllocator)) {
      if (PipelineBuilder.exchangeBelow(root).isPresent()) {
        scratch = Files.createTempDirectory("sluice-batch-state-");
        state = new StateManager(scratch, KeyGroups.of(SCRATCH_KEY_GROUPS));
      }
      RowCollector collector = new RowCollector();
      TaskOutcomes outcomes =
          new Stages(
                  pool,
                  queryAllocator,
                  maxRowsPerBatch,
                  functions,
                  BatchTime.untracked(System.currentTimeMillis()),
                  OutputMode.COMPLETE,
                  staticTables,
                  () -> false)
              .run(
                  root,
                  ranges,
                  index -> collector.createWriter(0, index, queryAllocator),
                  state,
                  0,
                  OutputMode.COMPLETE,
                  SCRATCH_PARTITIONS);
      if (outcomes.interrupted()) {
        // The InterruptedException cause lets a streaming query that ran this one-off query (in a
        // foreachBatch function) and is being stopped tell the interruption from a failure.
        throw new SluiceException(
            ErrorCode.QUERY_FAILED, "query was interrupted", new InterruptedException());
      }
      if (outcomes.failure() != null) {
        throw outcomes.failure() instanceof RuntimeException r
            ? r
            : new SluiceException(
                ErrorCode.QUERY_FAILED, String.valueOf(outcomes.failure()), outcomes.failure());
      }
      return CollectedRows.concat(outcomes.messages());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create scratch state for a query", e);
    } finally {
      if (state != null) {
        state.close();
      }
      deleteRecursively(scratch);
    }
  }

  /** The ids of the sources {@code spec} scans (not those of its joins' static sides). */
  private static java.util.Set<String> scannedSources(PlanSpec spec, java.util.Set<String> into) {
    if (spec instanceof ScanSpec scan) {
      into.add(scan.sourceId());
    }
    spec.inputs().forEach(input -> scannedSources(input, into));
    return into;
  }

  private static final int SCRATCH_KEY_GROUPS = 16;
  private static final int SCRATCH_PARTITIONS = 2;

  private static void deleteRecursively(Path directory) {
    if (directory == null) {
      return;
    }
    try (var files = Files.walk(directory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      // best effort: it is a temporary directory
    }
  }

  /** Keeps each writer's rows in its commit message; the runner reads them back. */
  private static final class RowCollector implements Sink {
    @Override
    public SinkWriter createWriter(long batchId, int partition, BufferAllocator allocator) {
      return new RowCollectingWriter();
    }

    @Override
    public void commit(long batchId, List<WriterCommitMessage> messages) {}

    @Override
    public String description() {
      return "collect";
    }
  }
}
