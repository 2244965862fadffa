package dev.sluice.planner.calcite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.execution.type.SqlType;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

class CalciteTypesTest {
  private final RelDataTypeFactory factory = new JavaTypeFactoryImpl(SluiceTypeSystem.INSTANCE);

  @Test
  void binaryOfAnyLengthIsTheUnboundedVarbinary() {
    assertThat(CalciteTypes.toSqlType(factory.createSqlType(SqlTypeName.BINARY, 2), "literal"))
        .isEqualTo(SqlType.VARBINARY);
    assertThat(CalciteTypes.toSqlType(factory.createSqlType(SqlTypeName.VARBINARY, 16), "column"))
        .isEqualTo(SqlType.VARBINARY);

    RelDataType relType = CalciteTypes.toRelType(SqlType.VARBINARY, true, factory);

    assertThat(relType.getSqlTypeName()).isEqualTo(SqlTypeName.VARBINARY);
    assertThat(relType.getPrecision()).isEqualTo(RelDataType.PRECISION_NOT_SPECIFIED);
    assertThat(relType.isNullable()).isTrue();
    assertThat(CalciteTypes.toSqlType(relType, "column")).isEqualTo(SqlType.VARBINARY);
  }
}
