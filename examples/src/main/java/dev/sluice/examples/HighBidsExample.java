package dev.sluice.examples;

import dev.sluice.api.Sluice;
import dev.sluice.execution.driver.StreamingQuery;
import dev.sluice.execution.driver.Trigger;
import java.io.PrintStream;

/**
 * The README's Java quickstart: expensive Nexmark bids, converted to euros, printed per batch.
 *
 * <p>Run it with {@code mvn -q -pl examples exec:java} after {@code mvn install}, or from your IDE.
 */
public final class HighBidsExample {
  private HighBidsExample() {}

  public static void main(String[] args) {
    run(System.out, 20_000);
  }

  /** Runs over the first {@code events} Nexmark events, printing to {@code out}. */
  public static void run(PrintStream out, long events) {
    try (Sluice sluice = Sluice.builder().console(out).build()) {
      sluice
          .readStream()
          .format("nexmark")
          .option("table", "bid")
          .option("maxEvents", events)
          .load()
          .createOrReplaceTempView("bid");

      StreamingQuery query =
          sluice
              .sql(
                  "SELECT auction, price * 0.908 AS euros, date_time FROM bid"
                      + " WHERE price > 50000000 AND channel = 'Google'")
              .writeStream()
              .format("console")
              .option("numRows", 5)
              .trigger(Trigger.availableNow())
              .start();
      query.awaitTermination();
      out.println("processed " + query.lastProgress().numInputRows() + " bids");
    }
  }
}
