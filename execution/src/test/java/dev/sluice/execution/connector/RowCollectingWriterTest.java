package dev.sluice.execution.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.batch.BatchBuilder;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RowCollectingWriterTest {
  private static final Schema SCHEMA = Schema.of(Field.nullable("id", SqlType.BIGINT));

  private final RootAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  @Test
  void copiesRowsOutAndClosesEveryBatch() {
    RowCollectingWriter writer = new RowCollectingWriter();
    try (BatchBuilder builder = new BatchBuilder(SCHEMA, allocator, 2)) {
      for (Batch batch : builder.addAll(List.of(Row.of(1L), Row.of(2L), Row.of(3L))).build()) {
        writer.write(batch);
      }
    }

    assertThat(allocator.getAllocatedMemory()).isZero();
    assertThat(writer.commit().rows()).containsExactly(Row.of(1L), Row.of(2L), Row.of(3L));
  }

  @Test
  void abortForgetsTheRows() {
    RowCollectingWriter writer = new RowCollectingWriter();
    try (BatchBuilder builder = new BatchBuilder(SCHEMA, allocator, 8)) {
      writer.write(builder.add(Row.of(1L)).build().get(0));
    }
    writer.abort();

    assertThat(writer.commit().rows()).isEmpty();
  }

  @Test
  void concatenatesMessagesInPartitionOrder() {
    List<WriterCommitMessage> messages =
        List.of(new CollectedRows(List.of(Row.of(2L))), new CollectedRows(List.of(Row.of(1L))));

    assertThat(CollectedRows.concat(messages)).containsExactly(Row.of(2L), Row.of(1L));
    assertThatThrownBy(() -> CollectedRows.concat(List.of(new WriterCommitMessage() {})))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
