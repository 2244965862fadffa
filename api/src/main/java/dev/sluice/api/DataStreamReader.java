package dev.sluice.api;

import dev.sluice.execution.connector.ConnectorOptions;
import dev.sluice.execution.connector.Source;
import dev.sluice.execution.connector.SourceContext;
import dev.sluice.execution.connector.SourceProvider;
import dev.sluice.execution.driver.Clock;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.Schema;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.CatalogEntry;
import dev.sluice.planner.catalog.SourceFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Configures a source: {@code format(...)}, {@code option(...)}, optionally {@code schema(...)},
 * then {@link #load()}. Options are checked when loading, so a misspelt option fails here naming
 * it, not when the query starts.
 */
public final class DataStreamReader {
  private static final String MEMORY = "memory";

  private final Sluice session;
  private final boolean streaming;
  private String format;
  private final Map<String, String> options = new LinkedHashMap<>();
  private Schema schema;

  DataStreamReader(Sluice session, boolean streaming) {
    this.session = session;
    this.streaming = streaming;
  }

  public DataStreamReader format(String format) {
    this.format = format;
    return this;
  }

  public DataStreamReader option(String key, String value) {
    options.put(key, value);
    return this;
  }

  public DataStreamReader option(String key, long value) {
    return option(key, Long.toString(value));
  }

  public DataStreamReader options(Map<String, String> values) {
    options.putAll(values);
    return this;
  }

  /** The schema the rows have; required by sources without a fixed schema (memory). */
  public DataStreamReader schema(Schema schema) {
    this.schema = schema;
    return this;
  }

  /** The source as a DataFrame, registered under a name of the engine's making. */
  public DataFrame load() {
    String name = session.uniqueName(Catalog.HIDDEN_PREFIX + (format == null ? "source" : format));
    register(name);
    return session.table(name);
  }

  /**
   * Registers the source in the session's catalog as {@code name}: a stream for {@code
   * readStream()}, a table for {@code read()} — what {@code CREATE STREAM name (...) WITH
   * (connector = ...)} does. A {@code memory} source is one stream that every query reads (rows
   * added to it reach them all, see {@link Sluice#findMemoryStream}); other connectors give each
   * query its own source instance.
   *
   * @throws SluiceException DUPLICATE_OBJECT if the name is taken; MISSING_OPTION, UNKNOWN_OPTION
   *     or INVALID_OPTION for the connector's options
   */
  public void register(String name) {
    if (format == null) {
      throw new SluiceException(
          ErrorCode.MISSING_OPTION,
          "no format given: call format(name) first; known sources are: "
              + String.join(", ", session.connectors().sources().keySet()));
    }
    if (session.entries().get(name).isPresent()) {
      throw new SluiceException(
          ErrorCode.DUPLICATE_OBJECT,
          "'" + name + "' already exists; drop it first or choose another name");
    }
    SourceProvider provider = session.connectors().source(format);
    ConnectorOptions connectorOptions =
        new ConnectorOptions(provider.name(), options).validate(provider.optionNames());
    Optional<Schema> declared = Optional.ofNullable(schema);
    String description = provider.name() + new java.util.TreeMap<>(options);
    SourceFactory factory;
    Schema actual;
    if (provider.name().equals(MEMORY)) {
      Source shared =
          provider.create(new SourceContext(connectorOptions, declared, session.options().clock()));
      actual = shared.schema();
      factory = Sluice.fixedSource(shared, description);
    } else {
      // Create one source now to check the options and learn the schema; queries make their own.
      try (Source probe =
          provider.create(
              new SourceContext(connectorOptions, declared, session.options().clock()))) {
        actual = probe.schema();
      }
      factory =
          new SourceFactory() {
            @Override
            public Source create(Clock clock) {
              return provider.create(new SourceContext(connectorOptions, declared, clock));
            }

            @Override
            public String description() {
              return description;
            }
          };
    }
    CatalogEntry entry =
        streaming
            ? CatalogEntry.stream(name, actual, factory)
            : CatalogEntry.table(name, actual, factory);
    session.entries().register(entry, false);
  }
}
