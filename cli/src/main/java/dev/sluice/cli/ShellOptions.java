package dev.sluice.cli;

import static java.util.Objects.requireNonNull;

import dev.sluice.cli.render.OutputFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The shell's command line.
 *
 * @param rate events per second each built-in Nexmark stream generates ({@code --rate}, default
 *     1000; 0 means as fast as queries read)
 * @param partitions the partitions (and threads) of each query ({@code --partitions}, default the
 *     machine's cores)
 * @param scripts what to run instead of reading the terminal, in command-line order: {@code -e}
 *     statements and {@code -f} files; empty for an interactive shell
 * @param maxBatches stop a continuous query after this many batches ({@code --max-batches}); 0 (the
 *     default) runs it until Ctrl-C
 * @param intervalMillis the trigger interval of continuous queries ({@code --interval}, default
 *     1000 ms; 0 starts the next batch as soon as the last ends)
 * @param maxRows the rows printed of each result table ({@code --max-rows}, default 20; the status
 *     line counts them all)
 * @param continueOnError whether scripts go on after a failed statement ({@code
 *     --continue-on-error}); the exit code is 1 all the same
 * @param output how results are printed ({@code --output table|csv|json})
 * @param history the interactive shell's history file ({@code --history}, default {@code
 *     $SLUICE_HISTORY} or {@code ~/.sluice_history}), or null for none ({@code --no-history})
 * @param checkpointRoot where INSERT INTO queries keep their checkpoints ({@code
 *     --checkpoint-root}), kept after the shell exits so the same INSERT INTO in a later session
 *     resumes; null for a temporary directory
 * @param help print the usage and exit ({@code -h}, {@code --help})
 */
record ShellOptions(
    long rate,
    int partitions,
    List<ScriptSource> scripts,
    long maxBatches,
    long intervalMillis,
    int maxRows,
    boolean continueOnError,
    OutputFormat output,
    Path history,
    Path checkpointRoot,
    boolean help) {
  static final String USAGE =
      """
      Usage: sluice [options]
        -e, --execute SQL     run the statements in SQL, then exit (repeatable)
        -f, --file FILE       run the statements in FILE, then exit (repeatable; -e and -f run
                              in the order given); the exit code is 1 at the first error, 130 if
                              stopped with Ctrl-C
        --continue-on-error   go on after a failed statement (the exit code is still 1)
        --output FORMAT       table (default), csv or json (one object a line); with csv and
                              json only rows go to standard output, messages to standard error
        --rate N              events per second of the Nexmark streams (default 1000, 0 = unthrottled)
        --partitions N        partitions (and threads) of each query (default: the cores)
        --max-batches N       stop a continuous query after N batches (default: run until Ctrl-C)
        --interval MS         milliseconds between micro-batches (default 1000, 0 = back to back)
        --max-rows N          rows printed of each result table (default 20)
        --history FILE        the interactive history file (default $SLUICE_HISTORY, else
                              ~/.sluice_history)
        --no-history          keep no history file
        --checkpoint-root DIR keep INSERT INTO queries' checkpoints in DIR/queries/<name>, so
                              the same INSERT INTO in a later session resumes (default: a
                              temporary directory, deleted on exit)
        -h, --help            print this help
      """;

  /** Statements given on the command line. */
  record ScriptSource(String statements, Path file) {
    /** {@code -e statements}. */
    static ScriptSource text(String statements) {
      return new ScriptSource(requireNonNull(statements, "statements is null"), null);
    }

    /** {@code -f file}: read when it runs. */
    static ScriptSource file(Path file) {
      return new ScriptSource(null, requireNonNull(file, "file is null"));
    }
  }

  ShellOptions {
    scripts = List.copyOf(scripts);
    requireNonNull(output, "output is null");
    if (rate < 0 || partitions < 1 || maxBatches < 0 || intervalMillis < 0 || maxRows < 1) {
      throw new IllegalArgumentException("invalid shell options");
    }
  }

  static ShellOptions defaults() {
    return new ShellOptions(
        1000,
        defaultPartitions(),
        List.of(),
        0,
        1000,
        20,
        false,
        OutputFormat.TABLE,
        defaultHistory(),
        null,
        false);
  }

  /** Whether the shell runs scripts and exits rather than reading the terminal. */
  boolean scripted() {
    return !scripts.isEmpty();
  }

  /**
   * Parses the command line; flags take their value as the next argument or after {@code =}.
   *
   * @throws IllegalArgumentException naming the first unknown flag, missing or bad value
   */
  static ShellOptions parse(String... args) {
    long rate = 1000;
    long partitions = defaultPartitions();
    long maxBatches = 0;
    long interval = 1000;
    long maxRows = 20;
    boolean continueOnError = false;
    OutputFormat output = OutputFormat.TABLE;
    Path history = defaultHistory();
    Path checkpointRoot = null;
    boolean help = false;
    List<ScriptSource> scripts = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String flag = arg;
      String value = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        flag = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      }
      switch (flag) {
        case "-h", "--help" -> help = true;
        case "--continue-on-error" -> continueOnError = true;
        case "--no-history" -> history = null;
        case "-e",
            "--execute",
            "-f",
            "--file",
            "--output",
            "--history",
            "--checkpoint-root",
            "--rate",
            "--partitions",
            "--max-batches",
            "--interval",
            "--max-rows" -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException("option " + flag + " needs a value");
            }
            value = args[++i];
          }
          switch (flag) {
            case "--rate" -> rate = number(flag, value, 0);
            case "--partitions" -> partitions = Math.min(number(flag, value, 1), 1024);
            case "--max-batches" -> maxBatches = number(flag, value, 1);
            case "--interval" -> interval = number(flag, value, 0);
            case "--max-rows" -> maxRows = Math.min(number(flag, value, 1), Integer.MAX_VALUE);
            case "--output" -> output = format(value);
            case "--history" -> history = Path.of(value);
            case "--checkpoint-root" -> checkpointRoot = Path.of(value);
            case "-f", "--file" -> scripts.add(ScriptSource.file(Path.of(value)));
            default -> scripts.add(ScriptSource.text(value));
          }
        }
        default ->
            throw new IllegalArgumentException(
                (arg.startsWith("-") ? "unknown option '" : "unexpected argument '") + arg + "'");
      }
    }
    return new ShellOptions(
        rate,
        (int) partitions,
        scripts,
        maxBatches,
        interval,
        (int) maxRows,
        continueOnError,
        output,
        history,
        checkpointRoot,
        help);
  }

  private static int defaultPartitions() {
    return Runtime.getRuntime().availableProcessors();
  }

  private static Path defaultHistory() {
    String configured = System.getenv("SLUICE_HISTORY");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("user.home"), ".sluice_history");
  }

  private static OutputFormat format(String value) {
    try {
      return OutputFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "option --output is '" + value + "' but must be table, csv or json", e);
    }
  }

  private static long number(String flag, String value, long min) {
    try {
      long number = Long.parseLong(value.trim());
      if (number >= min) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "option " + flag + " is '" + value + "' but must be an integer of at least " + min);
  }
}
