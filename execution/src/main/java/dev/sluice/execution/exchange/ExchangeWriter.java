package dev.sluice.execution.exchange;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.connector.SinkWriter;
import dev.sluice.execution.operator.aggregate.ExchangeRouter;
import dev.sluice.execution.type.Schema;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The end of a lower-stage task: splits every batch by the partition owning each row's key (inside
 * the task, so routing runs in parallel) into Arrow batches allocated from the exchange's
 * allocator, which outlives the task.
 */
public final class ExchangeWriter implements SinkWriter {
  private final ExchangeRouter router;
  private final PartitionedBatches out;

  public ExchangeWriter(
      Schema schema,
      ExchangeRouter router,
      int partitions,
      BufferAllocator exchangeAllocator,
      int maxRowsPerBatch) {
    this.router = router;
    this.out = new PartitionedBatches(schema, partitions, exchangeAllocator, maxRowsPerBatch);
  }

  @Override
  public void write(Batch batch) {
    try (batch) {
      int[] owners = router.partitions(batch);
      for (int row = 0; row < owners.length; row++) {
        out.append(owners[row], batch, row);
      }
    }
  }

  @Override
  public ExchangedBatches commit() {
    return new ExchangedBatches(out.build());
  }

  @Override
  public void abort() {
    out.close();
  }

  @Override
  public void close() {
    out.close();
  }
}
