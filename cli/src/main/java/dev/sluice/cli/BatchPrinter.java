package dev.sluice.cli;

import static java.util.Objects.requireNonNull;

import dev.sluice.api.DataFrame;
import dev.sluice.api.ForeachBatchFunction;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.batch.TableFormatter;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Prints each micro-batch of a continuous query as it commits: its rows as a table (the first
 * {@code maxRows}; none for an empty batch), then a status line {@code batch N · R rows · T
 * rows/s}. T is the rows of the last few batches over the time they took to arrive, measured when
 * each reaches the sink (for the first batch, since the query started), so one slow batch does not
 * make the next look fast.
 *
 * <p>Runs on the query's thread. After {@code maxBatches} batches it prints nothing more and calls
 * {@code onLimit}, so the shell can stop the query without printing a stray extra batch.
 */
final class BatchPrinter implements ForeachBatchFunction {
  /** How many batches the rate is measured over. */
  static final int RATE_WINDOW = 5;

  private final PrintWriter out;
  private final int maxRows;
  private final long maxBatches;
  private final String separator;
  private final LongSupplier nanoTime;
  private final Runnable onLimit;

  /**
   * When recent batches reached the sink, and their row counts; the oldest is the window's start.
   */
  private final ArrayDeque<long[]> window = new ArrayDeque<>();

  private long printed;

  /**
   * @param out where to print
   * @param maxRows rows printed of each batch, positive
   * @param maxBatches batches to print before calling {@code onLimit}; 0 for no limit
   * @param separator between the parts of the status line, e.g. {@code " · "}
   * @param nanoTime the clock for the rate, {@code System::nanoTime} outside tests
   * @param onLimit called once, on the query's thread, after the last batch to print
   */
  BatchPrinter(
      PrintWriter out,
      int maxRows,
      long maxBatches,
      String separator,
      LongSupplier nanoTime,
      Runnable onLimit) {
    this.out = requireNonNull(out, "out is null");
    this.maxRows = maxRows;
    this.maxBatches = maxBatches;
    this.separator = requireNonNull(separator, "separator is null");
    this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    this.onLimit = requireNonNull(onLimit, "onLimit is null");
    window.add(new long[] {nanoTime.getAsLong(), 0});
  }

  @Override
  public synchronized void call(DataFrame batch, long batchId) {
    if (maxBatches > 0 && printed >= maxBatches) {
      return;
    }
    long now = nanoTime.getAsLong();
    List<Row> rows = batch.collectAsList();
    StringBuilder text = new StringBuilder();
    if (!rows.isEmpty()) {
      text.append(TableFormatter.format(batch.schema(), rows, maxRows, true));
    }
    text.append(status(batchId, rows.size(), rate(now, rows.size()))).append('\n');
    out.print(text);
    out.flush();
    printed++;
    if (maxBatches > 0 && printed >= maxBatches) {
      onLimit.run();
    }
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

  String status(long batchId, long rows, long rowsPerSecond) {
    return "batch "
        + batchId
        + separator
        + rows
        + (rows == 1 ? " row" : " rows")
        + separator
        + rowsPerSecond
        + " rows/s";
  }

  synchronized long printed() {
    return printed;
  }
}
