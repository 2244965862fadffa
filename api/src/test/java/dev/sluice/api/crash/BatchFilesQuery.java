package dev.sluice.api.crash;

import dev.sluice.api.Sluice;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.driver.StreamingQuery;
import dev.sluice.execution.driver.Trigger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * The program the crash test runs in a child JVM: a throttled Nexmark query whose foreachBatch
 * writes each batch to {@code <out>/batch-<id>.csv} (temp file + atomic rename, so a re-run batch
 * replaces its file — idempotent by batch id). It stops once it has committed every event.
 *
 * <p>Arguments: checkpoint directory, output directory, number of events, and optionally {@code
 * aggregate} to run {@link #AGGREGATE} in update mode instead of the stateless {@link #QUERY}.
 */
public final class BatchFilesQuery {
  static final String QUERY =
      "SELECT auction, price * 0.908 AS euros, date_time FROM bid WHERE MOD(auction, 3) = 0";

  /** A stateful variant: per-auction counts and sums, emitted in update mode. */
  static final String AGGREGATE =
      "SELECT auction, COUNT(*) AS bids, SUM(price) AS total FROM bid GROUP BY auction";

  private BatchFilesQuery() {}

  public static void main(String[] args) throws Exception {
    Path checkpoint = Path.of(args[0]);
    Path out = Path.of(args[1]);
    long events = Long.parseLong(args[2]);
    boolean aggregate = args.length > 3 && args[3].equals("aggregate");
    Files.createDirectories(out);
    try (Sluice sluice = Sluice.builder().maxRowsPerBatch(64).build()) {
      bids(sluice, events, true).createOrReplaceTempView("bid");
      StreamingQuery query =
          sluice
              .sql(aggregate ? AGGREGATE : QUERY)
              .writeStream()
              .outputMode(aggregate ? OutputMode.UPDATE : OutputMode.APPEND)
              .foreachBatch((batch, batchId) -> write(out, batchId, batch.collectAsList()))
              .trigger(Trigger.processingTime(Duration.ofMillis(50)))
              .option("checkpointLocation", checkpoint.toString())
              .start();
      while (query.isActive() && !done(query, events)) {
        Thread.sleep(20);
      }
      query.stop();
      query
          .exception()
          .ifPresent(
              e -> {
                throw e;
              });
    }
  }

  /** The Nexmark bids both the child and the test's expectation read. */
  static dev.sluice.api.DataFrame bids(Sluice sluice, long events, boolean streaming) {
    var reader = streaming ? sluice.readStream() : sluice.read();
    reader
        .format("nexmark")
        .option("table", "bid")
        .option("maxEvents", events)
        .option("partitions", 2);
    if (streaming) {
      reader.option("eventsPerSecond", 4000);
    }
    return reader.load();
  }

  private static boolean done(StreamingQuery query, long events) {
    var progress = query.lastProgress();
    return progress != null
        && progress.sources().get(0).endOffset().stream().mapToLong(Long::longValue).sum()
            >= events;
  }

  private static void write(Path out, long batchId, java.util.List<Row> rows) {
    try {
      Path temp = out.resolve(".batch-" + batchId + ".tmp");
      Files.writeString(
          temp,
          rows.stream().map(Row::toString).collect(Collectors.joining("\n", "", "\n")),
          StandardCharsets.UTF_8);
      Files.move(
          temp,
          out.resolve("batch-" + batchId + ".csv"),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
