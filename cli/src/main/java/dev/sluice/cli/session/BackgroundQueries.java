package dev.sluice.cli.session;

import dev.sluice.api.DataFrame;
import dev.sluice.api.DataStreamWriter;
import dev.sluice.api.Sluice;
import dev.sluice.cli.statement.SourceText;
import dev.sluice.cli.statement.Statement;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.ConnectorOptions;
import dev.sluice.execution.connector.EmitPolicy;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.connector.memory.MemoryStream;
import dev.sluice.execution.driver.QueryProgress;
import dev.sluice.execution.driver.StreamingQuery;
import dev.sluice.execution.driver.Trigger;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Sinks and the named queries writing into them: {@code CREATE SINK}, {@code DROP SINK}, {@code
 * INSERT INTO sink query}, {@code STOP QUERY}, {@code START QUERY}, {@code RUN BATCH}, {@code RUN
 * UNTIL IDLE}, {@code SHOW OUTPUT}, {@code DESCRIBE QUERY}, {@code SHOW QUERIES} and {@code SHOW
 * SINKS}. A query is named after its sink: one sink, at most one query.
 */
final class BackgroundQueries {
  private final ShellSession session;
  private final Sluice sluice;
  private final Map<String, SinkDefinition> sinks = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  /** By lower-case name, in the order they were first started (RUN BATCH's order). */
  private final Map<String, NamedQuery> queries = new LinkedHashMap<>();

  BackgroundQueries(ShellSession session) {
    this.session = session;
    this.sluice = session.sluice();
  }

  boolean isSink(String name) {
    return sinks.containsKey(name);
  }

  List<String> sinkNames() {
    return List.copyOf(sinks.keySet());
  }

  StatementResult createSink(Statement.CreateSink create) {
    if (session.isTaken(create.name(), create.ifNotExists())) {
      return ShellSession.kept(create.name());
    }
    Map<String, String> options = new LinkedHashMap<>(create.options());
    String connector =
        ShellSession.takeConnector(options)
            .orElseThrow(
                () ->
                    new SluiceException(
                        ErrorCode.MISSING_OPTION,
                        "CREATE SINK "
                            + create.name()
                            + " needs WITH (connector = '...'); the sink connectors are "
                            + String.join(", ", sluice.sinkConnectors())));
    if (sluice.sinkConnectors().stream().noneMatch(connector::equalsIgnoreCase)) {
      throw new SluiceException(
          ErrorCode.UNKNOWN_CONNECTOR,
          "unknown sink connector '"
              + connector
              + "' (at "
              + create.optionsStart()
              + "); the sink connectors are "
              + String.join(", ", sluice.sinkConnectors()),
          create.optionsStart(),
          null);
    }
    if (connector.equalsIgnoreCase(SinkDefinition.FOREACH_BATCH)) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_FEATURE,
          "a foreachbatch sink calls a Java function, which SQL cannot name (at "
              + create.optionsStart()
              + "); use writeStream().foreachBatch(...) in the API, or connector 'memory' or"
              + " 'console' here",
          create.optionsStart(),
          null);
    }
    if (connector.equalsIgnoreCase(SinkDefinition.MEMORY) && !options.isEmpty()) {
      throw new SluiceException(
          ErrorCode.UNKNOWN_OPTION,
          "a memory sink takes no options but connector; got " + options.keySet(),
          create.optionsStart(),
          null);
    }
    // Option values are checked when INSERT INTO starts the query and the sink is made.
    new ConnectorOptions(connector, options).validate(sluice.sinkOptionNames(connector));
    sinks.put(create.name(), new SinkDefinition(create.name(), connector, options));
    return new StatementResult.Done("created sink " + create.name());
  }

  StatementResult dropSink(Statement.Drop drop) {
    if (!isSink(drop.name())) {
      if (drop.ifExists()) {
        return new StatementResult.Done("no sink " + drop.name() + ": nothing dropped");
      }
      throw unknownSink(drop.name());
    }
    NamedQuery query = queries.get(key(drop.name()));
    if (query != null && query.isRunning()) {
      throw new SluiceException(
          ErrorCode.QUERY_ALREADY_ACTIVE,
          "query " + query.name + " writes into sink " + drop.name() + "; STOP QUERY it first");
    }
    if (query != null) {
      queries.remove(key(drop.name()));
      ShellSession.deleteRecursively(query.checkpoint);
    }
    sinks.remove(drop.name());
    return new StatementResult.Done("dropped sink " + drop.name());
  }

  /**
   * Before {@code DROP STREAM name}: refuses while a query feeds the stream.
   *
   * @throws SluiceException QUERY_ALREADY_ACTIVE naming the query
   */
  void checkNotFed(String stream) {
    NamedQuery query = queries.get(key(stream));
    if (query != null && query.target instanceof StreamFeed && query.isRunning()) {
      throw new SluiceException(
          ErrorCode.QUERY_ALREADY_ACTIVE,
          "query " + query.name + " adds rows to stream " + stream + "; STOP QUERY it first");
    }
  }

  /** After {@code DROP STREAM name}: the stopped query that fed it goes too. */
  void forgetFeed(String stream) {
    NamedQuery query = queries.get(key(stream));
    if (query != null && query.target instanceof StreamFeed) {
      queries.remove(key(stream));
      ShellSession.deleteRecursively(query.checkpoint);
    }
  }

  StatementResult describeSink(String name) {
    SinkDefinition sink = sinks.get(name);
    List<Row> rows = new ArrayList<>();
    rows.add(Row.of(ShellSession.CONNECTOR, sink.connector()));
    new TreeMap<>(sink.options()).forEach((key, value) -> rows.add(Row.of(key, value)));
    return new StatementResult.Rows(
        Schema.of(
            Field.notNull("option", SqlType.VARCHAR), Field.notNull("value", SqlType.VARCHAR)),
        rows,
        true);
  }

  StatementResult listSinks() {
    List<Row> rows = new ArrayList<>();
    sinks
        .values()
        .forEach(
            sink ->
                rows.add(
                    Row.of(
                        sink.name(), sink.connector(), new TreeMap<>(sink.options()).toString())));
    return new StatementResult.Rows(
        Schema.of(
            Field.notNull("name", SqlType.VARCHAR),
            Field.notNull("connector", SqlType.VARCHAR),
            Field.notNull("options", SqlType.VARCHAR)),
        rows,
        true);
  }

  /** {@code INSERT INTO sink query}: starts the query named after the sink. */
  StatementResult insert(Statement.Insert insert) {
    SinkDefinition sink = sinks.get(insert.target());
    NamedQuery existing = queries.get(key(sink.name()));
    if (existing != null) {
      throw new SluiceException(
          existing.isRunning() ? ErrorCode.QUERY_ALREADY_ACTIVE : ErrorCode.DUPLICATE_OBJECT,
          "query "
              + existing.name
              + " writes into sink "
              + sink.name()
              + " already ("
              + existing.status()
              + "); "
              + (existing.isRunning()
                  ? "STOP QUERY " + existing.name + " first"
                  : "START QUERY "
                      + existing.name
                      + " resumes it, or DROP SINK and CREATE it"
                      + " again to start afresh"));
    }
    DataFrame query = sluice.sql(insert.query().aligned());
    if (!query.isStreaming()) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_STREAMING_OPERATION,
          "INSERT INTO sink "
              + sink.name()
              + " starts a continuous query, and the query at "
              + insert.query().start()
              + " reads no stream; run it on its own to see its rows",
          insert.query().start(),
          null);
    }
    String outputMode = session.outputModeOf(query).map(OutputMode::name).orElse(null);
    SourceText text = insert.query();
    NamedQuery named = named(sink, text, () -> sluice.sql(text.aligned()), outputMode);
    return launch(
        named,
        query,
        (outputMode == null
                ? "output mode from EMIT"
                : outputMode.toLowerCase(Locale.ROOT) + " mode")
            + ", "
            + describe(named.trigger));
  }

  /**
   * {@code INSERT INTO memory_stream query} with a query over a stream: a named query, named after
   * the stream, adding each batch's rows to it. A stream only grows, so the query must be one that
   * append mode can run.
   *
   * @param castSql the query with its columns cast to the stream's
   */
  StatementResult feedStream(
      Statement.Insert insert, String streamName, MemoryStream stream, String castSql) {
    NamedQuery existing = queries.get(key(streamName));
    if (existing != null) {
      throw new SluiceException(
          ErrorCode.DUPLICATE_OBJECT,
          "query "
              + existing.name
              + " feeds stream "
              + streamName
              + " already ("
              + existing.status()
              + "); one query feeds a stream");
    }
    DataFrame query = sluice.sql(castSql);
    boolean append =
        query.emitPolicy().map(emit -> emit.kind() == EmitPolicy.Kind.ON_WINDOW_CLOSE).orElse(true)
            && query.isAppendable();
    if (!append) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_OUTPUT_MODE,
          "INSERT INTO stream "
              + streamName
              + ": a stream only grows, so the query at "
              + insert.query().start()
              + " must emit each row once (append mode), but its result rows change as data"
              + " arrives; group by a window over a watermarked column (EMIT ON WINDOW CLOSE), or"
              + " INSERT INTO a sink",
          insert.query().start(),
          null);
    }
    StreamFeed feed = new StreamFeed(streamName, stream);
    NamedQuery named =
        named(feed, insert.query(), () -> sluice.sql(castSql), OutputMode.APPEND.name());
    return launch(
        named,
        query,
        "append mode, " + describe(named.trigger) + ", adding its rows to stream " + streamName);
  }

  /** Starts a new named query and keeps it; {@code how} describes it in the message. */
  private StatementResult launch(NamedQuery named, DataFrame query, String how) {
    start(named, query);
    queries.put(key(named.name), named);
    return new StatementResult.Done("started query " + named.name + " (" + how + ")");
  }

  /** A named query writing into {@code target}, with the session's settings and checkpoint. */
  private NamedQuery named(
      QueryTarget target, SourceText text, Supplier<DataFrame> plan, String outputMode) {
    Settings settings = session.settings();
    return new NamedQuery(
        target,
        text,
        plan,
        settings.queryOptions(),
        outputMode,
        settings.trigger(),
        session.checkpointRoot().resolve("queries").resolve(target.name()));
  }

  private void start(NamedQuery named, DataFrame query) {
    DataStreamWriter writer =
        query
            .writeStream()
            .queryName(named.name)
            .trigger(named.trigger)
            .option("checkpointLocation", named.checkpoint.toString());
    named.options.forEach(writer::option);
    if (named.outputMode != null) {
      writer.outputMode(named.outputMode);
    }
    if (named.target instanceof StreamFeed feed) {
      writer.foreachBatch(
          (batch, batchId) -> {
            List<Row> rows = batch.collectAsList();
            feed.add(batchId, rows);
            named.output.record(batchId, batch.schema(), rows);
          });
    } else if (named.target instanceof SinkDefinition sink && !sink.isMemory()) {
      writer.format(sink.connector());
      sink.options().forEach(writer::option);
    } else {
      writer.foreachBatch(
          (batch, batchId) -> named.output.record(batchId, batch.schema(), batch.collectAsList()));
    }
    named.running = writer.start();
  }

  StatementResult stop(String name) {
    NamedQuery query = find(name);
    if (!query.isRunning()) {
      throw new SluiceException(
          ErrorCode.INVALID_ARGUMENT,
          "query " + query.name + " is not running (" + query.status() + ")");
    }
    query.stop();
    return new StatementResult.Done("stopped query " + query.name);
  }

  StatementResult start(String name) {
    NamedQuery query = find(name);
    if (query.isRunning()) {
      throw new SluiceException(
          ErrorCode.QUERY_ALREADY_ACTIVE, "query " + query.name + " is running already");
    }
    start(query, query.plan.get());
    return new StatementResult.Done("started query " + query.name + " from its checkpoint");
  }

  StatementResult runBatch(Optional<String> name) {
    List<NamedQuery> targets = name.isPresent() ? List.of(find(name.get())) : running();
    if (targets.isEmpty()) {
      return new StatementResult.Done("no query is running");
    }
    List<String> lines = new ArrayList<>();
    for (NamedQuery query : targets) {
      StreamingQuery running = stepped(query);
      boolean ran = running.runBatch();
      lines.add(
          query.name
              + ": "
              + (ran ? "ran batch " + running.lastProgress().batchId() : "nothing to run"));
    }
    return new StatementResult.Done(String.join("\n", lines));
  }

  StatementResult runUntilIdle() {
    List<NamedQuery> targets = running();
    if (targets.isEmpty()) {
      return new StatementResult.Done("no query is running");
    }
    int[] batches = ShellSession.runUntilIdle(targets.stream().map(this::stepped).toList());
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < batches.length; i++) {
      lines.add(
          targets.get(i).name + ": ran " + batches[i] + (batches[i] == 1 ? " batch" : " batches"));
    }
    return new StatementResult.Done(String.join("\n", lines));
  }

  /** The running query of {@code query}, which must run on the manual trigger. */
  private StreamingQuery stepped(NamedQuery query) {
    if (!query.isRunning()) {
      throw new SluiceException(
          ErrorCode.INVALID_ARGUMENT,
          "query " + query.name + " is not running (" + query.status() + "); START QUERY it first");
    }
    if (!(query.trigger instanceof Trigger.Manual)) {
      throw new SluiceException(
          ErrorCode.INVALID_ARGUMENT,
          "query "
              + query.name
              + " runs "
              + describe(query.trigger)
              + "; RUN BATCH steps only queries started while SET trigger = 'manual'");
    }
    return query.running;
  }

  StatementResult showOutput(String name) {
    NamedQuery query = find(name);
    if (!query.target.keepsOutput()) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_FEATURE,
          "query "
              + query.name
              + " writes into sink "
              + query.target.describe()
              + "; SHOW OUTPUT shows what a memory sink received");
    }
    Schema schema = query.output.schema().orElseGet(() -> query.plan.get().schema());
    return new StatementResult.Batches(schema, query.output.batches());
  }

  StatementResult describe(String name) {
    NamedQuery query = find(name);
    List<Row> rows = new ArrayList<>();
    rows.add(Row.of("name", query.name));
    rows.add(Row.of("status", query.status()));
    rows.add(Row.of("writes into", query.target.describe()));
    rows.add(Row.of("query", query.query.text()));
    rows.add(Row.of("trigger", describe(query.trigger)));
    rows.add(
        Row.of(
            "output mode",
            query.outputMode == null ? "from EMIT" : query.outputMode.toLowerCase(Locale.ROOT)));
    QueryProgress progress = query.lastProgress();
    if (progress != null) {
      rows.add(Row.of("last batch", Long.toString(progress.batchId())));
      rows.add(Row.of("last batch input rows", Long.toString(progress.numInputRows())));
      Long watermark = progress.eventTime() == null ? null : progress.eventTime().watermarkMillis();
      rows.add(
          Row.of(
              "watermark",
              watermark == null ? "none" : Instant.ofEpochMilli(watermark).toString()));
      if (progress.eventTime() != null) {
        progress
            .eventTime()
            .lateRows()
            .forEach(
                (operator, count) ->
                    rows.add(Row.of("late rows of " + operator, count + " in the last batch")));
      }
      for (QueryProgress.StateOperatorProgress state : progress.stateOperators()) {
        rows.add(Row.of("state of " + state.operatorId(), state.numKeys() + " state entries"));
      }
    }
    return new StatementResult.Rows(
        Schema.of(
            Field.notNull("property", SqlType.VARCHAR), Field.notNull("value", SqlType.VARCHAR)),
        rows,
        true);
  }

  StatementResult list() {
    List<Row> rows = new ArrayList<>();
    for (NamedQuery query : queries.values()) {
      rows.add(Row.of(query.name, query.target.name(), query.status(), describe(query.trigger)));
    }
    return new StatementResult.Rows(
        Schema.of(
            Field.notNull("name", SqlType.VARCHAR),
            Field.notNull("writes_into", SqlType.VARCHAR),
            Field.notNull("status", SqlType.VARCHAR),
            Field.notNull("trigger", SqlType.VARCHAR)),
        rows,
        true);
  }

  void restartAll() {
    for (NamedQuery query : running()) {
      query.stop();
      start(query, query.plan.get());
    }
  }

  void stopAll() {
    queries.values().forEach(NamedQuery::stop);
  }

  private List<NamedQuery> running() {
    return queries.values().stream().filter(NamedQuery::isRunning).toList();
  }

  private NamedQuery find(String name) {
    NamedQuery query = queries.get(key(name));
    if (query == null) {
      throw new SluiceException(
          ErrorCode.UNKNOWN_TABLE,
          "no query named '"
              + name
              + "'; "
              + (queries.isEmpty()
                  ? "none was started (INSERT INTO a sink starts one)"
                  : "the queries are "
                      + String.join(", ", queries.values().stream().map(q -> q.name).toList())));
    }
    return query;
  }

  private SluiceException unknownSink(String name) {
    return new SluiceException(
        ErrorCode.UNKNOWN_TABLE,
        "no sink named '"
            + name
            + "'; "
            + (sinks.isEmpty()
                ? "there are none"
                : "the sinks are " + String.join(", ", sinks.keySet())));
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  static String describe(Trigger trigger) {
    if (trigger instanceof Trigger.Manual) {
      return "manual trigger";
    }
    if (trigger instanceof Trigger.ProcessingTime time) {
      return time.interval().isZero()
          ? "continuous trigger"
          : "every " + time.interval().toMillis() + " ms";
    }
    if (trigger instanceof Trigger.AvailableNow) {
      return "available-now trigger";
    }
    return "once trigger";
  }
}
