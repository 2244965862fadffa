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
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The shell in its own JVM on a real pseudo-terminal (util-linux {@code script}), typed into as a
 * user would: JLine's system terminal, raw mode at the prompt, and Ctrl-C delivered by the kernel's
 * line discipline as a SIGINT while a query runs.
 */
class SluiceShellTerminalTest {
  @Test
  void ctrlCStopsAStreamingQueryAndThePromptReturns() throws Exception {
    Assumptions.assumeTrue(onPath("script"), "util-linux 'script' is not installed");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String flags = Files.readString(Path.of("target", "jvm.flags")).trim();
    String command =
        "stty cols 120 rows 40; exec "
            + quote(java)
            + " "
            + flags
            + " -cp "
            + quote(System.getProperty("java.class.path"))
            + " dev.sluice.cli.SluiceShell --rate 20000 --interval 100 --max-rows 3";
    ProcessBuilder builder =
        new ProcessBuilder("script", "-qfec", command, "/dev/null").redirectErrorStream(true);
    builder.environment().put("TERM", "xterm");
    Process process = builder.start();
    StringBuffer screen = new StringBuffer();
    Thread pump = new Thread(() -> copy(process.getInputStream(), screen), "pty-output");
    pump.setDaemon(true);
    pump.start();
    OutputStream keyboard = process.getOutputStream();
    try {
      await(screen, text -> text.contains(SluiceShell.PROMPT), Duration.ofSeconds(15));
      type(keyboard, "SELECT auction, price\r  FROM bid;\r");
      await(screen, text -> text.contains("rows/s"), Duration.ofSeconds(15));

      type(keyboard, "\u0003");
      int stopped =
          await(screen, text -> text.contains("stopped the query after"), Duration.ofSeconds(10))
              .indexOf("stopped the query after");
      await(screen, text -> text.indexOf(SluiceShell.PROMPT, stopped) >= 0, Duration.ofSeconds(10));
      type(keyboard, "\\q\r");

      assertThat(process.waitFor(10, TimeUnit.SECONDS))
          .as("the shell exits on \\q; the screen was:\n%s", screen)
          .isTrue();
      assertThat(process.exitValue()).as("exit code; the screen was:\n%s", screen).isZero();
      String text = screen.toString();
      assertThat(text).contains("|auction|").contains(SluiceShell.CONTINUATION_PROMPT);
      assertThat(text.substring(stopped)).doesNotContain("rows/s");
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static boolean onPath(String tool) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool)));
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  private static void type(OutputStream keyboard, String keys) throws IOException {
    keyboard.write(keys.getBytes(UTF_8));
    keyboard.flush();
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

  private static String await(StringBuffer screen, Predicate<String> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String text = screen.toString();
      if (condition.test(text)) {
        return text;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("timed out after " + timeout + "; the screen was:\n" + screen);
  }
}
