package dev.sluice.execution.driver;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.batch.RowOrdering;
import dev.sluice.execution.connector.CollectedRows;
import dev.sluice.execution.connector.RowCollectingWriter;
import dev.sluice.execution.connector.Sink;
import dev.sluice.execution.connector.SinkWriter;
import dev.sluice.execution.connector.Source;
import dev.sluice.execution.connector.WriterCommitMessage;
import dev.sluice.execution.connector.memory.MemoryStream;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.expression.UserFunctions;
import dev.sluice.execution.operator.PipelineBuilder;
import dev.sluice.execution.operator.PipelineBuilder.Chain;
import dev.sluice.execution.plan.PlanSpec;
import dev.sluice.execution.plan.QuerySpec;
import dev.sluice.execution.plan.ScanSpec;
import dev.sluice.execution.plan.SortSpec;
import java.util.ArrayList;
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
    RowCollector collector = new RowCollector();
    List<PartitionTask> tasks = new ArrayList<>();
    try (BufferAllocator queryAllocator =
        allocator.newChildAllocator("batch-query", 0, Long.MAX_VALUE)) {
      int writer = 0;
      for (Chain chain : PipelineBuilder.chains(root)) {
        Source source = sources.get(chain.scan().sourceId());
        long[] end = source.latestOffsets();
        for (int p = 0; p < end.length; p++) {
          if (end[p] > 0) {
            tasks.add(
                new PartitionTask(
                    "query " + chain.scan().sourceId() + "/p" + p,
                    chain,
                    source,
                    p,
                    0,
                    end[p],
                    collector.createWriter(0, writer++, queryAllocator),
                    queryAllocator,
                    maxRowsPerBatch,
                    functions,
                    () -> false));
          }
        }
      }
      TaskOutcomes outcomes = TaskOutcomes.runAll(pool, tasks);
      if (outcomes.interrupted()) {
        throw new SluiceException(ErrorCode.QUERY_FAILED, "query was interrupted");
      }
      if (outcomes.failure() != null) {
        throw outcomes.failure() instanceof RuntimeException r
            ? r
            : new SluiceException(
                ErrorCode.QUERY_FAILED, String.valueOf(outcomes.failure()), outcomes.failure());
      }
      return CollectedRows.concat(outcomes.messages());
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
