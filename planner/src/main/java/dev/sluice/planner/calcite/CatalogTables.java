package dev.sluice.planner.calcite;

import dev.sluice.planner.catalog.CatalogEntry;

/** A Calcite table backed by a catalog entry; scans unwrap it to find their source. */
public interface CatalogTables {
  CatalogEntry entry();
}
