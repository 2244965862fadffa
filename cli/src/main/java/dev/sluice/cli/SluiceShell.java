package dev.sluice.cli;

import static java.util.Objects.requireNonNull;

import dev.sluice.api.DataFrame;
import dev.sluice.api.DataStreamWriter;
import dev.sluice.api.Sluice;
import dev.sluice.cli.render.ErrorCaret;
import dev.sluice.cli.render.ResultPrinter;
import dev.sluice.cli.session.ShellSession;
import dev.sluice.cli.session.StatementResult;
import dev.sluice.cli.statement.Script;
import dev.sluice.cli.statement.ScriptStatement;
import dev.sluice.execution.connector.EmitPolicy;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.driver.StreamingQuery;
import dev.sluice.execution.driver.Trigger;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.Field;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.Terminal.Signal;
import org.jline.terminal.Terminal.SignalHandler;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.utils.Signals;
import org.jline.utils.WriterOutputStream;

/**
 * The Sluice shell: a read-eval-print loop over one embedded session, with the Nexmark streams
 * {@code bid}, {@code auction} and {@code person} registered as views.
 *
 * <p><b>Statements.</b> Input is split by {@link Script}: a statement ends with {@code ;} and may
 * span lines (the reader shows a continuation prompt until the {@code ;}); a line starting with a
 * backslash is a shell command ({@code \help}, {@code \q}). Statements run in a {@link
 * ShellSession} (the executor golden files use too) in its live mode: a query over a stream starts
 * a continuous query whose micro-batches {@link BatchPrinter} prints as they commit; anything else
 * prints its result ({@link ResultPrinter}).
 *
 * <p><b>Ctrl-C.</b> While a line is being typed the terminal is in raw mode, Ctrl-C reaches the
 * reader as a key, and JLine throws {@link UserInterruptException}: the shell drops the line. While
 * a continuous query runs the terminal is in its normal mode, Ctrl-C is a SIGINT, and the INT
 * handler registered on the terminal asks the shell's thread to stop the query. The handler never
 * stops the query itself: {@link StreamingQuery#stop()} joins the query's thread, which must not
 * happen on the signal's thread.
 *
 * <p><b>Errors.</b> Every failed statement prints {@code ERROR [CODE] message} (exceptions that are
 * not {@link SluiceException}s as {@code INTERNAL_ERROR}). The interactive shell then goes on; a
 * script ({@code -e}) stops with exit code 1.
 */
public final class SluiceShell implements AutoCloseable {
  /** The built-in streams, in the order help lists them. */
  static final List<String> STREAMS = List.of("bid", "auction", "person");

  /**
   * The demo streams' event time is {@code date_time}. The generator emits events in event-time
   * order within each partition and the partitions move in step, so one second covers the skew.
   */
  static final String DEMO_WATERMARK_DELAY = "1 second";

  static final String PROMPT = "sluice> ";
  static final String CONTINUATION_PROMPT = "     -> ";

  static final int EXIT_OK = 0;
  static final int EXIT_ERROR = 1;
  static final int EXIT_USAGE = 2;
  static final int EXIT_INTERRUPTED = 130;

  private static final long POLL_MILLIS = 50;

  /** How a statement ended. */
  enum Outcome {
    OK,
    ERROR,
    /** Stopped by Ctrl-C. */
    INTERRUPTED,
    QUIT
  }

  private final Terminal terminal;
  private final PrintWriter out;
  private final ShellOptions options;
  private final String separator;
  private final Sluice sluice;
  private final ShellSession session;
  private final SignalHandler previousInterruptHandler;

  /**
   * What Ctrl-C does now: stop the running query, or nothing more than set {@link #interrupted}.
   */
  private final AtomicReference<Runnable> onInterrupt = new AtomicReference<>();

  private volatile boolean interrupted;

  /**
   * Opens a session on {@code terminal} and registers the Nexmark streams.
   *
   * @throws SluiceException if a stream cannot be registered
   */
  SluiceShell(Terminal terminal, ShellOptions options) {
    this.terminal = requireNonNull(terminal, "terminal is null");
    this.options = requireNonNull(options, "options is null");
    this.out = terminal.writer();
    Charset encoding = terminal.encoding();
    this.separator = encoding.newEncoder().canEncode('·') ? " · " : " | ";
    // Whatever the session prints itself (the console sink, show()) goes to the terminal too.
    PrintStream console = new PrintStream(new WriterOutputStream(out, encoding), true, encoding);
    this.sluice = Sluice.builder().console(console).build();
    try {
      for (String stream : STREAMS) {
        sluice
            .readStream()
            .format("nexmark")
            .option("table", stream)
            .option("eventsPerSecond", options.rate())
            .load()
            .withWatermark("date_time", DEMO_WATERMARK_DELAY)
            .createOrReplaceTempView(stream);
      }
    } catch (RuntimeException e) {
      sluice.close();
      throw e;
    }
    this.session = new ShellSession(sluice, ShellSession.Mode.LIVE, null, null);
    this.previousInterruptHandler = terminal.handle(Signal.INT, signal -> interrupt());
  }

  /** Runs the shell on the process's terminal and exits with its exit code. */
  public static void main(String[] args) {
    int code;
    try (Terminal terminal =
        TerminalBuilder.builder().name("sluice").system(true).dumb(true).build()) {
      if (terminal instanceof DumbTerminal) {
        // Without a tty (scripts, pipes) JLine's terminal leaves SIGINT to the JVM, which would
        // exit at once; route it to the handler, which stops the running query first.
        Signals.register(Signal.INT.name(), () -> terminal.raise(Signal.INT));
      }
      code = run(terminal, args);
    } catch (IOException e) {
      System.err.println("sluice: cannot open the terminal: " + e);
      code = EXIT_ERROR;
    }
    System.exit(code);
  }

  /**
   * Runs the shell with the command line {@code args} on {@code terminal}: statements from {@code
   * -e}, or else read from the terminal.
   *
   * @return the exit code: 0, 1 after an error in {@code -e} statements (or at start), 2 for a bad
   *     command line, 130 when Ctrl-C stopped {@code -e} statements
   */
  static int run(Terminal terminal, String... args) {
    PrintWriter out = terminal.writer();
    ShellOptions options;
    try {
      options = ShellOptions.parse(args);
    } catch (IllegalArgumentException e) {
      out.println("sluice: " + e.getMessage());
      out.print(ShellOptions.USAGE);
      out.flush();
      return EXIT_USAGE;
    }
    if (options.help()) {
      out.print(ShellOptions.USAGE);
      out.flush();
      return EXIT_OK;
    }
    SluiceShell shell;
    try {
      shell = new SluiceShell(terminal, options);
    } catch (RuntimeException e) {
      out.println("ERROR " + describe(e));
      out.flush();
      return EXIT_ERROR;
    }
    try (shell) {
      return options.script() == null ? shell.runInteractive() : shell.runScript(options.script());
    }
  }

  /** Reads statements from the terminal until {@code \q} or end of input (Ctrl-D). */
  int runInteractive() {
    LineReader reader =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("sluice")
            .parser(new ShellLineParser())
            .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION_PROMPT)
            // SQL has '!=': no history expansion of '!'.
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            .build();
    printBanner();
    while (true) {
      String input;
      try {
        input = reader.readLine(PROMPT);
      } catch (UserInterruptException e) {
        continue;
      } catch (EndOfFileException e) {
        out.println();
        out.flush();
        return EXIT_OK;
      }
      interrupted = false;
      for (ScriptStatement statement : Script.split(input).all()) {
        Outcome outcome = execute(statement);
        if (outcome == Outcome.QUIT) {
          return EXIT_OK;
        }
        if (outcome == Outcome.INTERRUPTED || interrupted) {
          break; // Ctrl-C drops the rest of the input too
        }
      }
    }
  }

  /** Runs {@code script}'s statements in order, stopping at the first error or Ctrl-C. */
  int runScript(String script) {
    for (ScriptStatement statement : Script.split(script).all()) {
      if (interrupted) {
        return EXIT_INTERRUPTED;
      }
      switch (execute(statement)) {
        case ERROR -> {
          return EXIT_ERROR;
        }
        case INTERRUPTED -> {
          return EXIT_INTERRUPTED;
        }
        case QUIT -> {
          return EXIT_OK;
        }
        case OK -> {}
      }
    }
    return interrupted ? EXIT_INTERRUPTED : EXIT_OK;
  }

  /** Runs one statement or command and prints its result. */
  Outcome execute(ScriptStatement statement) {
    try {
      if (statement.command()) {
        return command(statement.text());
      }
      StatementResult result = session.execute(statement);
      if (result instanceof StatementResult.Live live) {
        return runContinuous(live.query());
      }
      if (result instanceof StatementResult.Failed failed) {
        printError(statement, failed.error());
        return Outcome.ERROR;
      }
      ResultPrinter.print(out, result, options.maxRows());
      out.flush();
      return Outcome.OK;
    } catch (RuntimeException e) {
      out.println("ERROR " + describe(e));
      out.flush();
      return Outcome.ERROR;
    }
  }

  /** {@code ERROR [CODE] message}, and under it the line the error is on with a caret. */
  private void printError(ScriptStatement statement, SluiceException error) {
    out.println("ERROR " + error);
    error
        .position()
        .flatMap(position -> ErrorCaret.under(statement, position))
        .ifPresent(caret -> caret.forEach(out::println));
    out.flush();
  }

  private static String describe(RuntimeException e) {
    return e instanceof SluiceException ? e.toString() : "[" + ErrorCode.INTERNAL_ERROR + "] " + e;
  }

  private Outcome command(String command) {
    String name = command.split("\\s+", 2)[0];
    switch (name) {
      case "\\q", "\\quit" -> {
        return Outcome.QUIT;
      }
      case "\\help", "\\h", "\\?" -> {
        printHelp();
        return Outcome.OK;
      }
      default ->
          throw new SluiceException(
              ErrorCode.SYNTAX_ERROR,
              "unknown command '" + name + "'; \\help lists the commands, \\q quits");
    }
  }

  /**
   * Runs a continuous query until Ctrl-C, {@code --max-batches} or its failure. Its checkpoint is a
   * temporary directory, deleted afterwards: a shell query does not resume.
   */
  private Outcome runContinuous(DataFrame query) {
    CountDownLatch stop = new CountDownLatch(1);
    AtomicBoolean stoppedByUser = new AtomicBoolean();
    BatchPrinter printer =
        new BatchPrinter(
            out,
            options.maxRows(),
            options.maxBatches(),
            separator,
            System::nanoTime,
            stop::countDown);
    Path checkpoint = session.newDirectory("live-");
    // Killed (SIGTERM, SIGHUP) mid-query, the JVM runs shutdown hooks but no finally blocks.
    Thread cleanUp =
        new Thread(() -> ShellSession.deleteRecursively(checkpoint), "sluice-shell-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanUp);
    StreamingQuery running = null;
    onInterrupt.set(
        () -> {
          stoppedByUser.set(true);
          stop.countDown();
        });
    try {
      DataStreamWriter writer =
          query
              .writeStream()
              .foreachBatch(printer)
              .option("checkpointLocation", checkpoint.toString());
      Optional<EmitPolicy> emit = query.emitPolicy();
      if (emit.isEmpty()) {
        // An aggregation's groups change as data arrives: show the whole result each batch.
        writer.outputMode(query.isUpdating() ? OutputMode.COMPLETE : OutputMode.APPEND);
      }
      if (emit.map(e -> e.kind() != EmitPolicy.Kind.EVERY).orElse(true)) {
        writer.trigger(Trigger.processingTime(Duration.ofMillis(options.intervalMillis())));
      }
      running = writer.start();
      while (!stop.await(POLL_MILLIS, TimeUnit.MILLISECONDS) && running.isActive()) {
        // waiting for Ctrl-C, the batch limit, or the query to fail
      }
      running.stop();
      running.awaitTermination(); // throws the query's failure, if it failed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stoppedByUser.set(true);
    } finally {
      onInterrupt.set(null);
      if (running != null) {
        running.stop();
      }
      ShellSession.deleteRecursively(checkpoint);
      try {
        Runtime.getRuntime().removeShutdownHook(cleanUp);
      } catch (IllegalStateException e) {
        // the JVM is shutting down already
      }
    }
    if (stoppedByUser.get()) {
      long batches = printer.printed();
      out.println();
      out.println("stopped the query after " + batches + (batches == 1 ? " batch" : " batches"));
      out.flush();
      return Outcome.INTERRUPTED;
    }
    return Outcome.OK;
  }

  /** Ctrl-C outside the line reader; runs on a signal thread. */
  private void interrupt() {
    interrupted = true;
    Runnable action = onInterrupt.get();
    if (action != null) {
      action.run();
    }
  }

  private void printBanner() {
    out.println(
        "Sluice shell. Nexmark streams " + String.join(", ", STREAMS) + " at " + rateText() + ".");
    out.println(
        "End statements with ';'. Ctrl-C stops a running query. \\help for help, \\q to quit.");
    out.flush();
  }

  private void printHelp() {
    out.print(
        """
        Statements end with ';' and may span lines.
          SELECT ...;   over a stream: a continuous query, printing each micro-batch until Ctrl-C
                        over static data only: runs once and prints the result
          \\help         this help
          \\q            quit (Ctrl-D too)
        Ctrl-C while typing drops the input; while a query runs, stops the query.

        """);
    out.println("Streams (Nexmark, " + rateText() + "; of every 50 events 46 are bids):");
    int width = terminal.getWidth() >= 40 ? terminal.getWidth() : 100;
    int nameWidth = STREAMS.stream().mapToInt(String::length).max().orElse(0) + 4;
    for (String stream : STREAMS) {
      List<String> columns = new ArrayList<>();
      for (Field field : sluice.table(stream).schema().fields()) {
        columns.add(field.name() + " " + field.type());
      }
      String indent = " ".repeat(nameWidth);
      StringBuilder line = new StringBuilder("  " + stream);
      line.append(" ".repeat(nameWidth - line.length()));
      for (int i = 0; i < columns.size(); i++) {
        String column = columns.get(i) + (i + 1 < columns.size() ? "," : "");
        if (line.length() > nameWidth && line.length() + 1 + column.length() > width) {
          out.println(line);
          line = new StringBuilder(indent);
        }
        if (line.length() > nameWidth) {
          line.append(' ');
        }
        line.append(column);
      }
      out.println(line);
    }
    out.flush();
  }

  private String rateText() {
    return options.rate() == 0 ? "unthrottled" : options.rate() + " events/s";
  }

  /** Stops every query, closes the session and gives Ctrl-C back to its previous handler. */
  @Override
  public void close() {
    try {
      session.close();
      sluice.close();
    } finally {
      terminal.handle(Signal.INT, previousInterruptHandler);
      out.flush();
    }
  }
}
