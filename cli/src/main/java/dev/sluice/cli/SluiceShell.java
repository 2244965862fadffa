package dev.sluice.cli;

import static java.util.Objects.requireNonNull;

import dev.sluice.api.DataFrame;
import dev.sluice.api.DataStreamWriter;
import dev.sluice.api.Sluice;
import dev.sluice.cli.render.ErrorCaret;
import dev.sluice.cli.render.OutputFormat;
import dev.sluice.cli.render.ResultPrinter;
import dev.sluice.cli.session.ShellSession;
import dev.sluice.cli.session.StatementResult;
import dev.sluice.cli.statement.Script;
import dev.sluice.cli.statement.ScriptStatement;
import dev.sluice.cli.terminal.BatchPrinter;
import dev.sluice.cli.terminal.ShellCompleter;
import dev.sluice.cli.terminal.ShellLineParser;
import dev.sluice.cli.terminal.TerminalRedraw;
import dev.sluice.execution.connector.EmitPolicy;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.driver.QueryProgress;
import dev.sluice.execution.driver.StreamingQuery;
import dev.sluice.execution.driver.StreamingQueryException;
import dev.sluice.execution.driver.Trigger;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.Field;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
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
 * backslash is a shell command ({@code \help}, {@code \i file.sql}, {@code \q}). Statements run in
 * a {@link ShellSession} (the executor golden files use too) in its live mode: a query over a
 * stream starts a continuous query whose micro-batches {@link BatchPrinter} prints as they commit;
 * anything else prints its result ({@link ResultPrinter}). The interactive reader keeps a history
 * file and completes names with Tab ({@link ShellCompleter}).
 *
 * <p><b>Scripts.</b> {@code -e} statements and {@code -f} files run in command-line order instead
 * of the interactive reader, stopping at the first error unless {@code --continue-on-error}. An
 * error in a file names the file and line ({@code setup.sql:3: ERROR ...}); {@code \i} inside a
 * file reads paths relative to that file.
 *
 * <p><b>Output.</b> Tables by default; with {@code --output csv|json}, rows go to the terminal
 * (standard output) and everything else (messages, status lines, errors) to standard error.
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
 * script stops with exit code 1.
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

  /** How deep {@code \i} files may include each other: deeper is a file including itself. */
  static final int MAX_INCLUDE_DEPTH = 16;

  /** How a statement ended. */
  enum Outcome {
    OK,
    ERROR,
    /** Stopped by Ctrl-C. */
    INTERRUPTED,
    QUIT
  }

  private final Terminal terminal;

  /** Rows and tables: the terminal. */
  private final PrintWriter out;

  /** Messages, status lines and errors: the terminal, or standard error with CSV or JSON rows. */
  private final PrintWriter messages;

  private final ShellOptions options;
  private final ResultPrinter printer;
  private final String separator;
  private final Sluice sluice;
  private final ShellSession session;
  private final SignalHandler previousInterruptHandler;

  /**
   * What Ctrl-C does now: stop the running query, or nothing more than set {@link #interrupted}.
   */
  private final AtomicReference<Runnable> onInterrupt = new AtomicReference<>();

  private volatile boolean interrupted;

  /** The live query running now, if any. */
  private final AtomicReference<StreamingQuery> live = new AtomicReference<>();

  /**
   * Killed (SIGTERM, SIGHUP) the JVM runs shutdown hooks but no finally blocks: this one stops the
   * running queries and deletes the session's temporary checkpoints, as {@link #close()} does.
   */
  private final Thread cleanUp;

  /** How many {@code \i} files are being read, one inside the other. */
  private int includeDepth;

  /**
   * Opens a session on {@code terminal} and registers the Nexmark streams.
   *
   * @param errors where messages go when rows are printed as CSV or JSON
   * @throws SluiceException if a stream cannot be registered
   */
  SluiceShell(Terminal terminal, PrintWriter errors, ShellOptions options) {
    this.terminal = requireNonNull(terminal, "terminal is null");
    this.options = requireNonNull(options, "options is null");
    this.out = terminal.writer();
    this.messages = options.output() == OutputFormat.TABLE ? out : errors;
    this.printer = new ResultPrinter(options.output().printer(options.maxRows()), out, messages);
    Charset encoding = terminal.encoding();
    this.separator = encoding.newEncoder().canEncode('·') ? " · " : " | ";
    // Whatever the session prints itself (the console sink, show()) goes to the terminal too.
    PrintStream console = new PrintStream(new WriterOutputStream(out, encoding), true, encoding);
    this.sluice = Sluice.builder().console(console).parallelism(options.partitions()).build();
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
    this.session = new ShellSession(sluice, ShellSession.Mode.LIVE, null, options.checkpointRoot());
    this.cleanUp = new Thread(this::stopEverything, "sluice-shell-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanUp);
    this.previousInterruptHandler = terminal.handle(Signal.INT, signal -> interrupt());
  }

  /** Runs the shell on the process's terminal and exits with its exit code. */
  public static void main(String[] args) {
    int code;
    PrintWriter errors =
        new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true);
    try (Terminal terminal =
        TerminalBuilder.builder().name("sluice").system(true).dumb(true).build()) {
      if (terminal instanceof DumbTerminal) {
        // Without a tty (scripts, pipes) JLine's terminal leaves SIGINT to the JVM, which would
        // exit at once; route it to the handler, which stops the running query first.
        Signals.register(Signal.INT.name(), () -> terminal.raise(Signal.INT));
      }
      code = run(terminal, errors, args);
    } catch (IOException e) {
      errors.println("sluice: cannot open the terminal: " + e);
      code = EXIT_ERROR;
    }
    errors.flush();
    System.exit(code);
  }

  /**
   * Runs the shell with the command line {@code args} on {@code terminal}: the {@code -e} and
   * {@code -f} scripts, or else statements read from the terminal.
   *
   * @param errors standard error: command-line mistakes, and messages when rows are CSV or JSON
   * @return the exit code: 0, 1 after an error in a script (or at start), 2 for a bad command line,
   *     130 when Ctrl-C stopped a script
   */
  static int run(Terminal terminal, PrintWriter errors, String... args) {
    ShellOptions options;
    try {
      options = ShellOptions.parse(args);
    } catch (IllegalArgumentException e) {
      errors.println("sluice: " + e.getMessage());
      errors.print(ShellOptions.USAGE);
      errors.flush();
      return EXIT_USAGE;
    }
    if (options.help()) {
      terminal.writer().print(ShellOptions.USAGE);
      terminal.writer().flush();
      return EXIT_OK;
    }
    SluiceShell shell;
    try {
      shell = new SluiceShell(terminal, errors, options);
    } catch (RuntimeException e) {
      errors.println("ERROR " + describe(e));
      errors.flush();
      return EXIT_ERROR;
    }
    try (shell) {
      return options.scripted() ? shell.runScripts() : shell.runInteractive();
    }
  }

  /** Reads statements from the terminal until {@code \q} or end of input (Ctrl-D). */
  int runInteractive() {
    LineReaderBuilder builder =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("sluice")
            .parser(new ShellLineParser())
            .completer(new ShellCompleter(sluice, session))
            .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION_PROMPT)
            .option(LineReader.Option.CASE_INSENSITIVE, true)
            // SQL has '!=': no history expansion of '!'.
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
    if (options.history() != null) {
      builder.variable(LineReader.HISTORY_FILE, options.history());
    }
    LineReader reader = builder.build();
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
        Outcome outcome = execute(statement, null);
        if (outcome == Outcome.QUIT) {
          return EXIT_OK;
        }
        if (outcome == Outcome.INTERRUPTED || interrupted) {
          break; // Ctrl-C drops the rest of the input too
        }
      }
    }
  }

  /** Runs the command line's scripts in order. */
  int runScripts() {
    boolean failed = false;
    for (ShellOptions.ScriptSource source : options.scripts()) {
      Outcome outcome =
          source.file() == null
              ? runStatements(source.statements(), null)
              : runCommandLineFile(source.file());
      switch (outcome) {
        case ERROR -> {
          if (!options.continueOnError()) {
            return EXIT_ERROR;
          }
          failed = true;
        }
        case INTERRUPTED -> {
          return EXIT_INTERRUPTED;
        }
        case QUIT -> {
          return failed ? EXIT_ERROR : EXIT_OK;
        }
        case OK -> {}
      }
    }
    return failed ? EXIT_ERROR : EXIT_OK;
  }

  private Outcome runCommandLineFile(Path file) {
    try {
      return runFile(file, null);
    } catch (SluiceException e) {
      messages.println("ERROR " + e);
      messages.flush();
      return Outcome.ERROR;
    }
  }

  /**
   * Runs a script's statements in order, stopping at the first error (unless {@code
   * --continue-on-error}), Ctrl-C or {@code \q}.
   *
   * @param file the file the statements are from, or null
   * @return ERROR if any statement failed
   */
  private Outcome runStatements(String script, Path file) {
    boolean failed = false;
    for (ScriptStatement statement : Script.split(script).all()) {
      if (interrupted) {
        return Outcome.INTERRUPTED;
      }
      Outcome outcome = execute(statement, file);
      if (outcome == Outcome.ERROR) {
        if (!options.continueOnError()) {
          return Outcome.ERROR;
        }
        failed = true;
      } else if (outcome != Outcome.OK) {
        return outcome;
      }
    }
    if (interrupted) {
      return Outcome.INTERRUPTED;
    }
    return failed ? Outcome.ERROR : Outcome.OK;
  }

  /**
   * Runs the statements of {@code file} ({@code -f}, {@code \i}); a relative path is read from the
   * directory of the file including it, or else the working directory.
   */
  private Outcome runFile(Path file, Path includedFrom) {
    Path path =
        includedFrom == null || file.isAbsolute() || includedFrom.getParent() == null
            ? file
            : includedFrom.getParent().resolve(file);
    if (includeDepth >= MAX_INCLUDE_DEPTH) {
      throw new SluiceException(
          ErrorCode.INVALID_ARGUMENT,
          "\\i of '"
              + path
              + "' nests files "
              + MAX_INCLUDE_DEPTH
              + " deep: does a file include itself?");
    }
    String script;
    try {
      script = Files.readString(path);
    } catch (IOException e) {
      throw new SluiceException(
          ErrorCode.IO_ERROR, "cannot read the script '" + path + "': " + reason(e), e);
    }
    includeDepth++;
    try {
      return runStatements(script, path);
    } finally {
      includeDepth--;
    }
  }

  private static String reason(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * Runs one statement or command and prints its result.
   *
   * @param file the script file it is from, or null; errors name it
   */
  Outcome execute(ScriptStatement statement, Path file) {
    try {
      if (statement.command()) {
        return command(statement.text(), file);
      }
      StatementResult result = session.execute(statement);
      if (result instanceof StatementResult.Live live) {
        return runContinuous(live.query());
      }
      if (result instanceof StatementResult.Failed failed) {
        printError(statement, file, failed.error());
        return Outcome.ERROR;
      }
      printer.print(result);
      return Outcome.OK;
    } catch (SluiceException e) {
      printError(statement, file, e);
      return Outcome.ERROR;
    } catch (RuntimeException e) {
      messages.println(where(statement, file, null) + "ERROR " + describe(e));
      messages.flush();
      return Outcome.ERROR;
    }
  }

  /**
   * {@code ERROR [CODE] message}, and under it the line the error is on with a caret; in a file,
   * prefixed with the file and line as compilers print them ({@code setup.sql:3: ERROR ...}).
   */
  private void printError(ScriptStatement statement, Path file, SluiceException error) {
    messages.println(where(statement, file, error) + "ERROR " + error);
    error
        .position()
        .flatMap(position -> ErrorCaret.under(statement, position))
        .ifPresent(caret -> caret.forEach(messages::println));
    messages.flush();
  }

  /** {@code file:line: } of an error in a file: its own position, or its statement's start. */
  private static String where(ScriptStatement statement, Path file, SluiceException error) {
    if (file == null) {
      return "";
    }
    int line =
        error == null
            ? statement.start().line()
            : error.position().map(p -> p.line()).orElse(statement.start().line());
    return file + ":" + line + ": ";
  }

  private static String describe(RuntimeException e) {
    return e instanceof SluiceException ? e.toString() : "[" + ErrorCode.INTERNAL_ERROR + "] " + e;
  }

  private Outcome command(String command, Path file) {
    String[] words = command.split("\\s+", 2);
    String name = words[0];
    switch (name) {
      case "\\q", "\\quit" -> {
        return Outcome.QUIT;
      }
      case "\\help", "\\h", "\\?" -> {
        printHelp();
        return Outcome.OK;
      }
      case "\\i", "\\include" -> {
        if (words.length < 2 || words[1].isBlank()) {
          throw new SluiceException(
              ErrorCode.SYNTAX_ERROR, name + " needs a file: \\i path/to/script.sql");
        }
        return runFile(Path.of(unquote(words[1].trim())), file);
      }
      default ->
          throw new SluiceException(
              ErrorCode.SYNTAX_ERROR,
              "unknown command '" + name + "'; \\help lists the commands, \\q quits");
    }
  }

  /** A path as typed, in single quotes when it has blanks. */
  private static String unquote(String path) {
    return path.length() >= 2 && path.startsWith("'") && path.endsWith("'")
        ? path.substring(1, path.length() - 1)
        : path;
  }

  private static List<Integer> indexes(DataFrame query, List<String> columns) {
    List<String> names = query.columns();
    return columns.stream().map(names::indexOf).toList();
  }

  /**
   * Runs a continuous query until Ctrl-C, {@code --max-batches} or its failure. Its checkpoint is a
   * temporary directory, deleted afterwards: a shell query does not resume.
   */
  private Outcome runContinuous(DataFrame query) {
    CountDownLatch stop = new CountDownLatch(1);
    AtomicBoolean stoppedByUser = new AtomicBoolean();
    Optional<EmitPolicy> emit = query.emitPolicy();
    // An aggregation's groups change as data arrives: without EMIT, show the whole result each
    // batch; with EMIT CHANGES or EVERY (update mode), the result so far by its key. Either is
    // redrawn in place where the terminal can.
    boolean complete = emit.isEmpty() && query.isUpdating();
    boolean update = emit.map(e -> e.kind() != EmitPolicy.Kind.ON_WINDOW_CLOSE).orElse(false);
    List<Integer> updateKey =
        update ? query.keyColumns().map(names -> indexes(query, names)).orElse(null) : null;
    BatchPrinter.Redraw redraw =
        (complete || updateKey != null) && options.output() == OutputFormat.TABLE
            ? TerminalRedraw.of(terminal).orElse(null)
            : null;
    BatchPrinter printer =
        new BatchPrinter(
            new BatchPrinter.Output(
                out, messages, options.output(), options.maxRows(), redraw, updateKey),
            options.maxBatches(),
            separator,
            System::nanoTime,
            () -> watermark(live.get()),
            stop::countDown);
    // Under the session's temporary root, which goes when the JVM does, killed or not.
    Path checkpoint = session.newDirectory("live-");
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
      if (emit.isEmpty()) {
        writer.outputMode(complete ? OutputMode.COMPLETE : OutputMode.APPEND);
      }
      if (emit.map(e -> e.kind() != EmitPolicy.Kind.EVERY).orElse(true)) {
        writer.trigger(Trigger.processingTime(Duration.ofMillis(options.intervalMillis())));
      }
      running = writer.start();
      live.set(running);
      while (!stop.await(POLL_MILLIS, TimeUnit.MILLISECONDS) && running.isActive()) {
        // waiting for Ctrl-C, the batch limit, or the query to fail
      }
      running.stop();
      running.awaitTermination(); // throws the query's failure, if it failed
    } catch (StreamingQueryException e) {
      throw ShellSession.failureOf(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stoppedByUser.set(true);
    } finally {
      onInterrupt.set(null);
      live.set(null);
      if (running != null) {
        running.stop();
      }
      ShellSession.deleteRecursively(checkpoint);
    }
    if (stoppedByUser.get()) {
      long batches = printer.printed();
      messages.println();
      messages.println(
          "stopped the query after " + batches + (batches == 1 ? " batch" : " batches"));
      messages.flush();
      return Outcome.INTERRUPTED;
    }
    return Outcome.OK;
  }

  /** The watermark the running query's next batch uses, or null (none yet, or not started). */
  private static Long watermark(StreamingQuery query) {
    QueryProgress progress = query == null ? null : query.lastProgress();
    return progress == null || progress.eventTime() == null
        ? null
        : progress.eventTime().watermarkMillis();
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
    messages.println(
        "Sluice shell. Nexmark streams " + String.join(", ", STREAMS) + " at " + rateText() + ".");
    messages.println(
        "End statements with ';'. Ctrl-C stops a running query. \\help for help, \\q to quit.");
    messages.flush();
  }

  private void printHelp() {
    out.print(
        """
        Statements end with ';' and may span lines; Tab completes names and keywords.
          SELECT ...;          over a stream: a continuous query, printing each micro-batch
                               until Ctrl-C; over static data only: runs once
          CREATE STREAM | TABLE | VIEW | SINK ...;  DROP ...;  INSERT INTO ...;
          SHOW STREAMS | TABLES | VIEWS | SINKS | QUERIES | SETTINGS | FUNCTIONS | CONNECTORS;
          DESCRIBE name;  DESCRIBE QUERY name;  STOP QUERY name;  START QUERY name;
          EXPLAIN [LOGICAL | PHYSICAL | STATE] query;  SET key = value;  RESET key;
          (docs/shell.md has every statement with an example)
          \\i file.sql        run the statements in a file
          \\help              this help
          \\q                 quit (Ctrl-D too)
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

  /** Stops the live query and the background ones, and deletes temporary checkpoints. */
  private void stopEverything() {
    StreamingQuery query = live.getAndSet(null);
    if (query != null) {
      query.stop();
    }
    session.close();
  }

  /** Stops every query, closes the session and gives Ctrl-C back to its previous handler. */
  @Override
  public void close() {
    try {
      try {
        Runtime.getRuntime().removeShutdownHook(cleanUp);
      } catch (IllegalStateException e) {
        // the JVM is shutting down already, and the hook runs
      }
      stopEverything();
      sluice.close();
    } finally {
      terminal.handle(Signal.INT, previousInterruptHandler);
      out.flush();
    }
  }
}
