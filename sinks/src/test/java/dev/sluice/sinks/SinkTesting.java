package dev.sluice.sinks;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.batch.BatchBuilder;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.ConnectorOptions;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.connector.ResultTables;
import dev.sluice.execution.connector.Sink;
import dev.sluice.execution.connector.SinkContext;
import dev.sluice.execution.connector.SinkWriter;
import dev.sluice.execution.connector.WriterCommitMessage;
import dev.sluice.execution.type.Schema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;

/** Drives sinks through the SPI in tests: contexts, fake result tables, one batch at a time. */
public final class SinkTesting {
  private SinkTesting() {}

  /** A {@link ResultTables} that remembers what was published. */
  public static final class FakeResultTables implements ResultTables {
    public final Map<String, Schema> schemas = new HashMap<>();
    public final Map<String, Supplier<List<Row>>> tables = new HashMap<>();

    @Override
    public void publish(String name, Schema schema, Supplier<List<Row>> rows) {
      schemas.put(name, schema);
      tables.put(name, rows);
    }
  }

  /** A console that keeps what is printed. */
  public static final class CapturedConsole {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    public final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    public String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  public static SinkContext context(
      String connector,
      Map<String, String> options,
      Schema schema,
      OutputMode mode,
      Optional<String> queryName,
      PrintStream console,
      ResultTables tables,
      Optional<Object> userFunction) {
    return new SinkContext(
        new ConnectorOptions(connector, options),
        schema,
        mode,
        queryName,
        console,
        tables,
        userFunction);
  }

  /**
   * Writes batch {@code batchId} through one writer per partition ({@code partitions.get(p)} are
   * partition p's rows, sent in batches of 2 rows), then commits it.
   */
  public static void writeBatch(
      Sink sink,
      long batchId,
      Schema schema,
      BufferAllocator allocator,
      List<List<Row>> partitions) {
    List<WriterCommitMessage> messages = new ArrayList<>();
    for (int p = 0; p < partitions.size(); p++) {
      try (SinkWriter writer = sink.createWriter(batchId, p, allocator);
          BatchBuilder builder = new BatchBuilder(schema, allocator, 2)) {
        for (Batch batch : builder.addAll(partitions.get(p)).build()) {
          writer.write(batch);
        }
        messages.add(writer.commit());
      }
    }
    sink.commit(batchId, messages);
  }
}
