package dev.sluice.planner.catalog;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.type.Schema;
import org.apache.calcite.rel.RelNode;

/**
 * A named stream, table or view.
 *
 * @param source how to read it; null for views
 * @param view the logical plan of a view; null otherwise
 */
public record CatalogEntry(
    String name,
    TableKind kind,
    Schema schema,
    SourceFactory source,
    RelNode view,
    WatermarkDeclaration watermark) {
  public CatalogEntry {
    requireNonNull(name, "name is null");
    requireNonNull(kind, "kind is null");
    requireNonNull(schema, "schema is null");
    if ((kind == TableKind.VIEW) != (view != null)
        || (kind == TableKind.VIEW) == (source != null)) {
      throw new IllegalArgumentException(
          "a view has a plan and no source; streams and tables have a source");
    }
    if (watermark != null && kind != TableKind.STREAM) {
      throw new IllegalArgumentException("only a stream has a watermark");
    }
  }

  /** This stream with event time declared (see {@link WatermarkDeclaration}). */
  public CatalogEntry withWatermark(WatermarkDeclaration declaration) {
    return new CatalogEntry(name, kind, schema, source, view, declaration);
  }

  public static CatalogEntry stream(String name, Schema schema, SourceFactory source) {
    return new CatalogEntry(name, TableKind.STREAM, schema, source, null, null);
  }

  public static CatalogEntry table(String name, Schema schema, SourceFactory source) {
    return new CatalogEntry(name, TableKind.TABLE, schema, source, null, null);
  }

  public static CatalogEntry view(String name, Schema schema, RelNode plan) {
    return new CatalogEntry(name, TableKind.VIEW, schema, null, plan, null);
  }
}
