package dev.sluice.execution.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.batch.BatchBuilder;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.PartitionReader;
import dev.sluice.execution.connector.WriterCommitMessage;
import dev.sluice.execution.operator.aggregate.ExchangeRouter;
import dev.sluice.execution.plan.ExchangeSpec;
import dev.sluice.execution.plan.ScanSpec;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import dev.sluice.state.KeyGroups;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lower tasks split their rows by owning partition; each upper partition reads exactly its own. */
class ExchangeTest {
  private static final Schema ROWS =
      Schema.of(Field.nullable("k", SqlType.VARCHAR), Field.nullable("v", SqlType.BIGINT));
  private static final int PARTITIONS = 3;
  private static final KeyGroups KEY_GROUPS = KeyGroups.of(16);

  private final RootAllocator root = new RootAllocator();
  private final ExchangeRouter router =
      new ExchangeRouter(new ExchangeSpec(new ScanSpec("s", ROWS), 1), KEY_GROUPS, PARTITIONS);

  @AfterEach
  void close() {
    root.close(); // fails if a buffer leaked
  }

  private List<Batch> batches(BufferAllocator allocator, int from, int to) {
    try (BatchBuilder builder = new BatchBuilder(ROWS, allocator, 4)) {
      for (int i = from; i < to; i++) {
        builder.add(Row.of(i % 7 == 0 ? null : "key" + (i % 11), (long) i));
      }
      return builder.build();
    }
  }

  @Test
  void everyRowReachesExactlyThePartitionOwningItsKeyInBoundedBatches() {
    List<WriterCommitMessage> messages = new ArrayList<>();
    try (BufferAllocator exchange = root.newChildAllocator("exchange", 0, Long.MAX_VALUE)) {
      for (int task = 0; task < 2; task++) {
        try (BufferAllocator taskAllocator = root.newChildAllocator("task", 0, Long.MAX_VALUE);
            ExchangeWriter writer = new ExchangeWriter(ROWS, router, PARTITIONS, exchange, 2)) {
          for (Batch batch : batches(taskAllocator, task * 50, task * 50 + 50)) {
            writer.write(batch);
          }
          messages.add(writer.commit());
        }
      }
      List<Row> all = new ArrayList<>();
      try (ExchangeSource source = new ExchangeSource(ROWS, PARTITIONS, messages)) {
        for (int p = 0; p < PARTITIONS; p++) {
          try (BufferAllocator reader = root.newChildAllocator("reader", 0, Long.MAX_VALUE);
              PartitionReader batches =
                  source.createReader(p, 0, source.batchCount(p), 2, reader)) {
            for (Batch next = batches.next(); next != null; next = batches.next()) {
              try (Batch batch = next) {
                assertThat(batch.rowCount()).isBetween(1, 2);
                int[] owners = router.partitions(batch);
                for (int owner : owners) {
                  assertThat(owner).isEqualTo(p);
                }
                all.addAll(batch.toRows());
              }
            }
          }
        }
      }
      assertThat(all)
          .extracting(row -> row.getLong(1))
          .containsExactlyInAnyOrderElementsOf(
              java.util.stream.LongStream.range(0, 100).boxed().toList());
    }
  }

  @Test
  void anAbortedWriterAndAnUnreadSourceReleaseTheirBatches() {
    try (BufferAllocator exchange = root.newChildAllocator("exchange", 0, Long.MAX_VALUE)) {
      ExchangeWriter aborted = new ExchangeWriter(ROWS, router, PARTITIONS, exchange, 3);
      for (Batch batch : batches(root, 0, 20)) {
        aborted.write(batch);
      }
      aborted.abort();
      aborted.close();
      ExchangeWriter committed = new ExchangeWriter(ROWS, router, PARTITIONS, exchange, 3);
      for (Batch batch : batches(root, 0, 20)) {
        committed.write(batch);
      }
      WriterCommitMessage message = committed.commit();
      committed.close();
      assertThat(exchange.getAllocatedMemory()).isPositive();
      new ExchangeSource(ROWS, PARTITIONS, List.of(message)).close();
      assertThat(exchange.getAllocatedMemory()).isZero();
    }
  }
}
