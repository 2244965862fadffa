package dev.sluice.planner.catalog;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The session's names: streams, static tables and views. Names are case-insensitive and keep the
 * spelling they were created with. Thread-safe.
 */
public final class Catalog {
  /**
   * Names the engine makes up (a DataFrame's source, a view for one expression) start with this;
   * they resolve like any other name but are left out of {@link #names()}, listings and hints.
   */
  public static final String HIDDEN_PREFIX = "__";

  private final Map<String, CatalogEntry> entries = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  /** Adds an entry; fails if the name is taken, unless {@code replace}. */
  public synchronized void register(CatalogEntry entry, boolean replace) {
    CatalogEntry existing = entries.get(entry.name());
    if (existing != null && !replace) {
      throw new SluiceException(
          ErrorCode.DUPLICATE_OBJECT,
          existing.kind().name().toLowerCase()
              + " '"
              + existing.name()
              + "' already exists; drop it first or use"
              + " createOrReplaceTempView / CREATE ... IF NOT EXISTS");
    }
    entries.put(entry.name(), entry);
  }

  public synchronized Optional<CatalogEntry> get(String name) {
    return Optional.ofNullable(entries.get(name));
  }

  public synchronized boolean drop(String name) {
    return entries.remove(name) != null;
  }

  public synchronized List<CatalogEntry> entries() {
    return new ArrayList<>(entries.values());
  }

  /** The names users gave, without the engine's hidden ones. */
  public synchronized List<String> names() {
    return entries.keySet().stream().filter(name -> !name.startsWith(HIDDEN_PREFIX)).toList();
  }
}
