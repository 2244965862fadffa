package dev.sluice.api;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.Schema;
import dev.sluice.planner.calcite.Suggestions;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.CatalogEntry;
import dev.sluice.planner.catalog.SourceFactory;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The session's streams, tables and views as a user sees them: listed, described and dropped by
 * name (the shell's {@code SHOW}, {@code DESCRIBE} and {@code DROP}). Names are case-insensitive;
 * names the engine makes up are left out. Obtained from {@link Sluice#catalog()}.
 */
public final class SessionCatalog {
  /** What a name refers to. */
  public enum Kind {
    STREAM,
    TABLE,
    VIEW;

    /** The lower-case word for messages: "stream", "table", "view". */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One named object.
   *
   * @param source where a stream or table reads from, e.g. {@code nexmark{table=bid}}; empty for a
   *     view
   * @param watermark a stream's event-time declaration, as {@code CREATE STREAM} takes it
   */
  public record CatalogObject(
      String name, Kind kind, Schema schema, Optional<String> source, Optional<String> watermark) {
    public CatalogObject {
      requireNonNull(name, "name is null");
      requireNonNull(kind, "kind is null");
      requireNonNull(schema, "schema is null");
    }
  }

  private final Sluice session;

  SessionCatalog(Sluice session) {
    this.session = session;
  }

  /** The objects of {@code kind}, by name. */
  public List<CatalogObject> list(Kind kind) {
    return session.entries().entries().stream()
        .filter(entry -> !entry.name().startsWith(Catalog.HIDDEN_PREFIX))
        .map(SessionCatalog::describe)
        .filter(object -> object.kind() == kind)
        .toList();
  }

  /** The object named {@code name}, if there is one. */
  public Optional<CatalogObject> find(String name) {
    return session.entries().get(name).map(SessionCatalog::describe);
  }

  /**
   * The object named {@code name}.
   *
   * @throws SluiceException UNKNOWN_TABLE naming the objects there are
   */
  public CatalogObject get(String name) {
    return find(name).orElseThrow(() -> unknown(name, "stream, table or view"));
  }

  /**
   * Drops the {@code kind} named {@code name}. Queries already running keep reading what they read;
   * new queries no longer find the name.
   *
   * @return false if there was nothing to drop and {@code ifExists}
   * @throws SluiceException UNKNOWN_TABLE if there is no such object (and not {@code ifExists}),
   *     UNSUPPORTED_FEATURE if the name is an object of another kind
   */
  public boolean drop(Kind kind, String name, boolean ifExists) {
    Optional<CatalogObject> found = find(name);
    if (found.isEmpty()) {
      if (ifExists) {
        return false;
      }
      throw unknown(name, kind.word());
    }
    if (found.get().kind() != kind) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_FEATURE,
          "'"
              + found.get().name()
              + "' is a "
              + found.get().kind().word()
              + ", not a "
              + kind.word()
              + "; use DROP "
              + found.get().kind().name()
              + " "
              + found.get().name());
    }
    return session.entries().drop(name);
  }

  private SluiceException unknown(String name, String what) {
    List<String> names = session.entries().names();
    String suggestion = Suggestions.didYouMean(name, names);
    return new SluiceException(
        ErrorCode.UNKNOWN_TABLE,
        "no "
            + what
            + " named '"
            + name
            + "'; "
            + (names.isEmpty() ? "there are none" : "there are " + String.join(", ", names))
            + (suggestion.isEmpty() ? "" : "." + suggestion));
  }

  private static CatalogObject describe(CatalogEntry entry) {
    Kind kind =
        switch (entry.kind()) {
          case STREAM -> Kind.STREAM;
          case TABLE -> Kind.TABLE;
          case VIEW -> Kind.VIEW;
        };
    return new CatalogObject(
        entry.name(),
        kind,
        entry.schema(),
        Optional.ofNullable(entry.source()).map(SourceFactory::description),
        Optional.ofNullable(entry.watermark()).map(w -> w.clause(entry.schema())));
  }
}
