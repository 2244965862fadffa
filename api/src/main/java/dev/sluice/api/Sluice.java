package dev.sluice.api;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.Connectors;
import dev.sluice.execution.connector.Sink;
import dev.sluice.execution.connector.Source;
import dev.sluice.execution.connector.memory.MemoryStream;
import dev.sluice.execution.driver.Clock;
import dev.sluice.execution.driver.StreamingQueryManager;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.expression.UserFunctions;
import dev.sluice.execution.type.Schema;
import dev.sluice.planner.SluicePlanner;
import dev.sluice.planner.calcite.EmitClause;
import dev.sluice.planner.calcite.SqlFrontEnd;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.CatalogEntry;
import dev.sluice.planner.catalog.RowsSource;
import dev.sluice.planner.catalog.SourceFactory;
import dev.sluice.planner.catalog.TableKind;
import dev.sluice.planner.catalog.WatermarkDeclaration;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * An embedded Sluice session: the catalog of streams and tables, the planner, the streaming
 * queries, and the memory and threads they use. Close it to stop every query and release memory.
 *
 * <pre>{@code
 * try (Sluice sluice = Sluice.local()) {
 *   DataFrame bids = sluice.readStream().format("nexmark").option("table", "bid").load();
 *   StreamingQuery q = bids.where("price > 1000").writeStream().format("console").start();
 *   q.awaitTermination(10_000);
 * }
 * }</pre>
 */
public final class Sluice implements AutoCloseable {
  private final Catalog catalog = new Catalog();
  private final SluicePlanner planner = new SluicePlanner(catalog);
  private final Connectors connectors = Connectors.load(Sluice.class.getClassLoader());
  private final StreamingQueryManager queries = new StreamingQueryManager();
  private final UserFunctions functions = new UserFunctions();
  private final BufferAllocator allocator = new RootAllocator();
  private final AtomicInteger counter = new AtomicInteger();

  /**
   * The late-rows tables queries write ({@code option("lateRowsSink", name)}), by name: a query
   * that starts again (a restart from its checkpoint) goes on writing into the same table.
   */
  private final Map<String, LateRowsTable> lateRowsTables = new ConcurrentHashMap<>();

  /** A late-rows table: the query writing it, its columns and the memory sink holding its rows. */
  record LateRowsTable(String queryName, Schema schema, Sink sink) {}

  private final ExecutorService pool;
  private final SessionOptions options;

  private Sluice(SessionOptions options) {
    this.options = options;
    ThreadFactory threads =
        runnable -> {
          Thread thread = new Thread(runnable, "sluice-partition-" + counter.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    this.pool = Executors.newFixedThreadPool(options.parallelism(), threads);
  }

  /**
   * A session with the defaults: one partition thread per core, 4096-row chunks, wall-clock time.
   */
  public static Sluice local() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads a stream from a connector: {@code format("nexmark")}, {@code format("rate")}, ... */
  public DataStreamReader readStream() {
    return new DataStreamReader(this, true);
  }

  /** Reads a static table from a connector; queries over it run once. */
  public DataStreamReader read() {
    return new DataStreamReader(this, false);
  }

  /** Runs SQL over the session's streams, tables and views. */
  public DataFrame sql(String query) {
    EmitClause.Split split = EmitClause.split(query);
    SqlFrontEnd.Query validated = planner.toQuery(split.query());
    return new DataFrame(
        this, validated.plan(), split.emit().orElse(null), validated.repeatedColumn());
  }

  /** The stream, table or view of that name. */
  public DataFrame table(String name) {
    return sql("SELECT * FROM \"" + catalog.get(name).map(CatalogEntry::name).orElse(name) + "\"");
  }

  /**
   * A stream that Java code adds rows to, registered under {@code name}. Queries over it see every
   * row added, before or after they start.
   */
  public MemoryStream memoryStream(String name, Schema schema) {
    MemoryStream stream = new MemoryStream(name, schema, 1);
    catalog.register(
        CatalogEntry.stream(name, schema, fixedSource(stream, "memory(" + name + ")")), false);
    return stream;
  }

  /**
   * The memory stream registered as {@code name} ({@link #memoryStream(String, Schema)}, or {@code
   * CREATE STREAM name (...) WITH (connector = 'memory')}), to add rows to; empty if {@code name}
   * is not one.
   */
  public Optional<MemoryStream> findMemoryStream(String name) {
    return catalog
        .get(name)
        .filter(entry -> entry.kind() == TableKind.STREAM)
        .flatMap(entry -> entry.source().shared())
        .filter(MemoryStream.class::isInstance)
        .map(MemoryStream.class::cast);
  }

  /** The source connectors {@code readStream().format(...)} knows, by name. */
  public java.util.Set<String> sourceConnectors() {
    return new java.util.TreeSet<>(connectors.sources().keySet());
  }

  /** The sink connectors {@code writeStream().format(...)} knows, by name. */
  public java.util.Set<String> sinkConnectors() {
    return new java.util.TreeSet<>(connectors.sinks().keySet());
  }

  /**
   * The options sink connector {@code connector} takes (besides the engine's own, such as {@code
   * checkpointLocation}).
   *
   * @throws SluiceException UNKNOWN_CONNECTOR naming the known ones
   */
  public java.util.Set<String> sinkOptionNames(String connector) {
    return new java.util.TreeSet<>(connectors.sink(connector).optionNames());
  }

  /** The functions SQL can call (built-in and registered), by name. */
  public java.util.Set<String> functionNames() {
    return planner.functionNames();
  }

  /** The session's streams, tables and views: list, describe, drop. */
  public SessionCatalog catalog() {
    return new SessionCatalog(this);
  }

  /**
   * Declares the event time of stream {@code name} in the catalog, as {@code CREATE STREAM} does:
   * {@code declareWatermark("bids", "WATERMARK FOR date_time AS date_time - INTERVAL '5' SECOND")}.
   * Every query over the stream (SQL or DataFrame) then has that watermark, as if each had called
   * {@code withWatermark}.
   */
  public void declareWatermark(String name, String clause) {
    CatalogEntry entry =
        catalog
            .get(name)
            .orElseThrow(
                () ->
                    new SluiceException(
                        ErrorCode.UNKNOWN_TABLE,
                        "no stream named '" + name + "'; the streams are " + catalog.names()));
    if (entry.kind() != TableKind.STREAM) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_FEATURE,
          "'"
              + name
              + "' is a "
              + entry.kind().name().toLowerCase()
              + "; only a stream has a watermark");
    }
    catalog.register(entry.withWatermark(WatermarkDeclaration.parse(clause, entry.schema())), true);
  }

  /** A static table of the given rows, registered under {@code name}. */
  public DataFrame createTable(String name, Schema schema, List<Row> rows) {
    catalog.register(
        CatalogEntry.table(name, schema, RowsSource.of(name, schema, rows, "rows(" + name + ")")),
        true);
    return table(name);
  }

  /** Registers a user function for SQL and DataFrame expressions. */
  public UdfRegistration udf() {
    return new UdfRegistration(planner, functions);
  }

  /** The session's streaming queries. */
  public StreamingQueryManager streams() {
    return queries;
  }

  /** Stops every query and releases threads and memory. */
  @Override
  public void close() {
    queries.stopAll();
    pool.shutdownNow();
    allocator.close();
  }

  // Package-private wiring for DataFrame, readers and writers.

  Catalog entries() {
    return catalog;
  }

  SluicePlanner planner() {
    return planner;
  }

  Connectors connectors() {
    return connectors;
  }

  UserFunctions functions() {
    return functions;
  }

  BufferAllocator allocator() {
    return allocator;
  }

  ExecutorService pool() {
    return pool;
  }

  Map<String, LateRowsTable> lateRowsTables() {
    return lateRowsTables;
  }

  /** The settings this session was built with. */
  public SessionOptions options() {
    return options;
  }

  String uniqueName(String prefix) {
    return prefix + "_" + counter.incrementAndGet();
  }

  static SourceFactory fixedSource(Source source, String description) {
    return new SourceFactory() {
      @Override
      public Source create(Clock clock) {
        return source;
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public Optional<Source> shared() {
        return Optional.of(source);
      }
    };
  }

  /** Session settings. */
  public record SessionOptions(
      int parallelism, int maxRowsPerBatch, Clock clock, Path checkpointRoot, PrintStream console) {
    public SessionOptions {
      requireNonNull(clock, "clock is null");
      requireNonNull(console, "console is null");
      if (parallelism < 1 || maxRowsPerBatch < 1) {
        throw new IllegalArgumentException("parallelism and maxRowsPerBatch must be positive");
      }
    }
  }

  /** Builds a session with non-default settings. */
  public static final class Builder {
    private int parallelism = Runtime.getRuntime().availableProcessors();
    private int maxRowsPerBatch = 4096;
    private Clock clock = Clock.system();
    private Path checkpointRoot;
    private PrintStream console = System.out;

    /** Threads that run partitions in parallel. */
    public Builder parallelism(int threads) {
      this.parallelism = threads;
      return this;
    }

    /** The chunk size: no batch between operators has more rows. Tests use small values. */
    public Builder maxRowsPerBatch(int rows) {
      this.maxRowsPerBatch = rows;
      return this;
    }

    /** The clock for triggers and time-based sources; tests pass a {@code ManualClock}. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Where named queries without a checkpointLocation keep their checkpoint. */
    public Builder checkpointRoot(Path root) {
      this.checkpointRoot = root;
      return this;
    }

    /** Where the console sink prints. */
    public Builder console(PrintStream console) {
      this.console = console;
      return this;
    }

    public Sluice build() {
      return new Sluice(
          new SessionOptions(parallelism, maxRowsPerBatch, clock, checkpointRoot, console));
    }
  }
}
