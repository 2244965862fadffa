package dev.sluice.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;

/**
 * Runs {@link SluiceShell} on a dumb in-memory terminal: input is written to a pipe, output
 * collected in memory. Streams tick fast and batches are short, so tests take little time.
 */
final class ShellHarness implements AutoCloseable {
  /** Flags that keep streaming tests fast: many events per second, short batches. */
  static final String[] FAST = {"--rate", "50000", "--interval", "100"};

  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final StringWriter errors = new StringWriter();
  private final PipedOutputStream keyboard = new PipedOutputStream();
  private final Terminal terminal;

  ShellHarness() {
    try {
      InputStream input = new PipedInputStream(keyboard, 1 << 16);
      terminal = terminal(input, output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the shell with {@code args} to the end, with {@code input} typed in beforehand. */
  static Result run(String input, String... args) {
    try (ShellHarness harness = new ShellHarness()) {
      harness.type(input);
      harness.endInput();
      int code = SluiceShell.run(harness.terminal, harness.errorWriter(), withoutHistory(args));
      return new Result(code, harness.output(), harness.errors());
    }
  }

  static Terminal terminal(InputStream input, OutputStream output) throws IOException {
    // A DumbTerminal reads its input only when the shell reads, and writes output as is (an
    // ExternalTerminal would read ahead on its own thread and turn \n into \r\n).
    return new DumbTerminal("test", Terminal.TYPE_DUMB, input, output, UTF_8);
  }

  /** Starts the shell with {@code args} on another thread; type into it with {@link #type}. */
  CompletableFuture<Integer> start(String... args) {
    return CompletableFuture.supplyAsync(
        () -> SluiceShell.run(terminal, errorWriter(), withoutHistory(args)));
  }

  /** Tests keep no history in the user's home unless they ask for a file. */
  private static String[] withoutHistory(String... args) {
    if (List.of(args).contains("--history")) {
      return args;
    }
    List<String> all = new ArrayList<>(List.of(args));
    all.add(0, "--no-history");
    return all.toArray(String[]::new);
  }

  private PrintWriter errorWriter() {
    return new PrintWriter(errors, true);
  }

  /** What the shell wrote to standard error. */
  String errors() {
    return errors.toString();
  }

  void type(String text) {
    try {
      keyboard.write(text.getBytes(UTF_8));
      keyboard.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Ends the input: the interactive shell exits as on Ctrl-D. */
  void endInput() {
    try {
      keyboard.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends Ctrl-C the way the system terminal does while a query runs: as a SIGINT. */
  void interrupt() {
    terminal.raise(Terminal.Signal.INT);
  }

  String output() {
    terminal.writer().flush();
    return output.toString(UTF_8);
  }

  /** Waits until the output satisfies {@code condition}, failing after {@code timeout}. */
  String awaitOutput(Predicate<String> condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String text = output();
      if (condition.test(text)) {
        return text;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("timed out after " + timeout + "; the output was:\n" + output());
  }

  @Override
  public void close() {
    try {
      keyboard.close();
      terminal.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @param output what the shell printed on the terminal (standard output)
   * @param errors what it printed on standard error
   */
  record Result(int exitCode, String output, String errors) {}
}
