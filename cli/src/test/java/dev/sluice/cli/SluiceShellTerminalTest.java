package dev.sluice.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell in its own JVM on a real pseudo-terminal (util-linux {@code script}), typed into as a
 * user would: JLine's system terminal, raw mode at the prompt (Tab, arrow keys), and Ctrl-C
 * delivered by the kernel's line discipline as a SIGINT while a query runs.
 */
class SluiceShellTerminalTest {
  /** The up-arrow key in the application cursor mode JLine puts xterm in. */
  private static final String UP_KEY = "\u001bOA";

  /** xterm's cursor-up and clear-to-end-of-screen, as the shell prints them to redraw. */
  private static final String CURSOR_UP = "\u001b[A";

  private static final String CLEAR_TO_END = "\u001b[J";
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path dir;

  @BeforeEach
  void needsScript() {
    Assumptions.assumeTrue(onPath("script"), "util-linux 'script' is not installed");
  }

  @Test
  void ctrlCStopsAStreamingQueryAndThePromptReturns() throws Exception {
    try (Pty shell = Pty.start(dir, "--rate", "20000", "--interval", "100", "--max-rows", "3")) {
      shell.await(text -> text.contains(SluiceShell.PROMPT));
      shell.type("SELECT auction, price\r  FROM bid;\r");
      shell.await(text -> text.contains("rows/s"));

      shell.type("\u0003");
      int stopped =
          shell
              .await(text -> text.contains("stopped the query after"))
              .indexOf("stopped the query after");
      shell.await(text -> text.indexOf(SluiceShell.PROMPT, stopped) >= 0);
      shell.type("\\q\r");

      shell.assertExitsWith(0);
      String text = shell.screen();
      assertThat(text).contains("|auction|").contains(SluiceShell.CONTINUATION_PROMPT);
      assertThat(text.substring(stopped)).doesNotContain("rows/s");
    }
  }

  @Test
  void tabCompletesAnErrorKeepsTheShellAndAnAggregationRedrawsInPlace() throws Exception {
    try (Pty shell = Pty.start(dir, "--rate", "20000", "--interval", "100")) {
      shell.await(text -> text.contains(SluiceShell.PROMPT));

      // Tab completes the stream's name: DESCRIBE bid.
      shell.type("DESCRIBE bi\t");
      shell.await(text -> text.contains("DESCRIBE bid"));
      shell.type(";\r");
      shell.await(text -> text.contains("|date_time|"));

      int before = shell.screen().length();
      shell.type("SELECT nme FROM bid;\r");
      shell.await(text -> text.indexOf("ERROR [UNKNOWN_COLUMN]", before) >= 0);
      shell.await(text -> text.indexOf(SluiceShell.PROMPT, text.indexOf("^", before)) >= 0);

      int query = shell.screen().length();
      shell.type("SELECT COUNT(*) AS bids FROM bid;\r");
      // Complete mode: each batch replaces the last table, erased with cursor-up + clear-to-end.
      shell.await(
          text -> text.indexOf(CLEAR_TO_END, query) >= 0 && count(text, "rows/s", query) >= 3);
      assertThat(shell.screen().substring(query)).contains(CURSOR_UP).contains("· watermark 2024-");
      shell.type("\u0003");
      shell.await(text -> text.indexOf("stopped the query after", query) >= 0);
      shell.type("\\q\r");
      shell.assertExitsWith(0);
    }
  }

  @Test
  void anEmitChangesQueryKeepsEachWindowsRowInPlace() throws Exception {
    try (Pty shell = Pty.start(dir, "--rate", "20000", "--interval", "100")) {
      shell.await(text -> text.contains(SluiceShell.PROMPT));
      int query = shell.screen().length();
      shell.type(
          "SELECT window_start, window_end, COUNT(*) AS bids FROM TABLE(TUMBLE(TABLE bid,"
              + " DESCRIPTOR(date_time), INTERVAL '10' SECOND))"
              + " GROUP BY window_start, window_end EMIT CHANGES;\r");
      // Update mode: the changed rows are merged into the result so far, which is redrawn.
      shell.await(
          text -> text.indexOf(CLEAR_TO_END, query) >= 0 && count(text, " changed · ", query) >= 3);
      assertThat(shell.screen().substring(query)).contains(CURSOR_UP).contains("window_end| bids|");
      shell.type("\u0003");
      shell.await(text -> text.indexOf("stopped the query after", query) >= 0);
      shell.type("\\q\r");
      shell.assertExitsWith(0);
    }
  }

  @Test
  void historyOutlivesTheSession() throws Exception {
    Path history = dir.resolve("history");
    try (Pty first = Pty.start(dir, "--history", history.toString())) {
      first.await(text -> text.contains(SluiceShell.PROMPT));
      first.type("SELECT 6 * 7 AS answer;\r");
      first.await(text -> text.contains("|    42|"));
      first.type("\\q\r");
      first.assertExitsWith(0);
    }
    try (Pty second = Pty.start(dir, "--history", history.toString())) {
      second.await(text -> text.contains(SluiceShell.PROMPT));
      int prompt = second.screen().length();
      second.type(UP_KEY + UP_KEY); // \q, then the query before it
      second.await(text -> text.indexOf("SELECT 6 * 7 AS answer;", prompt) >= 0);
      second.type("\r");
      second.await(text -> text.indexOf("|    42|", prompt) >= 0);
      second.type("\\q\r");
      second.assertExitsWith(0);
    }
  }

  @Test
  void killedMidQueryTheShellLeavesNoCheckpointBehind() throws Exception {
    try (Pty shell = Pty.start(dir, "--rate", "20000", "--interval", "100")) {
      shell.await(text -> text.contains(SluiceShell.PROMPT));
      shell.type("SELECT COUNT(*) AS bids FROM bid;\r");
      shell.await(text -> text.contains("rows/s"));
      try (Stream<Path> left = Files.list(dir.resolve("tmp"))) {
        assertThat(left.map(p -> p.getFileName().toString()))
            .as("the session's checkpoint root while the query runs")
            .anyMatch(name -> name.startsWith("sluice-session-"));
      }

      shell.terminate(); // SIGTERM to the shell's JVM

      try (Stream<Path> left = Files.list(dir.resolve("tmp"))) {
        assertThat(left.map(p -> p.getFileName().toString()))
            .noneMatch(name -> name.startsWith("sluice-"));
      }
    }
  }

  private static int count(String text, String part, int from) {
    int count = 0;
    for (int at = text.indexOf(part, from); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }

  private static boolean onPath(String tool) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool)));
  }

  /** The shell's JVM under {@code script}, its screen collected as it prints. */
  private static final class Pty implements AutoCloseable {
    private final Process process;
    private final StringBuffer screen = new StringBuffer();
    private final OutputStream keyboard;

    private Pty(Process process) {
      this.process = process;
      this.keyboard = process.getOutputStream();
      Thread pump = new Thread(() -> copy(process.getInputStream(), screen), "pty-output");
      pump.setDaemon(true);
      pump.start();
    }

    /** Starts the shell with {@code args} (and no history file unless they name one). */
    static Pty start(Path dir, String... args) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String flags = Files.readString(Path.of("target", "jvm.flags")).trim();
      List<String> all = new ArrayList<>(List.of(args));
      if (!all.contains("--history")) {
        all.add("--no-history");
      }
      // Its own temporary directory, so a test can see what the shell leaves behind.
      Path tmp = Files.createDirectories(dir.resolve("tmp"));
      StringBuilder command =
          new StringBuilder("stty cols 120 rows 40; exec ")
              .append(quote(java))
              .append(' ')
              .append(flags)
              .append(" -Djava.io.tmpdir=")
              .append(quote(tmp.toString()))
              .append(" -cp ")
              .append(quote(System.getProperty("java.class.path")))
              .append(" dev.sluice.cli.SluiceShell");
      all.forEach(arg -> command.append(' ').append(quote(arg)));
      ProcessBuilder builder =
          new ProcessBuilder("script", "-qfec", command.toString(), "/dev/null")
              .redirectErrorStream(true)
              .directory(dir.toFile());
      builder.environment().put("TERM", "xterm");
      return new Pty(builder.start());
    }

    void type(String keys) throws IOException {
      keyboard.write(keys.getBytes(UTF_8));
      keyboard.flush();
    }

    String screen() {
      return screen.toString();
    }

    String await(Predicate<String> condition) throws InterruptedException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        String text = screen.toString();
        if (condition.test(text)) {
          return text;
        }
        Thread.sleep(20);
      }
      throw new AssertionError("timed out after " + WAIT + "; the screen was:\n" + screen);
    }

    void assertExitsWith(int code) throws InterruptedException {
      assertThat(process.waitFor(10, TimeUnit.SECONDS))
          .as("the shell exits; the screen was:\n%s", screen)
          .isTrue();
      assertThat(process.exitValue()).as("exit code; the screen was:\n%s", screen).isEqualTo(code);
    }

    /** Sends SIGTERM to the shell's JVM (under {@code script}) and waits for it to end. */
    void terminate() throws Exception {
      ProcessHandle jvm =
          process
              .descendants()
              .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no java process under script"));
      jvm.destroy();
      assertThat(jvm.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
    }

    @Override
    public void close() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }

    private static String quote(String text) {
      return "'" + text.replace("'", "'\\''") + "'";
    }

    private static void copy(InputStream input, StringBuffer screen) {
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = input.read(buffer)) > 0; ) {
          screen.append(new String(buffer, 0, n, UTF_8));
        }
      } catch (IOException e) {
        // the process ended
      }
    }
  }
}
