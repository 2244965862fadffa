package dev.sluice.cli;

import static java.util.Objects.requireNonNull;

import dev.sluice.api.DataFrame;
import dev.sluice.api.ForeachBatchFunction;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.batch.TableFormatter;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongSupplier;

/**
 * Prints each micro-batch of a continuous query as it commits: its rows as a table (the first
 * {@code maxRows}; none for an empty batch), then a status line {@code batch N · R rows · T
 * rows/s}, where T is R over the time since the previous batch printed (or the query started).
 *
 * <p>Runs on the query's thread. After {@code maxBatches} batches it prints nothing more and opens
 * {@link #limitReached()}, so the shell can stop the query without a stray extra batch.
 */
final class BatchPrinter implements ForeachBatchFunction {
  private final PrintWriter out;
  private final int maxRows;
  private final long maxBatches;
  private final String separator;
  private final LongSupplier nanoTime;
  private final CountDownLatch limitReached = new CountDownLatch(1);
  private long lastNanos;
  private long printed;

  /**
   * @param out where to print
   * @param maxRows rows printed of each batch, positive
   * @param maxBatches batches to print before {@link #limitReached()} opens; 0 for no limit
   * @param separator between the parts of the status line, e.g. {@code " · "}
   * @param nanoTime the clock for the rate, {@code System::nanoTime} outside tests
   */
  BatchPrinter(
      PrintWriter out, int maxRows, long maxBatches, String separator, LongSupplier nanoTime) {
    this.out = requireNonNull(out, "out is null");
    this.maxRows = maxRows;
    this.maxBatches = maxBatches;
    this.separator = requireNonNull(separator, "separator is null");
    this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    this.lastNanos = nanoTime.getAsLong();
  }

  @Override
  public synchronized void call(DataFrame batch, long batchId) {
    if (maxBatches > 0 && printed >= maxBatches) {
      return;
    }
    List<Row> rows = batch.collectAsList();
    long now = nanoTime.getAsLong();
    double seconds = Math.max(now - lastNanos, 1) / 1e9;
    lastNanos = now;
    StringBuilder text = new StringBuilder();
    if (!rows.isEmpty()) {
      text.append(TableFormatter.format(batch.schema(), rows, maxRows, true));
    }
    text.append(status(batchId, rows.size(), Math.round(rows.size() / seconds))).append('\n');
    out.print(text);
    out.flush();
    printed++;
    if (maxBatches > 0 && printed >= maxBatches) {
      limitReached.countDown();
    }
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

  /** Opens once {@code maxBatches} batches have printed; never without a limit. */
  CountDownLatch limitReached() {
    return limitReached;
  }

  synchronized long printed() {
    return printed;
  }
}
