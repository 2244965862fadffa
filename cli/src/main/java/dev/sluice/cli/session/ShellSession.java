package dev.sluice.cli.session;

import dev.sluice.api.DataFrame;
import dev.sluice.api.DataStreamWriter;
import dev.sluice.api.Sluice;
import dev.sluice.cli.statement.ScriptStatement;
import dev.sluice.cli.statement.SourceText;
import dev.sluice.cli.statement.Statement;
import dev.sluice.cli.statement.StatementParser;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.connector.memory.MemoryStream;
import dev.sluice.execution.driver.ManualClock;
import dev.sluice.execution.driver.StreamingQuery;
import dev.sluice.execution.driver.StreamingQueryException;
import dev.sluice.execution.driver.Trigger;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs statements of the statement language against one embedded {@link Sluice} session: the
 * executor behind the interactive shell, {@code sluice -f} scripts and the golden-file tests, so
 * all three behave the same. Each statement gives a {@link StatementResult}; a failed statement
 * gives {@link StatementResult.Failed} and leaves the session as it was.
 *
 * <p>Two modes differ only in queries typed on their own over a stream ({@code SELECT ... FROM
 * stream}) and in the default trigger: {@link Mode#LIVE} (the shell) hands them back to be shown
 * live until Ctrl-C, and starts {@code INSERT INTO} queries on a one-second trigger; {@link
 * Mode#SCRIPT} (scripts and golden files) runs them until they are idle and returns every batch,
 * and starts {@code INSERT INTO} queries on the manual trigger, so only {@code RUN BATCH} and
 * {@code RUN UNTIL IDLE} run their batches and the output is the same on every run.
 *
 * <p>Checkpoints live under a root directory, one per named query; a temporary root is deleted on
 * {@link #close()}. Not thread-safe: one statement at a time.
 */
public final class ShellSession implements AutoCloseable {
  /** How queries typed on their own over a stream run, and the default trigger. */
  public enum Mode {
    LIVE,
    SCRIPT
  }

  /** A query that sorts its result: its rows keep their order in results. */
  private static final Pattern ORDER_BY =
      Pattern.compile("\\bORDER\\s+BY\\b", Pattern.CASE_INSENSITIVE);

  /** The option of CREATE STREAM, CREATE TABLE and CREATE SINK that names the connector. */
  static final String CONNECTOR = "connector";

  /** RUN UNTIL IDLE gives up after this many rounds of batches (a source that never runs dry). */
  static final int MAX_IDLE_ROUNDS = 1000;

  private final Sluice sluice;
  private final Mode mode;
  private final ManualClock clock;
  private final Path checkpointRoot;

  /**
   * Where queries that never resume (a query typed on its own) keep their checkpoints: always a
   * temporary directory, deleted on close, so a kept checkpoint root holds only named queries.
   */
  private final Path scratch;

  private final Settings settings;
  private final CatalogStatements catalog;
  private final BackgroundQueries queries;

  /**
   * @param clock the session's clock if it is a manual one ({@code ADVANCE CLOCK} moves it), or
   *     null
   * @param checkpointRoot where named queries keep their checkpoints ({@code
   *     <root>/queries/<name>}), kept after the session so a later one resumes them; or null for a
   *     temporary directory deleted on close
   */
  public ShellSession(Sluice sluice, Mode mode, ManualClock clock, Path checkpointRoot) {
    this.sluice = sluice;
    this.mode = mode;
    this.clock = clock;
    boolean temporaryRoot = checkpointRoot == null;
    this.scratch = temporaryDirectory();
    this.checkpointRoot = temporaryRoot ? scratch : checkpointRoot;
    this.settings = new Settings(mode == Mode.SCRIPT ? "manual" : "1 second");
    settings.defineFixed(
        "partitions",
        Integer.toString(sluice.options().parallelism()),
        "the partitions (and threads) each query runs with: the shell's --partitions, the API's"
            + " Sluice.builder().parallelism(n)");
    settings.defineFixed(
        "maxRowsPerBatch",
        Integer.toString(sluice.options().maxRowsPerBatch()),
        "the most rows in one Arrow chunk a source hands over: the API's"
            + " Sluice.builder().maxRowsPerBatch(n)");
    settings.defineFixed(
        "checkpointRoot",
        temporaryRoot
            ? "(a temporary directory, deleted when the session ends)"
            : checkpointRoot.toString(),
        "where INSERT INTO queries keep their checkpoints: <root>/queries/<name>");
    this.catalog = new CatalogStatements(this);
    this.queries = new BackgroundQueries(this);
  }

  /** Parses and runs one statement of a script. */
  public StatementResult execute(ScriptStatement statement) {
    try {
      return execute(StatementParser.parse(statement));
    } catch (SluiceException e) {
      return new StatementResult.Failed(e);
    }
  }

  /** Runs one parsed statement. */
  public StatementResult execute(Statement statement) {
    try {
      return run(statement);
    } catch (SluiceException e) {
      return new StatementResult.Failed(e);
    } catch (RuntimeException e) {
      return new StatementResult.Failed(
          new SluiceException(ErrorCode.INTERNAL_ERROR, String.valueOf(e), e));
    }
  }

  private StatementResult run(Statement statement) {
    if (statement instanceof Statement.CreateStream s) {
      return catalog.createStream(s);
    } else if (statement instanceof Statement.CreateTableWith s) {
      return catalog.createTable(s);
    } else if (statement instanceof Statement.CreateTableAs s) {
      return catalog.createTable(s);
    } else if (statement instanceof Statement.CreateView s) {
      return catalog.createView(s);
    } else if (statement instanceof Statement.CreateSink s) {
      return queries.createSink(s);
    } else if (statement instanceof Statement.Drop s) {
      if (s.kind() == Statement.ObjectKind.SINK) {
        return queries.dropSink(s);
      }
      if (s.kind() == Statement.ObjectKind.STREAM) {
        queries.checkNotFed(s.name());
      }
      StatementResult dropped = catalog.drop(s);
      if (s.kind() == Statement.ObjectKind.STREAM) {
        queries.forgetFeed(s.name());
      }
      return dropped;
    } else if (statement instanceof Statement.Show s) {
      return show(s);
    } else if (statement instanceof Statement.Describe s) {
      return queries.isSink(s.name()) ? queries.describeSink(s.name()) : catalog.describe(s.name());
    } else if (statement instanceof Statement.Insert s) {
      return queries.isSink(s.target()) ? queries.insert(s) : catalog.insertRows(s);
    } else if (statement instanceof Statement.Explain s) {
      return explain(s);
    } else if (statement instanceof Statement.ShowOutput s) {
      return queries.showOutput(s.query());
    } else if (statement instanceof Statement.DescribeQuery s) {
      return queries.describe(s.query());
    } else if (statement instanceof Statement.StopQuery s) {
      return queries.stop(s.query());
    } else if (statement instanceof Statement.StartQuery s) {
      return queries.start(s.query());
    } else if (statement instanceof Statement.RunBatch s) {
      return queries.runBatch(s.query());
    } else if (statement instanceof Statement.RunUntilIdle) {
      return queries.runUntilIdle();
    } else if (statement instanceof Statement.Set s) {
      settings.set(s.key(), s.value());
      return new StatementResult.Done("set " + s.key() + " = '" + s.value() + "'");
    } else if (statement instanceof Statement.Reset s) {
      if (s.key().isPresent()) {
        settings.reset(s.key().get());
      } else {
        settings.resetAll();
      }
      return new StatementResult.Done("reset " + s.key().orElse("all settings"));
    } else if (statement instanceof Statement.AdvanceClock s) {
      return advanceClock(s);
    } else if (statement instanceof Statement.Query s) {
      return query(s.query());
    } else if (statement instanceof Statement.Command s) {
      throw new SluiceException(
          ErrorCode.SYNTAX_ERROR, "shell command " + s.name() + " runs only in the shell");
    }
    throw new IllegalStateException("no executor for " + statement);
  }

  private StatementResult show(Statement.Show show) {
    return switch (show.what()) {
      case SETTINGS -> catalog.showSettings(settings);
      case QUERIES -> queries.list();
      case SINKS -> queries.listSinks();
      default -> catalog.show(show.what());
    };
  }

  /**
   * EXPLAIN: a streaming query as {@code INSERT INTO} would start it now, in the session's output
   * mode and with its settings (state TTLs, late-rows sink).
   */
  private StatementResult explain(Statement.Explain explain) {
    DataFrame query = sluice.sql(explain.query().aligned());
    String level = explain.level().name().toLowerCase(Locale.ROOT);
    if (explain.level() == Statement.ExplainLevel.LOGICAL || !query.isStreaming()) {
      return new StatementResult.Text(query.explainString(level));
    }
    DataStreamWriter writer = query.writeStream();
    settings.queryOptions().forEach(writer::option);
    outputModeOf(query).ifPresent(writer::outputMode);
    return new StatementResult.Text(writer.explainString(level));
  }

  /**
   * The output mode a streaming query runs in: the {@code outputMode} setting, or append if the
   * query can, else update. With an EMIT clause, empty unless the setting chose a mode: the clause
   * decides, and a mode set besides is checked against it by the writer ("drop one of them").
   */
  Optional<OutputMode> outputModeOf(DataFrame query) {
    Optional<OutputMode> chosen = settings.outputMode();
    if (query.emitPolicy().isPresent()) {
      return chosen;
    }
    return Optional.of(chosen.orElse(query.isAppendable() ? OutputMode.APPEND : OutputMode.UPDATE));
  }

  private StatementResult advanceClock(Statement.AdvanceClock advance) {
    if (clock == null) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_FEATURE,
          "ADVANCE CLOCK needs a manual clock, and this session runs on the system clock; scripts"
              + " and golden files run on a manual one");
    }
    clock.advance(advance.duration());
    return new StatementResult.Done("clock at " + java.time.Instant.ofEpochMilli(clock.millis()));
  }

  /**
   * A query on its own: over static tables it runs once; over a stream it is shown live (LIVE) or
   * run until idle (SCRIPT), as the shell shows it: every batch's rows, the whole result table each
   * batch for an aggregation without EMIT.
   */
  private StatementResult query(SourceText text) {
    DataFrame query = sluice.sql(text.aligned());
    if (!query.isStreaming()) {
      return new StatementResult.Rows(
          query.schema(), query.collectAsList(), ORDER_BY.matcher(text.text()).find());
    }
    if (mode == Mode.LIVE) {
      return new StatementResult.Live(query);
    }
    OutputLog log = new OutputLog();
    Path checkpoint = newDirectory("select-");
    DataStreamWriter writer =
        query
            .writeStream()
            .foreachBatch(
                (batch, batchId) -> log.record(batchId, batch.schema(), batch.collectAsList()))
            .trigger(Trigger.manual())
            .option("checkpointLocation", checkpoint.toString());
    settings.queryOptions().forEach(writer::option);
    if (query.emitPolicy().isEmpty()) {
      writer.outputMode(query.isUpdating() ? OutputMode.COMPLETE : OutputMode.APPEND);
    }
    StreamingQuery running = writer.start();
    try {
      runUntilIdle(List.of(running));
    } catch (StreamingQueryException e) {
      throw failureOf(e);
    } finally {
      running.stop();
      deleteRecursively(checkpoint);
    }
    return new StatementResult.Batches(log.schema().orElse(query.schema()), log.batches());
  }

  /**
   * Runs batches of {@code running} (manual-trigger queries), in rounds of one batch each, until a
   * round runs none.
   *
   * @return the batches each query ran
   */
  static int[] runUntilIdle(List<StreamingQuery> running) {
    int[] batches = new int[running.size()];
    for (int round = 0; round < MAX_IDLE_ROUNDS; round++) {
      boolean ran = false;
      for (int i = 0; i < running.size(); i++) {
        if (running.get(i).runBatch()) {
          batches[i]++;
          ran = true;
        }
      }
      if (!ran) {
        return batches;
      }
    }
    throw new SluiceException(
        ErrorCode.QUERY_FAILED,
        "the queries were still running batches after "
            + MAX_IDLE_ROUNDS
            + " rounds: a source that never runs dry (nexmark, rate) is never idle; use RUN BATCH");
  }

  /**
   * The failure of a query typed on its own, as its user sees it: the code and message of what
   * failed (e.g. DIVISION_BY_ZERO) rather than QUERY_FAILED naming the transient query's ids.
   */
  public static SluiceException failureOf(StreamingQueryException failure) {
    return failure.getCause() instanceof SluiceException cause
        ? new SluiceException(cause.code(), cause.getMessage(), failure)
        : failure;
  }

  /**
   * Stops every running named query and starts it again from its checkpoint, as a crash and restart
   * would: the golden tests run each script a second way with this in the middle.
   */
  public void restartQueries() {
    queries.restartAll();
  }

  /** Stops every query and deletes a temporary checkpoint root. */
  @Override
  public void close() {
    queries.stopAll();
    deleteRecursively(scratch);
  }

  Sluice sluice() {
    return sluice;
  }

  /** INSERT INTO a memory stream from a query over a stream: see BackgroundQueries. */
  StatementResult feedStream(
      Statement.Insert insert, String streamName, MemoryStream stream, String castSql) {
    return queries.feedStream(insert, streamName, stream, castSql);
  }

  /** The sinks' names, sorted (shell completion). */
  public List<String> sinkNames() {
    return queries.sinkNames();
  }

  /** The settings' names, in SHOW SETTINGS order (shell completion). */
  public List<String> settingKeys() {
    return settings.keys();
  }

  /** Whether {@code name} is a sink (sinks and catalog objects share one namespace). */
  boolean isSink(String name) {
    return queries.isSink(name);
  }

  /**
   * Whether a stream, table, view or sink is called {@code name} already, which {@code CREATE} may
   * accept only with IF NOT EXISTS.
   *
   * @throws SluiceException DUPLICATE_OBJECT if the name is taken and not {@code ifNotExists}
   */
  boolean isTaken(String name, boolean ifNotExists) {
    boolean taken = sluice.catalog().find(name).isPresent() || isSink(name);
    if (taken && !ifNotExists) {
      throw duplicate(name);
    }
    return taken;
  }

  /** The error of creating {@code name} again, naming what it is. */
  SluiceException duplicate(String name) {
    String what =
        sluice
            .catalog()
            .find(name)
            .map(o -> o.kind().word() + " '" + o.name() + "'")
            .orElse("sink '" + name + "'");
    return new SluiceException(
        ErrorCode.DUPLICATE_OBJECT,
        what + " already exists; DROP it first, or add IF NOT EXISTS to keep it");
  }

  /** What {@code CREATE ... IF NOT EXISTS} of a taken name says. */
  static StatementResult kept(String name) {
    return new StatementResult.Done(name + " exists already: nothing created");
  }

  /**
   * The {@code connector} option, removed from {@code options} (its key in any case), lower-case.
   */
  static Optional<String> takeConnector(Map<String, String> options) {
    return options.keySet().stream()
        .filter(CONNECTOR::equalsIgnoreCase)
        .findFirst()
        .map(options::remove)
        .map(connector -> connector.toLowerCase(Locale.ROOT));
  }

  Settings settings() {
    return settings;
  }

  Path checkpointRoot() {
    return checkpointRoot;
  }

  /**
   * A new empty directory for the checkpoint of a query that never resumes, deleted with the
   * session's temporary directory at the latest.
   */
  public Path newDirectory(String prefix) {
    try {
      Files.createDirectories(scratch);
      return Files.createTempDirectory(scratch, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory in " + scratch, e);
    }
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("sluice-session-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a checkpoint directory", e);
    }
  }

  /** Deletes a checkpoint directory and what is in it; a failure leaves it behind, silently. */
  public static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // A leftover checkpoint directory is not worth failing the statement for.
    }
  }
}
