package dev.sluice.execution.driver;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.connector.PartitionReader;
import dev.sluice.execution.connector.SinkWriter;
import dev.sluice.execution.connector.Source;
import dev.sluice.execution.connector.WriterCommitMessage;
import dev.sluice.execution.eventtime.BatchTime;
import dev.sluice.execution.expression.UserFunctions;
import dev.sluice.execution.operator.Operator;
import dev.sluice.execution.operator.OperatorContext;
import dev.sluice.execution.operator.Output;
import dev.sluice.execution.operator.PipelineBuilder;
import dev.sluice.execution.operator.PipelineBuilder.Chain;
import dev.sluice.execution.operator.StateContext;
import dev.sluice.execution.operator.join.StaticTables;
import dev.sluice.execution.plan.PlanSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Runs one chain over one source partition's offset range for one micro-batch: reads the range in
 * bounded batches, pushes them through fresh operator instances into a sink writer, and returns the
 * writer's commit message. Every operator has its own child allocator; all are closed at the end,
 * so a leaked buffer fails the task instead of growing memory.
 */
final class PartitionTask implements Callable<PartitionTask.Result> {
  record Result(WriterCommitMessage message, long inputRows, long outputRows) {}

  private final Chain chain;
  private final Source source;
  private final int partition;
  private final long start;
  private final long end;
  private final SinkWriter writer;
  private final BufferAllocator allocator;
  private final int maxRowsPerBatch;
  private final UserFunctions functions;
  private final String name;
  private final java.util.function.BooleanSupplier cancelled;
  private final StateContext state;
  private final BatchTime eventTime;
  private final StaticTables staticTables;

  PartitionTask(
      String name,
      Chain chain,
      Source source,
      int partition,
      long start,
      long end,
      SinkWriter writer,
      BufferAllocator allocator,
      int maxRowsPerBatch,
      UserFunctions functions,
      StateContext state,
      BatchTime eventTime,
      StaticTables staticTables,
      java.util.function.BooleanSupplier cancelled) {
    this.name = name;
    this.staticTables = staticTables;
    this.eventTime = eventTime;
    this.state = state;
    this.cancelled = cancelled;
    this.chain = chain;
    this.source = source;
    this.partition = partition;
    this.start = start;
    this.end = end;
    this.writer = writer;
    this.allocator = allocator;
    this.maxRowsPerBatch = maxRowsPerBatch;
    this.functions = functions;
  }

  @Override
  public Result call() {
    List<Operator> operators = new ArrayList<>();
    List<BufferAllocator> allocators = new ArrayList<>();
    CountingSinkOutput sinkOutput = new CountingSinkOutput(writer);
    boolean succeeded = false;
    long inputRows = 0;
    try {
      // Build back to front so each operator knows its output.
      Output next = sinkOutput;
      List<PlanSpec> specs = chain.operators();
      for (int i = specs.size() - 1; i >= 0; i--) {
        PlanSpec spec = specs.get(i);
        String operatorName = PipelineBuilder.nameOf(spec) + "#" + i + "[" + name + "]";
        BufferAllocator child = allocator.newChildAllocator(operatorName, 0, Long.MAX_VALUE);
        allocators.add(child);
        Operator operator = PipelineBuilder.create(spec);
        operators.add(operator);
        operator.open(
            new OperatorContext(
                operatorName,
                child,
                maxRowsPerBatch,
                functions,
                state,
                eventTime.stats(),
                eventTime.watermarks(),
                staticTables),
            next);
        next = new OperatorOutput(operator);
      }
      if (eventTime.watermarkMillis() != Long.MIN_VALUE) {
        next.emitWatermark(eventTime.watermarkMillis());
      }
      BufferAllocator readerAllocator =
          allocator.newChildAllocator("reader[" + name + "]", 0, Long.MAX_VALUE);
      allocators.add(readerAllocator);
      try (PartitionReader reader =
          source.createReader(partition, start, end, maxRowsPerBatch, readerAllocator)) {
        Batch batch;
        while ((batch = reader.next()) != null) {
          if (cancelled.getAsBoolean()) {
            batch.close();
            throw new TaskCancelledException(name + " cancelled");
          }
          inputRows += batch.rowCount();
          next.emit(batch);
        }
      }
      next.endOfInput();
      WriterCommitMessage message = writer.commit();
      succeeded = true;
      return new Result(message, inputRows, sinkOutput.rows);
    } finally {
      if (!succeeded) {
        writer.abort();
      }
      writer.close();
      for (Operator operator : operators) {
        operator.close();
      }
      // Reverse creation order: children before nothing else depends on them.
      for (int i = allocators.size() - 1; i >= 0; i--) {
        allocators.get(i).close();
      }
    }
  }

  /** Delivers to the first operator of the rest of the chain. */
  private record OperatorOutput(Operator operator) implements Output {
    @Override
    public void emit(Batch batch) {
      operator.onBatch(0, batch);
    }

    @Override
    public void emitWatermark(long watermarkMillis) {
      operator.onWatermark(0, watermarkMillis);
    }

    @Override
    public void endOfInput() {
      operator.onEndOfInput(0);
    }
  }

  /** The end of the chain: the sink writer. */
  private static final class CountingSinkOutput implements Output {
    private final SinkWriter writer;
    private long rows;

    CountingSinkOutput(SinkWriter writer) {
      this.writer = writer;
    }

    @Override
    public void emit(Batch batch) {
      rows += batch.rowCount();
      writer.write(batch);
    }

    @Override
    public void emitWatermark(long watermarkMillis) {}

    @Override
    public void endOfInput() {}
  }
}
