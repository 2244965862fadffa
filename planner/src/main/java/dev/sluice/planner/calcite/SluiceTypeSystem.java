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

  /**
   * {@code CASE WHEN .. THEN 'high' ELSE 'low' END} is VARCHAR, not a blank-padded CHAR(4);
   * likewise {@code X'01'} and {@code X'0203'} unite as VARBINARY, not a zero-padded BINARY(2).
   */
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

  /** SUM is kept wide (as Spark does): BIGINT for integers, 10 more digits for decimals. */
  @Override
  public org.apache.calcite.rel.type.RelDataType deriveSumType(
      org.apache.calcite.rel.type.RelDataTypeFactory factory,
      org.apache.calcite.rel.type.RelDataType argument) {
    SqlTypeName name = argument.getSqlTypeName();
    org.apache.calcite.rel.type.RelDataType sum =
        switch (name) {
          case TINYINT, SMALLINT, INTEGER, BIGINT -> factory.createSqlType(SqlTypeName.BIGINT);
          case DECIMAL ->
              factory.createSqlType(
                  SqlTypeName.DECIMAL,
                  Math.min(38, argument.getPrecision() + 10),
                  argument.getScale());
          case REAL, FLOAT, DOUBLE -> factory.createSqlType(SqlTypeName.DOUBLE);
          default -> argument;
        };
    return factory.createTypeWithNullability(sum, argument.isNullable());
  }

  /** AVG of numbers is a DOUBLE, of decimals a DECIMAL with 4 more fractional digits (Spark). */
  @Override
  public org.apache.calcite.rel.type.RelDataType deriveAvgAggType(
      org.apache.calcite.rel.type.RelDataTypeFactory factory,
      org.apache.calcite.rel.type.RelDataType argument) {
    org.apache.calcite.rel.type.RelDataType average =
        argument.getSqlTypeName() == SqlTypeName.DECIMAL
            ? factory.createSqlType(
                SqlTypeName.DECIMAL,
                Math.min(38, argument.getPrecision() + 4),
                Math.min(38, argument.getScale() + 4))
            : factory.createSqlType(SqlTypeName.DOUBLE);
    return factory.createTypeWithNullability(average, argument.isNullable());
  }
}
