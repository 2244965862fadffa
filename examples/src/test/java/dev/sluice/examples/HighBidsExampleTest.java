package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HighBidsExampleTest {
  @Test
  void printsTheExpensiveBidsOfTheFirstBatchAndHowManyBidsItRead() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HighBidsExample.run(new PrintStream(out, true, StandardCharsets.UTF_8), 20_000);
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("Batch: 0")
        .contains("|auction|")
        .contains("euros")
        .contains("date_time");
    // 46 of every 50 Nexmark events are bids
    assertThat(printed).contains("processed 18400 bids");
  }
}
