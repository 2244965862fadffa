package dev.sluice.execution.connector;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Finds connectors by name on the class path, failing with the list of known ones. */
public final class Connectors {
  private final Map<String, SourceProvider> sources = new TreeMap<>();
  private final Map<String, SinkProvider> sinks = new TreeMap<>();

  private Connectors() {}

  public static Connectors load(ClassLoader classLoader) {
    Connectors connectors = new Connectors();
    for (SourceProvider provider : ServiceLoader.load(SourceProvider.class, classLoader)) {
      connectors.sources.put(provider.name().toLowerCase(Locale.ROOT), provider);
    }
    for (SinkProvider provider : ServiceLoader.load(SinkProvider.class, classLoader)) {
      connectors.sinks.put(provider.name().toLowerCase(Locale.ROOT), provider);
    }
    return connectors;
  }

  public SourceProvider source(String name) {
    SourceProvider provider = sources.get(name.toLowerCase(Locale.ROOT));
    if (provider == null) {
      throw new SluiceException(
          ErrorCode.UNKNOWN_CONNECTOR,
          "unknown source format '"
              + name
              + "'; known sources are: "
              + String.join(", ", sources.keySet()));
    }
    return provider;
  }

  public SinkProvider sink(String name) {
    SinkProvider provider = sinks.get(name.toLowerCase(Locale.ROOT));
    if (provider == null) {
      throw new SluiceException(
          ErrorCode.UNKNOWN_CONNECTOR,
          "unknown sink format '"
              + name
              + "'; known sinks are: "
              + String.join(", ", sinks.keySet()));
    }
    return provider;
  }

  public Map<String, SourceProvider> sources() {
    return Map.copyOf(sources);
  }

  public Map<String, SinkProvider> sinks() {
    return Map.copyOf(sinks);
  }
}
