package dev.sluice.cli.terminal;

import static java.util.Objects.requireNonNull;

import dev.sluice.api.DataFrame;
import dev.sluice.api.ForeachBatchFunction;
import dev.sluice.cli.render.OutputFormat;
import dev.sluice.cli.render.RowPrinter;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.batch.TableFormatter;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Prints each micro-batch of a continuous query as it commits, then a status line {@code batch N ·
 * R rows · T rows/s · watermark W}. T is the rows of the last few batches over the time they took
 * to arrive, measured when each reaches the sink (for the first batch, since the query started), so
 * one slow batch does not make the next look fast. W is the watermark the batch ran with, once the
 * query has one.
 *
 * <p>As a table, the first {@code maxRows} rows of a batch print above its status line (none for an
 * empty batch). With a {@link Redraw}, each batch replaces the last one on the screen: a query in
 * complete mode shows its whole result each batch, so the table updates in place instead of
 * scrolling. A query in update mode delivers only the rows that changed; given the result's key
 * columns, the printer keeps the result so far in a {@link LiveTable} and shows that, so a group's
 * row changes in place too. As CSV or JSON the rows go to the data stream with a {@code batch_id}
 * column and the status lines to the message stream, so the data stays machine-readable.
 *
 * <p>Runs on the query's thread. After {@code maxBatches} batches it prints nothing more and calls
 * {@code onLimit}, so the shell can stop the query without printing a stray extra batch.
 */
public final class BatchPrinter implements ForeachBatchFunction {
  /** How many batches the rate is measured over. */
  static final int RATE_WINDOW = 5;

  /** Erases what the last batch printed, when the screen allows it. */
  @FunctionalInterface
  public interface Redraw {
    /**
     * Moves the cursor up {@code lines} lines and clears the screen below it; does nothing when
     * they are not all on the screen any more (the next batch then prints below).
     */
    void erase(int lines);
  }

  /**
   * Where and how batches print.
   *
   * @param data where rows go
   * @param messages where status lines go when the rows are CSV or JSON (the same as {@code data}
   *     on a terminal showing tables)
   * @param maxRows rows printed of each batch as a table, positive
   * @param redraw how to replace the last batch on the screen, or null to let batches scroll
   * @param updateKey the result columns identifying a row of an update-mode query, to show the
   *     result so far instead of each batch's changed rows (tables only); null to show each batch
   */
  public record Output(
      PrintWriter data,
      PrintWriter messages,
      OutputFormat format,
      int maxRows,
      Redraw redraw,
      List<Integer> updateKey) {
    public Output {
      requireNonNull(data, "data is null");
      requireNonNull(messages, "messages is null");
      requireNonNull(format, "format is null");
    }
  }

  private final Output output;
  private final RowPrinter rows;

  /** The result so far of an update-mode query shown as a table; null otherwise. */
  private final LiveTable live;

  private final long maxBatches;
  private final String separator;
  private final LongSupplier nanoTime;
  private final Supplier<Long> watermark;
  private final Runnable onLimit;

  /**
   * When recent batches reached the sink, and their row counts; the oldest is the window's start.
   */
  private final ArrayDeque<long[]> window = new ArrayDeque<>();

  private long printed;

  /** Lines the last batch printed as a table, for the redraw to erase. */
  private int lastLines;

  /**
   * @param maxBatches batches to print before calling {@code onLimit}; 0 for no limit
   * @param separator between the parts of the status line, e.g. {@code " · "}
   * @param nanoTime the clock for the rate, {@code System::nanoTime} outside tests
   * @param watermark the query's watermark in epoch milliseconds, null while it has none
   * @param onLimit called once, on the query's thread, after the last batch to print
   */
  public BatchPrinter(
      Output output,
      long maxBatches,
      String separator,
      LongSupplier nanoTime,
      Supplier<Long> watermark,
      Runnable onLimit) {
    this.output = requireNonNull(output, "output is null");
    this.rows = output.format().printer(output.maxRows());
    this.live =
        output.updateKey() != null && output.format() == OutputFormat.TABLE
            ? new LiveTable(output.updateKey(), output.maxRows())
            : null;
    this.maxBatches = maxBatches;
    this.separator = requireNonNull(separator, "separator is null");
    this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    this.watermark = requireNonNull(watermark, "watermark is null");
    this.onLimit = requireNonNull(onLimit, "onLimit is null");
    window.add(new long[] {nanoTime.getAsLong(), 0});
  }

  @Override
  public synchronized void call(DataFrame batch, long batchId) {
    if (maxBatches > 0 && printed >= maxBatches) {
      return;
    }
    long now = nanoTime.getAsLong();
    List<Row> batchRows = batch.collectAsList();
    String status =
        status(
            batchId,
            batchRows.size(),
            live != null ? " changed" : "",
            rate(now, batchRows.size()),
            watermark.get());
    if (output.format() == OutputFormat.TABLE) {
      printTable(batch, batchRows, status);
    } else {
      rows.batch(output.data(), batch.schema(), batchId, batchRows, printed == 0);
      output.data().flush();
      output.messages().println(status);
      output.messages().flush();
    }
    printed++;
    if (maxBatches > 0 && printed >= maxBatches) {
      onLimit.run();
    }
  }

  private void printTable(DataFrame batch, List<Row> batchRows, String status) {
    List<Row> shown = batchRows;
    if (live != null) {
      live.upsert(batchRows);
      shown = live.rows();
    }
    StringBuilder text = new StringBuilder();
    if (!shown.isEmpty()) {
      text.append(TableFormatter.format(batch.schema(), shown, output.maxRows(), true));
    }
    if (live != null && live.droppedRows()) {
      text.append("the ")
          .append(output.maxRows())
          .append(" most recently changed rows; rows changed longer ago are not shown\n");
    }
    text.append(status).append('\n');
    if (output.redraw() != null && lastLines > 0) {
      output.redraw().erase(lastLines);
    }
    output.data().print(text);
    output.data().flush();
    lastLines = (int) text.chars().filter(c -> c == '\n').count();
  }

  /** Rows per second over the window ending with this batch, which then joins the window. */
  private long rate(long now, long rows) {
    window.addLast(new long[] {now, rows});
    if (window.size() > RATE_WINDOW + 1) {
      window.removeFirst();
    }
    long windowRows = window.stream().skip(1).mapToLong(entry -> entry[1]).sum();
    double seconds = Math.max(now - window.getFirst()[0], 1) / 1e9;
    return Math.round(windowRows / seconds);
  }

  /**
   * @param qualifier after "rows", e.g. {@code " changed"} for the rows an update-mode batch
   *     changed
   */
  String status(
      long batchId, long rows, String qualifier, long rowsPerSecond, Long watermarkMillis) {
    String status =
        "batch "
            + batchId
            + separator
            + rows
            + (rows == 1 ? " row" : " rows")
            + qualifier
            + separator
            + rowsPerSecond
            + " rows/s";
    if (watermarkMillis == null) {
      return status;
    }
    LocalDateTime time =
        LocalDateTime.ofInstant(Instant.ofEpochMilli(watermarkMillis), ZoneOffset.UTC);
    return status + separator + "watermark " + TableFormatter.cell(time);
  }

  public synchronized long printed() {
    return printed;
  }
}
