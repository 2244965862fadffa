package dev.sluice.execution.exchange;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.connector.PartitionReader;
import dev.sluice.execution.connector.Source;
import dev.sluice.execution.connector.WriterCommitMessage;
import dev.sluice.execution.type.Schema;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The upper stage's input: the batches the lower stage's {@link ExchangeWriter}s routed to each
 * partition, in lower-task order. Partition {@code p}'s offsets number its batches; a reader moves
 * each batch into its own allocator. Closing releases whatever no reader took.
 */
public final class ExchangeSource implements Source {
  private final Schema schema;
  private final List<List<Batch>> byPartition = new ArrayList<>();

  /** Takes over the batches of {@code messages} (each an {@link ExchangedBatches}). */
  public ExchangeSource(Schema schema, int partitions, List<WriterCommitMessage> messages) {
    this.schema = schema;
    for (int p = 0; p < partitions; p++) {
      byPartition.add(new ArrayList<>());
    }
    for (WriterCommitMessage message : messages) {
      List<List<Batch>> routed = ((ExchangedBatches) message).byPartition();
      for (int p = 0; p < partitions; p++) {
        byPartition.get(p).addAll(routed.get(p));
      }
    }
  }

  /** The number of batches routed to {@code partition}: its end offset. */
  public long batchCount(int partition) {
    return byPartition.get(partition).size();
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public int partitionCount() {
    return byPartition.size();
  }

  @Override
  public long[] latestOffsets() {
    return byPartition.stream().mapToLong(List::size).toArray();
  }

  @Override
  public PartitionReader createReader(
      int partition, long start, long end, int maxRowsPerBatch, BufferAllocator allocator) {
    List<Batch> batches = byPartition.get(partition);
    return new PartitionReader() {
      private long next = start;

      @Override
      public Batch next() {
        if (next >= end) {
          return null;
        }
        Batch batch = batches.get((int) next++);
        return batch.transferTo(allocator);
      }
    };
  }

  @Override
  public String description() {
    return "exchange";
  }

  @Override
  public void close() {
    byPartition.forEach(batches -> batches.forEach(Batch::close));
  }
}
