package dev.sluice.sinks.console;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.batch.TableFormatter;
import dev.sluice.execution.connector.CollectedRows;
import dev.sluice.execution.connector.RowCollectingWriter;
import dev.sluice.execution.connector.Sink;
import dev.sluice.execution.connector.SinkWriter;
import dev.sluice.execution.connector.WriterCommitMessage;
import dev.sluice.execution.type.Schema;
import java.io.PrintStream;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Prints each committed batch to the console, as Spark's console sink does: a banner with the batch
 * id, then the first {@code numRows} rows as a {@link TableFormatter} table, then a blank line.
 * Printing is not transactional: a batch re-run after a crash prints again.
 */
public final class ConsoleSink implements Sink {
  private static final String RULE = "-------------------------------------------";

  private final Schema schema;
  private final PrintStream console;
  private final int numRows;
  private final boolean truncate;

  /**
   * @param schema the schema of the query's rows
   * @param console where to print
   * @param numRows how many rows of a batch to print, positive
   * @param truncate whether to cut long cells (see {@link TableFormatter})
   */
  public ConsoleSink(Schema schema, PrintStream console, int numRows, boolean truncate) {
    this.schema = requireNonNull(schema, "schema is null");
    this.console = requireNonNull(console, "console is null");
    if (numRows < 1) {
      throw new IllegalArgumentException("numRows must be positive: " + numRows);
    }
    this.numRows = numRows;
    this.truncate = truncate;
  }

  @Override
  public SinkWriter createWriter(long batchId, int partition, BufferAllocator allocator) {
    return new RowCollectingWriter();
  }

  @Override
  public void commit(long batchId, List<WriterCommitMessage> messages) {
    List<Row> rows = CollectedRows.concat(messages);
    String text =
        RULE
            + "\nBatch: "
            + batchId
            + "\n"
            + RULE
            + "\n"
            + TableFormatter.format(schema, rows, numRows, truncate)
            + "\n";
    console.print(text);
    console.flush();
  }

  @Override
  public String description() {
    return "ConsoleSink[numRows=" + numRows + ", truncate=" + truncate + "]";
  }
}
