package dev.sluice.planner.calcite;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.planner.catalog.CatalogEntry;
import org.apache.calcite.rel.core.TableScan;

/** A Calcite table backed by a catalog entry; scans unwrap it to find their source. */
public interface CatalogTables {
  CatalogEntry entry();

  /**
   * The catalog entry {@code scan} reads.
   *
   * @throws SluiceException if the scanned table is not one of the catalog's (a planner bug: every
   *     table Calcite resolves comes from the catalog)
   */
  static CatalogEntry entryOf(TableScan scan) {
    CatalogTables table = scan.getTable().unwrap(CatalogTables.class);
    if (table == null) {
      throw new SluiceException(
          ErrorCode.INTERNAL_ERROR,
          "scan of an unknown table " + scan.getTable().getQualifiedName());
    }
    return table.entry();
  }
}
