package dev.sluice.execution.exchange;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.connector.WriterCommitMessage;
import java.util.List;

/**
 * What one lower-stage task sends through the exchange: its rows split into batches per target
 * partition. Owns the batches until an {@link ExchangeSource} takes them over.
 *
 * @param byPartition for each upper partition, the batches of rows it owns
 */
public record ExchangedBatches(List<List<Batch>> byPartition)
    implements WriterCommitMessage, AutoCloseable {
  public ExchangedBatches {
    byPartition = byPartition.stream().map(List::copyOf).toList();
  }

  @Override
  public void close() {
    byPartition.forEach(batches -> batches.forEach(Batch::close));
  }
}
