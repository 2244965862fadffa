package dev.sluice.planner.calcite;

import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.CatalogEntry;
import dev.sluice.planner.catalog.TableKind;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * Shows the live {@link Catalog} to Calcite: streams and tables as plain tables (Flink's approach;
 * every query over a stream is continuous), views as their stored plans.
 */
final class CatalogSchema extends AbstractSchema {
  private final Catalog catalog;

  CatalogSchema(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    Map<String, Table> tables = new LinkedHashMap<>();
    for (CatalogEntry entry : catalog.entries()) {
      tables.put(
          entry.name(),
          entry.kind() == TableKind.VIEW ? new ViewTable(entry) : new SourceTable(entry));
    }
    return tables;
  }

  @Override
  public boolean isMutable() {
    return true;
  }

  /** A stream or static table; scans of it carry the entry to the physical planner. */
  static final class SourceTable extends AbstractTable implements CatalogTables {
    private final CatalogEntry entry;

    SourceTable(CatalogEntry entry) {
      this.entry = entry;
    }

    @Override
    public CatalogEntry entry() {
      return entry;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      return CalciteTypes.toRowType(entry.schema(), typeFactory);
    }
  }

  /** A view: expands to its stored logical plan. */
  static final class ViewTable extends AbstractTable implements TranslatableTable {
    private final CatalogEntry entry;

    ViewTable(CatalogEntry entry) {
      this.entry = entry;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      return entry.view().getRowType();
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
      return entry.view();
    }
  }
}
