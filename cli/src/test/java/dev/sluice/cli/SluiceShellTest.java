package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SluiceShellTest {
  private static final Pattern STATUS =
      Pattern.compile(
          "(?m)^batch (\\d+) · (\\d+) rows? · (\\d+) rows/s( · watermark [-0-9: .]+)?$");

  static String[] args(String... args) {
    List<String> all = new ArrayList<>(List.of(ShellHarness.FAST));
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }

  @Test
  void staticQueryPrintsItsTableOnce() {
    ShellHarness.Result result = ShellHarness.run("", "-e", "SELECT 1 + 1 AS two, 'x' AS s;");

    assertThat(result.exitCode()).isZero();
    assertThat(result.output())
        .isEqualTo(
            """
            +---+---+
            |two|  s|
            +---+---+
            |  2|  x|
            +---+---+
            (1 row)
            """);
  }

  @Test
  void streamingQueryPrintsBatchesOfBidsUntilMaxBatches() {
    ShellHarness.Result result =
        ShellHarness.run(
            "", args("--max-batches", "2", "--max-rows", "5", "-e", "SELECT * FROM bid;"));

    assertThat(result.exitCode()).isZero();
    String output = result.output();
    assertThat(output)
        .contains("|auction|bidder|")
        .containsPattern(
            "\\|auction\\|bidder\\| *price\\| *channel\\| *url\\| *date_time\\| *extra\\|")
        .contains("only showing top 5 rows")
        .containsPattern("\\|2024-01-01 00:00:0\\d\\.\\d{3}\\|");
    List<Long> batches = new ArrayList<>();
    long rows = 0;
    Matcher status = STATUS.matcher(output);
    while (status.find()) {
      batches.add(Long.parseLong(status.group(1)));
      rows += Long.parseLong(status.group(2));
    }
    assertThat(batches).containsExactly(0L, 1L);
    assertThat(rows).isGreaterThan(5);
  }

  @Test
  void anEmitClauseChoosesHowAWindowedQueryIsShown() {
    ShellHarness.Result result =
        ShellHarness.run(
            "",
            args(
                "--max-batches",
                "12",
                "-e",
                "SELECT window_start, COUNT(*) AS bids FROM TABLE(TUMBLE(TABLE bid,"
                    + " DESCRIPTOR(date_time), INTERVAL '1' SECOND)) GROUP BY window_start,"
                    + " window_end EMIT ON WINDOW CLOSE;"));

    assertThat(result.exitCode()).as(result.output()).isZero();
    // 46 of every 50 events are bids, 10 000 events per second of event time: each closed
    // one-second window appears once, complete
    assertThat(result.output()).containsPattern("\\|2024-01-01 00:00:00\\.000\\| *9200\\|");
  }

  @Test
  void unknownTableIsAnErrorAndTheShellGoesOn() {
    ShellHarness.Result result =
        ShellHarness.run("SELECT * FROM nope;\nSELECT 40 + 2 AS answer;\n\\q\n");

    assertThat(result.exitCode()).isZero();
    assertThat(result.output())
        .contains("ERROR [UNKNOWN_TABLE] ")
        .contains("'nope'")
        .contains("|answer|")
        .contains("|    42|");
    assertThat(result.output().indexOf("ERROR [UNKNOWN_TABLE]"))
        .isLessThan(result.output().indexOf("|answer|"));
  }

  @Test
  void scriptStopsAtTheFirstErrorWithANonZeroExitCode() {
    ShellHarness.Result result =
        ShellHarness.run("", "-e", "SELECT 1 AS a; SELECT * FROM nope; SELECT 2 AS b;");

    assertThat(result.exitCode()).isEqualTo(SluiceShell.EXIT_ERROR);
    assertThat(result.output()).contains("|  a|").contains("ERROR [UNKNOWN_TABLE]");
    assertThat(result.output()).doesNotContain("|  b|");
  }

  @Test
  void aContinuousQueryThatFailsIsAnError() {
    ShellHarness.Result result =
        ShellHarness.run("", args("-e", "SELECT price / (price - price) FROM bid; SELECT 2 AS b;"));

    assertThat(result.exitCode()).isEqualTo(SluiceShell.EXIT_ERROR);
    assertThat(result.output())
        .contains("ERROR [DIVISION_BY_ZERO] ")
        .doesNotContain("QUERY_FAILED")
        .doesNotContain("runId")
        .doesNotContain("|  b|");
  }

  @Test
  void syntaxErrorsAndUnknownCommandsAreErrors() {
    ShellHarness.Result result = ShellHarness.run("SELEC 1;\n\\frobnicate\nSELECT 1 AS x;\n");

    assertThat(result.output())
        .contains("ERROR [SYNTAX_ERROR] ")
        .contains("ERROR [SYNTAX_ERROR] unknown command '\\frobnicate'")
        .contains("|  x|");
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void statementsSpanLinesUntilTheSemicolon() {
    ShellHarness.Result result = ShellHarness.run("SELECT\n  6 * 7\n  AS answer\n;\n");

    // A dumb terminal shows no continuation prompt; SluiceShellTerminalTest checks it.
    assertThat(result.output()).containsOnlyOnce("|answer|").contains("|    42|");
  }

  @Test
  void helpListsTheCommandsAndTheStreamsWithTheirColumns() {
    ShellHarness.Result result = ShellHarness.run("\\help\n\\q\n");

    assertThat(result.output())
        .contains("Sluice shell. Nexmark streams bid, auction, person at 1000 events/s.")
        .contains("\\q")
        .containsPattern("(?m)^  bid +auction BIGINT, bidder BIGINT, price BIGINT,")
        .containsPattern("(?m)^  auction +id BIGINT, item_name VARCHAR,")
        .containsPattern("(?m)^  person +id BIGINT, name VARCHAR, email_address VARCHAR,")
        .contains("date_time TIMESTAMP(3)");
  }

  @Test
  void endOfInputExitsTheInteractiveShell() {
    ShellHarness.Result result = ShellHarness.run("SELECT 1 AS x;\n");

    assertThat(result.exitCode()).isZero();
    assertThat(result.output()).contains(SluiceShell.PROMPT).contains("|  x|");
  }

  @Test
  void ctrlCStopsTheRunningQueryAndReturnsToThePrompt() throws Exception {
    try (ShellHarness shell = new ShellHarness()) {
      CompletableFuture<Integer> exit = shell.start(args("--max-rows", "1"));
      shell.awaitOutput(text -> text.contains(SluiceShell.PROMPT), Duration.ofSeconds(10));
      shell.type("SELECT auction, price FROM bid;\n");
      shell.awaitOutput(text -> STATUS.matcher(text).find(), Duration.ofSeconds(10));

      shell.interrupt();
      String stopped =
          shell.awaitOutput(
              text -> text.contains("stopped the query after"), Duration.ofSeconds(10));
      shell.type("SELECT 1 AS x;\n\\q\n");

      assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
      String after = shell.output().substring(stopped.length());
      assertThat(after).contains(SluiceShell.PROMPT).contains("|  x|").doesNotContain("batch ");
    }
  }

  @Test
  void ctrlCEndsAScriptWithExitCode130() throws Exception {
    try (ShellHarness shell = new ShellHarness()) {
      CompletableFuture<Integer> exit =
          shell.start(args("-e", "SELECT price FROM bid; SELECT 1 AS x;"));
      shell.awaitOutput(text -> STATUS.matcher(text).find(), Duration.ofSeconds(10));

      shell.interrupt();

      assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(SluiceShell.EXIT_INTERRUPTED);
      assertThat(shell.output()).contains("stopped the query after").doesNotContain("|  x|");
    }
  }

  @Test
  void aKeptCheckpointRootResumesAnInsertIntoInALaterSession(@TempDir Path root) throws Exception {
    String[] flags = {"--rate", "200", "--interval", "100", "--checkpoint-root", root.toString()};
    String insert =
        "CREATE SINK s WITH (connector = 'memory');\nINSERT INTO s SELECT auction FROM bid;\n";

    List<Long> first = batchesDelivered(flags, insert, 2);
    assertThat(root.resolve("queries").resolve("s").resolve("offsets")).isDirectory();
    List<Long> second = batchesDelivered(flags, insert, 1);

    // Started again from the checkpoint: the first batch of the second session follows every
    // batch of the first one, instead of starting over at batch 0.
    assertThat(first).startsWith(0L);
    assertThat(second.get(0)).isGreaterThan(first.get(first.size() - 1));
  }

  /**
   * Runs a shell session that types {@code statements}, then {@code SHOW OUTPUT s} until the sink
   * got {@code atLeast} batches, and quits; returns the batch ids the sink got, in order.
   */
  private static List<Long> batchesDelivered(String[] flags, String statements, int atLeast)
      throws Exception {
    Pattern batch = Pattern.compile("(?m)^(?:sluice> )?batch (\\d+):");
    try (ShellHarness shell = new ShellHarness()) {
      CompletableFuture<Integer> exit = shell.start(flags);
      shell.type(statements);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      List<Long> batches = List.of();
      while (batches.size() < atLeast && System.nanoTime() < deadline) {
        Thread.sleep(300);
        int from = shell.output().length();
        shell.type("SHOW OUTPUT s;\n");
        String shown =
            shell
                .awaitOutput(
                    text -> text.indexOf(SluiceShell.PROMPT, from) >= 0, Duration.ofSeconds(10))
                .substring(from);
        Matcher ids = batch.matcher(shown);
        List<Long> found = new ArrayList<>();
        while (ids.find()) {
          found.add(Long.parseLong(ids.group(1)));
        }
        batches = found;
      }
      shell.type("\\q\n");
      assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
      assertThat(batches).hasSizeGreaterThanOrEqualTo(atLeast);
      return batches;
    }
  }

  @Test
  void badCommandLineExitsWithUsage() {
    ShellHarness.Result result = ShellHarness.run("", "--rate", "fast");

    assertThat(result.exitCode()).isEqualTo(SluiceShell.EXIT_USAGE);
    assertThat(result.errors())
        .contains("sluice: option --rate is 'fast' but must be an integer of at least 0")
        .contains("Usage: sluice");
  }

  @Test
  void statementsDeclareAStreamAndATableAddRowsAndListThem() {
    ShellHarness.Result result =
        ShellHarness.run(
            "",
            "-e",
            """
            CREATE STREAM clicks (user_id BIGINT NOT NULL, url VARCHAR) WITH (connector = 'memory');
            INSERT INTO clicks VALUES (1, 'a'), (2, 'b');
            CREATE TABLE users (id BIGINT, name VARCHAR) AS VALUES (1, 'ann'), (2, 'bo');
            SELECT name FROM users WHERE id = 2;
            DESCRIBE clicks;""");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("created stream clicks\n")
        .contains("added 2 rows to clicks\n")
        .contains("created table users with 2 rows\n")
        .contains("|name|\n+----+\n|  bo|\n")
        .containsPattern("\\|user_id\\| *BIGINT\\| *false\\| *NULL\\|");
  }

  @Test
  void anErrorShowsItsLineWithACaretUnderThePlace() {
    ShellHarness.Result result =
        ShellHarness.run("", "-e", "SHOW SINKS;\nSELECT nme\n  FROM bid;\nSHOW SINKS;");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output())
        .contains("ERROR [UNKNOWN_COLUMN] unknown column 'nme' (line 2, column 8).")
        .contains("\n  SELECT nme\n         ^\n")
        .doesNotContainPattern("(?s)\\^.*\\(0 rows\\)"); // the script stopped at the error
  }
}
