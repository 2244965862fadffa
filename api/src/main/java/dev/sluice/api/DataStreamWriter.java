package dev.sluice.api;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.BatchFunction;
import dev.sluice.execution.connector.ConnectorOptions;
import dev.sluice.execution.connector.Durations;
import dev.sluice.execution.connector.EmitPolicy;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.connector.ResultTables;
import dev.sluice.execution.connector.Sink;
import dev.sluice.execution.connector.SinkContext;
import dev.sluice.execution.connector.SinkProvider;
import dev.sluice.execution.connector.Source;
import dev.sluice.execution.driver.QueryConfig;
import dev.sluice.execution.driver.StreamingQuery;
import dev.sluice.execution.driver.Trigger;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.eventtime.EventTimeOptions;
import dev.sluice.execution.eventtime.WatermarkPolicy;
import dev.sluice.execution.plan.LateRowFilterSpec;
import dev.sluice.execution.plan.PlanSpec;
import dev.sluice.execution.plan.SessionAggregateSpec;
import dev.sluice.execution.type.Schema;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.CatalogEntry;
import dev.sluice.planner.catalog.RowsSource;
import dev.sluice.planner.physical.PhysicalPlan;
import dev.sluice.planner.physical.StateExplanation;
import dev.sluice.state.KeyGroups;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Configures and starts a continuous query: {@code format(...)} (a sink connector) or {@code
 * foreachBatch(...)}, options, output mode, trigger, query name, then {@link #start()}.
 *
 * <p>The checkpoint is {@code option("checkpointLocation", path)}; otherwise {@code
 * <checkpointRoot>/<queryName>} when the session has a checkpoint root and the query a name;
 * otherwise a fresh temporary directory (the query then cannot resume after a restart).
 */
public final class DataStreamWriter {
  /** Options the engine reads itself, accepted for every sink. */
  private static final String STATE_TTL = "stateTtl";

  private static final Set<String> ENGINE_OPTIONS =
      Set.of(
          "checkpointLocation",
          "keyGroups",
          "watermarkPolicy",
          "watermarkIdleTimeout",
          "lateRowsSink");

  private final Sluice session;
  private final DataFrame data;
  private final Map<String, String> options = new LinkedHashMap<>();
  private String format;
  private OutputMode outputMode = OutputMode.APPEND;
  private Trigger trigger = Trigger.defaultTrigger();
  private boolean outputModeChosen;
  private boolean triggerChosen;
  private String queryName;
  private ForeachBatchFunction foreachBatch;

  DataStreamWriter(Sluice session, DataFrame data) {
    this.session = session;
    this.data = data;
  }

  public DataStreamWriter format(String format) {
    this.format = format;
    return this;
  }

  public DataStreamWriter option(String key, String value) {
    options.put(key, value);
    return this;
  }

  public DataStreamWriter option(String key, long value) {
    return option(key, Long.toString(value));
  }

  public DataStreamWriter outputMode(OutputMode mode) {
    this.outputMode = mode;
    this.outputModeChosen = true;
    return this;
  }

  /** {@code "append"}, {@code "update"}, {@code "complete"} or {@code "changelog"}. */
  public DataStreamWriter outputMode(String mode) {
    try {
      return outputMode(OutputMode.valueOf(mode.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw new SluiceException(
          ErrorCode.INVALID_OPTION,
          "unknown output mode '" + mode + "'; use append, update, complete or changelog");
    }
  }

  public DataStreamWriter trigger(Trigger trigger) {
    this.trigger = trigger;
    this.triggerChosen = true;
    return this;
  }

  /** Names the query; the memory sink publishes its table under this name. */
  public DataStreamWriter queryName(String name) {
    this.queryName = name;
    return this;
  }

  /** Hands every committed micro-batch to {@code function} as a static DataFrame. */
  public DataStreamWriter foreachBatch(ForeachBatchFunction function) {
    this.foreachBatch = function;
    this.format = "foreachBatch";
    return this;
  }

  /**
   * What {@link #start()} would run, as text: {@code "physical"} (the plans, as {@link
   * DataFrame#explainString()}, then the state section) or {@code "state"} (each stateful
   * operator's state, what bounds it, and what it emits in this writer's output mode; see {@code
   * StateExplanation}). Checks the output mode and options as {@code start()} does.
   *
   * @throws SluiceException as {@code start()} would for the mode and options; INVALID_ARGUMENT for
   *     another level
   */
  public String explainString(String level) {
    PhysicalPlan plan = plan();
    String state =
        StateExplanation.of(
            plan.spec(), outputMode, Optional.ofNullable(options.get("lateRowsSink")));
    return switch (level) {
      case "physical" -> data.explainString() + state;
      case "state" -> state;
      default ->
          throw new SluiceException(
              ErrorCode.INVALID_ARGUMENT,
              "unknown explain level '" + level + "'; use physical or state");
    };
  }

  public StreamingQuery start() {
    PhysicalPlan plan = plan();
    if (format == null) {
      throw new SluiceException(
          ErrorCode.MISSING_OPTION,
          "no sink given: call format(name) or foreachBatch(...); known sinks are: "
              + String.join(", ", session.connectors().sinks().keySet()));
    }
    SinkProvider provider = session.connectors().sink(format);
    Set<String> known = new TreeSet<>(provider.optionNames());
    known.addAll(ENGINE_OPTIONS);
    known.addAll(stateTtlOptionNames());
    new ConnectorOptions(provider.name(), options).validate(known);
    if (!provider.supportedOutputModes().contains(outputMode)) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_OUTPUT_MODE,
          "sink '"
              + provider.name()
              + "' does not support "
              + outputMode
              + " mode; it supports "
              + provider.supportedOutputModes());
    }
    Map<String, String> sinkOptions = new LinkedHashMap<>(options);
    ENGINE_OPTIONS.forEach(sinkOptions::remove);
    stateTtlOptionNames().forEach(sinkOptions::remove);
    Sink sink =
        provider.create(
            new SinkContext(
                new ConnectorOptions(provider.name(), sinkOptions),
                plan.schema(),
                outputMode,
                Optional.ofNullable(queryName),
                session.options().console(),
                resultTables(),
                Optional.ofNullable(foreachBatch).map(this::adapt)));
    Map<String, Source> sources = new LinkedHashMap<>();
    Sink lateRows = null;
    try {
      lateRows = lateRowsSink(plan);
      plan.sources()
          .forEach((id, factory) -> sources.put(id, factory.create(session.options().clock())));
      return session
          .streams()
          .start(
              new QueryConfig(
                  queryName,
                  plan.spec(),
                  sources,
                  sink,
                  outputMode,
                  trigger,
                  checkpointLocation(),
                  session.options().maxRowsPerBatch(),
                  session.options().parallelism(),
                  keyGroups(),
                  session.pool(),
                  session.allocator(),
                  session.options().clock(),
                  session.functions(),
                  new EventTimeOptions(watermarkPolicy(), watermarkIdleTimeoutMillis(), lateRows)));
    } catch (RuntimeException e) {
      // The query never started, so nothing else will release what was made for it.
      sources.values().forEach(Source::close);
      sink.close();
      if (lateRows != null) {
        lateRows.close();
      }
      throw e;
    }
  }

  private BatchFunction adapt(ForeachBatchFunction function) {
    return (batchId, schema, rows) -> {
      String name = session.uniqueName(Catalog.HIDDEN_PREFIX + "batch");
      DataFrame frame = session.createTable(name, schema, rows);
      try {
        function.call(frame, batchId);
      } finally {
        session.entries().drop(name);
      }
    };
  }

  private ResultTables resultTables() {
    return new ResultTables() {
      @Override
      public void publish(String name, Schema schema, Supplier<List<Row>> rows) {
        session
            .entries()
            .register(
                CatalogEntry.table(
                    name, schema, new RowsSource(name, schema, rows, "sink-table(" + name + ")")),
                true);
      }
    };
  }

  /**
   * {@code option("keyGroups", n)}: how many key groups the query's state is split into (a power of
   * two; default {@value KeyGroups#DEFAULT_COUNT}), fixed when the query first starts. More key
   * groups allow more partitions later; each costs a store per stateful operator.
   */
  private int keyGroups() {
    String value = options.get("keyGroups");
    if (value == null) {
      return KeyGroups.DEFAULT_COUNT;
    }
    try {
      return KeyGroups.of(Integer.parseInt(value.trim())).count();
    } catch (IllegalArgumentException e) {
      throw new SluiceException(
          ErrorCode.INVALID_OPTION,
          "option keyGroups = '"
              + value
              + "' is invalid: it must be a power of two between 1 and "
              + KeyGroups.MAX_COUNT
              + " (default "
              + KeyGroups.DEFAULT_COUNT
              + ")");
    }
  }

  /** The plan {@link #start()} runs: EMIT, output mode, state TTLs and changelog applied. */
  private PhysicalPlan plan() {
    PhysicalPlan plan = data.physical();
    if (data.emitPolicy().isPresent()) {
      plan = applyEmit(data.emitPolicy().get(), plan);
    }
    if (!plan.streaming()) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_STREAMING_OPERATION,
          "writeStream() needs a query over a stream; this one reads only static tables, so run it"
              + " once with collectAsList() or show()");
    }
    if (!plan.appendable() && outputMode == OutputMode.APPEND) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_OUTPUT_MODE,
          "append output mode needs rows that never change, but this aggregation updates its groups as"
              + " data arrives (and has no event-time window with a watermark to close them); use"
              + " update mode for the changed groups, changelog mode for every change as"
              + " +I/-U/+U/-D rows, or complete mode for the whole result (outputMode(\"update\")"
              + " in the API, SET outputMode = 'update' in SQL)");
    }
    if (!plan.updating() && outputMode == OutputMode.COMPLETE) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_OUTPUT_MODE,
          "complete output mode needs an aggregation (the whole result table is re-emitted every"
              + " batch); this query has none, so use append (or update, which is the same here)");
    }
    Map<String, Long> stateTtl = stateTtlMillis();
    if (!stateTtl.isEmpty()) {
      plan = plan.withStateTtl(stateTtl);
    }
    if (outputMode == OutputMode.CHANGELOG) {
      plan = plan.asChangelog();
    }
    return plan;
  }

  /**
   * {@code option("lateRowsSink", name)}: the rows stateful operators drop as late go to a memory
   * table of that name (queryable like the memory sink's), each batch's under its batch id. They
   * have the columns the aggregation reads, with the window columns; of a chain of aggregations,
   * the innermost one's (see {@link LateRowFilterSpec#routesLateRows()}). Null without the option.
   */
  private Sink lateRowsSink(PhysicalPlan plan) {
    String name = options.get("lateRowsSink");
    if (name == null) {
      return null;
    }
    Set<Schema> schemas = new LinkedHashSet<>();
    collectLateRowSchemas(plan.spec().root(), schemas);
    if (schemas.isEmpty()) {
      throw new SluiceException(
          ErrorCode.INVALID_OPTION,
          "option lateRowsSink = '"
              + name
              + "': this query drops no late rows (it has no aggregation over a window of a"
              + " watermarked column), so there is nothing to route");
    }
    if (schemas.size() > 1) {
      throw new SluiceException(
          ErrorCode.INVALID_OPTION,
          "option lateRowsSink: the late rows of this query's operators have different columns "
              + schemas
              + "; one late-rows table cannot hold them");
    }
    Schema schema = schemas.iterator().next();
    Sluice.LateRowsTable existing = session.lateRowsTables().get(name);
    if (existing != null && queryName != null && queryName.equals(existing.queryName())) {
      if (existing.schema().equals(schema)) {
        return existing.sink(); // the query started again: its table keeps the rows it had
      }
    } else if (existing != null && existing.queryName() != null) {
      // Both would commit their batch ids into one table, overwriting each other's rows.
      throw new SluiceException(
          ErrorCode.DUPLICATE_OBJECT,
          "option lateRowsSink = '"
              + name
              + "': query "
              + existing.queryName()
              + " writes its late rows there already; choose another name");
    }
    session
        .catalog()
        .find(name)
        .filter(object -> !object.source().equals(Optional.of("sink-table(" + name + ")")))
        .ifPresent(
            object -> {
              throw new SluiceException(
                  ErrorCode.DUPLICATE_OBJECT,
                  "option lateRowsSink = '"
                      + name
                      + "' names the "
                      + object.kind().word()
                      + " "
                      + object.name()
                      + "; late rows go to a table of their own, so choose another name");
            });
    SinkProvider memory = session.connectors().sink("memory");
    Sink sink =
        memory.create(
            new SinkContext(
                new ConnectorOptions(memory.name(), Map.of()),
                schema,
                OutputMode.APPEND,
                Optional.of(name),
                session.options().console(),
                resultTables(),
                Optional.empty()));
    session.lateRowsTables().put(name, new Sluice.LateRowsTable(queryName, schema, sink));
    return sink;
  }

  private static void collectLateRowSchemas(PlanSpec spec, Set<Schema> into) {
    if (spec instanceof LateRowFilterSpec filter && filter.routesLateRows()) {
      into.add(filter.schema());
    }
    if (spec instanceof SessionAggregateSpec sessions && sessions.closesSessions()) {
      into.add(sessions.input().schema());
    }
    spec.inputs().forEach(input -> collectLateRowSchemas(input, into));
  }

  /**
   * Derives the output mode and trigger from the query's EMIT policy, refusing a mode or trigger
   * chosen on this writer that contradicts it.
   */
  private PhysicalPlan applyEmit(EmitPolicy emit, PhysicalPlan plan) {
    OutputMode implied = emit.outputMode();
    boolean compatible =
        outputMode == implied
            || (emit.kind() == EmitPolicy.Kind.CHANGES && outputMode == OutputMode.CHANGELOG);
    if (outputModeChosen && !compatible) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_OUTPUT_MODE,
          emit
              + " delivers "
              + implied.name().toLowerCase(Locale.ROOT)
              + " rows, but output mode "
              + outputMode.name().toLowerCase(Locale.ROOT)
              + " was asked for; drop one of them");
    }
    if (!outputModeChosen) {
      outputMode = implied;
    }
    if (emit.kind() == EmitPolicy.Kind.ON_WINDOW_CLOSE && !plan.appendable()) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_OUTPUT_MODE,
          "EMIT ON WINDOW CLOSE needs an aggregation grouped by the window_end of a window over a"
              + " watermarked column (withWatermark), so the watermark can close the windows; use"
              + " EMIT CHANGES for this query");
    }
    if (emit.kind() != EmitPolicy.Kind.EVERY) {
      return plan;
    }
    if (trigger instanceof Trigger.Manual) {
      // Batches run when asked (tests, golden scripts): each emits what changed since the last.
      return plan.withFinalRowsOnClose();
    }
    Trigger every = Trigger.processingTime(emit.interval());
    if (triggerChosen && !trigger.equals(every)) {
      throw new SluiceException(
          ErrorCode.INVALID_OPTION,
          emit
              + " runs a batch every "
              + emit.interval().toMillis()
              + " ms, but the trigger "
              + trigger
              + " was asked for; drop one of them");
    }
    trigger = every;
    return plan.withFinalRowsOnClose();
  }

  /**
   * {@code option("stateTtl", "1 hour")} for every aggregation without an event-time bound, or
   * {@code option("stateTtl.aggregate-0", ...)} for one (operator ids as in progress reports): a
   * group not updated for that long is removed from state. By operator id, {@code "*"} for all.
   */
  private Map<String, Long> stateTtlMillis() {
    Map<String, Long> ttl = new LinkedHashMap<>();
    for (String name : stateTtlOptionNames()) {
      long millis = positiveMillis(name, "1 hour");
      ttl.put(name.equals(STATE_TTL) ? "*" : name.substring(STATE_TTL.length() + 1), millis);
    }
    return ttl;
  }

  private List<String> stateTtlOptionNames() {
    return options.keySet().stream()
        .filter(name -> name.equals(STATE_TTL) || name.startsWith(STATE_TTL + "."))
        .toList();
  }

  /** {@code option("watermarkPolicy", "min" | "max")}: how several inputs' watermarks combine. */
  private WatermarkPolicy watermarkPolicy() {
    String value = options.getOrDefault("watermarkPolicy", "min");
    try {
      return WatermarkPolicy.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SluiceException(
          ErrorCode.INVALID_OPTION,
          "option watermarkPolicy = '" + value + "' is invalid: use min (the default) or max");
    }
  }

  /**
   * {@code option("watermarkIdleTimeout", "30 seconds")}: an input without events for this long
   * stops holding the watermark back. Default: never.
   */
  private long watermarkIdleTimeoutMillis() {
    return options.containsKey("watermarkIdleTimeout")
        ? positiveMillis("watermarkIdleTimeout", "30 seconds")
        : Long.MAX_VALUE;
  }

  /** Option {@code name} as a positive duration in milliseconds, or a refusal naming it. */
  private long positiveMillis(String name, String example) {
    String value = options.get(name);
    try {
      long millis = Durations.parse(value).toMillis();
      if (millis > 0) {
        return millis;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new SluiceException(
        ErrorCode.INVALID_OPTION,
        "option "
            + name
            + " = '"
            + value
            + "' is invalid: give a positive duration such as \""
            + example
            + "\"");
  }

  private Path checkpointLocation() {
    String location = options.get("checkpointLocation");
    try {
      if (location != null) {
        return Paths.get(location).toAbsolutePath();
      }
      if (session.options().checkpointRoot() != null && queryName != null) {
        return session.options().checkpointRoot().resolve(queryName).toAbsolutePath();
      }
      return Files.createTempDirectory("sluice-checkpoint-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary checkpoint directory", e);
    }
  }
}
