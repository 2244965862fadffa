package dev.sluice.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.PartitionReader;
import dev.sluice.execution.connector.Source;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** Reads source ranges back as rows in tests, checking the batch-size contract on the way. */
public final class SourceReads {
  private SourceReads() {}

  public static List<Row> read(
      Source source, int partition, long start, long end, int maxRows, BufferAllocator allocator) {
    List<Row> rows = new ArrayList<>();
    try (PartitionReader reader = source.createReader(partition, start, end, maxRows, allocator)) {
      Batch next;
      while ((next = reader.next()) != null) {
        try (Batch batch = next) {
          assertThat(batch.rowCount()).isBetween(1, maxRows);
          assertThat(batch.schema()).isEqualTo(source.schema());
          rows.addAll(batch.toRows());
        }
      }
    }
    return rows;
  }

  /** Every partition from offset 0 to {@code ends[p]}, in partition order. */
  public static List<Row> readAll(
      Source source, long[] ends, int maxRows, BufferAllocator allocator) {
    List<Row> rows = new ArrayList<>();
    for (int p = 0; p < ends.length; p++) {
      rows.addAll(read(source, p, 0, ends[p], maxRows, allocator));
    }
    return rows;
  }
}
