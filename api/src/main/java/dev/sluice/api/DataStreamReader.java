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

  public DataFrame load() {
    if (format == null) {
      throw new SluiceException(
          ErrorCode.MISSING_OPTION,
          "no format given: call format(name) first; known sources are: "
              + String.join(", ", session.connectors().sources().keySet()));
    }
    SourceProvider provider = session.connectors().source(format);
    ConnectorOptions connectorOptions =
        new ConnectorOptions(provider.name(), options).validate(provider.optionNames());
    Optional<Schema> declared = Optional.ofNullable(schema);
    // Create one source now to check the options and learn the schema; queries make their own.
    Schema actual;
    try (Source probe =
        provider.create(new SourceContext(connectorOptions, declared, session.options().clock()))) {
      actual = probe.schema();
    }
    String description = provider.name() + new java.util.TreeMap<>(options);
    SourceFactory factory =
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
    String name = session.uniqueName(Catalog.HIDDEN_PREFIX + provider.name());
    CatalogEntry entry =
        streaming
            ? CatalogEntry.stream(name, actual, factory)
            : CatalogEntry.table(name, actual, factory);
    session.catalog().register(entry, false);
    return session.table(name);
  }
}
