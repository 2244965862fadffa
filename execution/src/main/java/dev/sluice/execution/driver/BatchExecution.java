package dev.sluice.execution.driver;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.CollectedRows;
import dev.sluice.execution.connector.RowCollectingWriter;
import dev.sluice.execution.connector.Sink;
import dev.sluice.execution.connector.SinkWriter;
import dev.sluice.execution.connector.Source;
import dev.sluice.execution.connector.WriterCommitMessage;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.expression.UserFunctions;
import dev.sluice.execution.operator.PipelineBuilder;
import dev.sluice.execution.operator.PipelineBuilder.Chain;
import dev.sluice.execution.plan.QuerySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Runs a plan once over everything its sources hold now and returns the rows: a query over static
 * tables. It is the same operators and tasks as a micro-batch, without offset or commit logs.
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
    RowCollector collector = new RowCollector();
    List<PartitionTask> tasks = new ArrayList<>();
    try (BufferAllocator queryAllocator =
        allocator.newChildAllocator("batch-query", 0, Long.MAX_VALUE)) {
      int writer = 0;
      for (Chain chain : PipelineBuilder.chains(plan.root())) {
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
                    functions));
          }
        }
      }
      List<Row> rows = new ArrayList<>();
      for (Future<PartitionTask.Result> future : pool.invokeAll(tasks)) {
        rows.addAll(((CollectedRows) future.get().message()).rows());
      }
      return rows;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new SluiceException(ErrorCode.QUERY_FAILED, String.valueOf(e.getCause()), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SluiceException(ErrorCode.QUERY_FAILED, "query was interrupted", e);
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
