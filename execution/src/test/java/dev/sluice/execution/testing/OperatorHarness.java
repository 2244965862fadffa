package dev.sluice.execution.testing;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.batch.BatchBuilder;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.expression.UserFunctions;
import dev.sluice.execution.operator.Operator;
import dev.sluice.execution.operator.OperatorContext;
import dev.sluice.execution.operator.Output;
import dev.sluice.execution.type.Schema;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Drives one operator in a test: build input batches row by row, push watermarks and end of input,
 * read what it emitted. {@link #close()} closes the operator and then its allocator, so a leaked
 * buffer fails the test.
 */
public final class OperatorHarness implements AutoCloseable {
  private final BufferAllocator root = new RootAllocator();
  private final BufferAllocator operatorAllocator =
      root.newChildAllocator("operator", 0, Long.MAX_VALUE);
  private final Operator operator;
  private final Schema inputSchema;
  private final int maxRowsPerBatch;
  private final List<List<Row>> emittedBatches = new ArrayList<>();
  private final List<Long> watermarks = new ArrayList<>();
  private int endsOfInput;

  public OperatorHarness(
      Operator operator, Schema inputSchema, int maxRowsPerBatch, UserFunctions functions) {
    this.operator = operator;
    this.inputSchema = inputSchema;
    this.maxRowsPerBatch = maxRowsPerBatch;
    operator.open(
        new OperatorContext("under-test", operatorAllocator, maxRowsPerBatch, functions, null),
        new Output() {
          @Override
          public void emit(Batch batch) {
            try (batch) {
              emittedBatches.add(batch.toRows());
            }
          }

          @Override
          public void emitWatermark(long watermarkMillis) {
            watermarks.add(watermarkMillis);
          }

          @Override
          public void endOfInput() {
            endsOfInput++;
          }
        });
  }

  /** Sends the rows as batches of at most the chunk size. */
  public OperatorHarness process(Row... rows) {
    try (BatchBuilder builder = new BatchBuilder(inputSchema, root, maxRowsPerBatch)) {
      for (Batch batch : builder.addAll(List.of(rows)).build()) {
        operator.onBatch(0, batch);
      }
    }
    return this;
  }

  public OperatorHarness watermark(long millis) {
    operator.onWatermark(0, millis);
    return this;
  }

  public OperatorHarness endOfInput() {
    operator.onEndOfInput(0);
    return this;
  }

  public List<Row> output() {
    List<Row> rows = new ArrayList<>();
    emittedBatches.forEach(rows::addAll);
    return rows;
  }

  public List<List<Row>> outputBatches() {
    return emittedBatches;
  }

  public List<Long> watermarks() {
    return watermarks;
  }

  public int endsOfInput() {
    return endsOfInput;
  }

  @Override
  public void close() {
    operator.close();
    operatorAllocator.close();
    root.close();
  }
}
