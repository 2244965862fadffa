package dev.sluice.planner.calcite;

import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type rules with Sluice's limits: DECIMAL up to 38 digits (Arrow's 128-bit decimal), and
 * TIMESTAMP/TIME default to millisecond precision, the precision Sluice stores.
 */
public final class SluiceTypeSystem extends RelDataTypeSystemImpl {
  public static final SluiceTypeSystem INSTANCE = new SluiceTypeSystem();

  private SluiceTypeSystem() {}

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? 38 : super.getMaxPrecision(typeName);
  }

  @Override
  public int getMaxScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? 38 : super.getMaxScale(typeName);
  }

  /** {@code CASE WHEN .. THEN 'high' ELSE 'low' END} is VARCHAR, not a blank-padded CHAR(4). */
  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }

  @Override
  public int getDefaultPrecision(SqlTypeName typeName) {
    return switch (typeName) {
      case TIMESTAMP, TIME -> 3;
      default -> super.getDefaultPrecision(typeName);
    };
  }
}
