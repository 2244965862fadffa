package dev.sluice.api.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Sluice;
import dev.sluice.execution.batch.Row;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once across a real crash: a child JVM runs {@link BatchFilesQuery}, is killed with
 * SIGKILL in the middle of the stream, and is started again on the same checkpoint. The batch files
 * it leaves must hold exactly the rows of an uninterrupted computation — none lost, none twice.
 */
class KillAndRestartIT {
  private static final long EVENTS = 20_000;

  @TempDir Path work;

  @Test
  void aQueryKilledMidStreamRestartsWithNoLossAndNoDuplicates() throws Exception {
    Path checkpoint = work.resolve("checkpoint");
    Path out = work.resolve("out");
    killAndRestart(checkpoint, out, "stateless");

    List<String> written = new ArrayList<>();
    for (Path file : batchFiles(out)) {
      Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .filter(line -> !line.isEmpty())
          .forEach(written::add);
    }
    assertThat(written).containsExactlyInAnyOrderElementsOf(expected(BatchFilesQuery.QUERY));
  }

  /**
   * The stateful case: in update mode each batch emits the groups it changed, so the last value
   * emitted for a group is its final value. Lost state would undercount it; a batch applied twice
   * would overcount it.
   */
  @Test
  void anAggregationKilledMidStreamEndsWithExactlyTheUninterruptedTotals() throws Exception {
    Path checkpoint = work.resolve("checkpoint");
    Path out = work.resolve("out");
    killAndRestart(checkpoint, out, "aggregate");

    java.util.Map<String, String> lastByAuction = new java.util.HashMap<>();
    List<Path> files = new ArrayList<>(batchFiles(out));
    files.sort(java.util.Comparator.comparingLong(KillAndRestartIT::batchIdOf));
    for (Path file : files) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isEmpty()) {
          lastByAuction.put(line.substring(1, line.indexOf(',')), line);
        }
      }
    }
    assertThat(lastByAuction.values())
        .containsExactlyInAnyOrderElementsOf(expected(BatchFilesQuery.AGGREGATE));
  }

  private static long batchIdOf(Path file) {
    String name = file.getFileName().toString();
    return Long.parseLong(name.substring("batch-".length(), name.length() - ".csv".length()));
  }

  private static List<String> expected(String query) {
    try (Sluice sluice = Sluice.local()) {
      BatchFilesQuery.bids(sluice, EVENTS, false).createOrReplaceTempView("bid");
      List<String> rows = sluice.sql(query).collectAsList().stream().map(Row::toString).toList();
      assertThat(rows).isNotEmpty();
      return rows;
    }
  }

  private void killAndRestart(Path checkpoint, Path out, String variant) throws Exception {
    Process first = child(checkpoint, out, variant);
    waitForBatchFiles(out, 3, first);
    first.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no clean stop
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(first.exitValue()).isNotZero();
    long filesAtKill = countBatchFiles(out);

    Process second = child(checkpoint, out, variant);
    assertThat(second.waitFor(100, TimeUnit.SECONDS)).as("restarted child finished").isTrue();
    assertThat(second.exitValue()).as(Files.readString(work.resolve("child.log"))).isZero();
    assertThat(countBatchFiles(out)).isGreaterThan(filesAtKill);
  }

  private Process child(Path checkpoint, Path out, String variant) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(List.of(java, "--add-opens=java.base/java.nio=ALL-UNNAMED"));
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), BatchFilesQuery.class.getName()));
    command.addAll(List.of(checkpoint.toString(), out.toString(), Long.toString(EVENTS), variant));
    File log = work.resolve("child.log").toFile();
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log))
        .start();
  }

  private static void waitForBatchFiles(Path out, int count, Process child) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (countBatchFiles(out) < count) {
      assertThat(child.isAlive()).as("child still running").isTrue();
      assertThat(System.currentTimeMillis()).as("batch files appear in time").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private static List<Path> batchFiles(Path out) throws IOException {
    try (Stream<Path> files = Files.list(out)) {
      return files.filter(f -> f.getFileName().toString().startsWith("batch-")).toList();
    }
  }

  private static long countBatchFiles(Path out) throws IOException {
    if (!Files.isDirectory(out)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(out)) {
      return files.filter(f -> f.getFileName().toString().startsWith("batch-")).count();
    }
  }
}
