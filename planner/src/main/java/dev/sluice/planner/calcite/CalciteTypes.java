package dev.sluice.planner.calcite;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/** Converts between Calcite's row types and Sluice schemas. */
public final class CalciteTypes {
  private CalciteTypes() {}

  public static Schema toSchema(RelDataType rowType) {
    List<Field> fields = new ArrayList<>();
    for (RelDataTypeField field : rowType.getFieldList()) {
      fields.add(
          new Field(
              field.getName(),
              toSqlType(field.getType(), field.getName()),
              field.getType().isNullable()));
    }
    return new Schema(fields);
  }

  public static SqlType toSqlType(RelDataType type, String what) {
    SqlTypeName name = type.getSqlTypeName();
    return switch (name) {
      case BOOLEAN -> SqlType.BOOLEAN;
      case TINYINT -> SqlType.TINYINT;
      case SMALLINT -> SqlType.SMALLINT;
      case INTEGER -> SqlType.INTEGER;
      case BIGINT -> SqlType.BIGINT;
      case REAL, FLOAT -> SqlType.FLOAT;
      case DOUBLE -> SqlType.DOUBLE;
      case DECIMAL -> SqlType.decimal(type.getPrecision(), type.getScale());
      // Lengths are dropped: Sluice's VARCHAR and VARBINARY are unbounded.
      case CHAR, VARCHAR, SYMBOL -> SqlType.VARCHAR;
      case BINARY, VARBINARY -> SqlType.VARBINARY;
      case DATE -> SqlType.DATE;
      case TIME -> SqlType.TIME;
      case TIMESTAMP -> SqlType.TIMESTAMP;
      case INTERVAL_DAY,
          INTERVAL_DAY_HOUR,
          INTERVAL_DAY_MINUTE,
          INTERVAL_DAY_SECOND,
          INTERVAL_HOUR,
          INTERVAL_HOUR_MINUTE,
          INTERVAL_HOUR_SECOND,
          INTERVAL_MINUTE,
          INTERVAL_MINUTE_SECOND,
          INTERVAL_SECOND ->
          SqlType.INTERVAL_DAY_TIME;
      case INTERVAL_YEAR, INTERVAL_YEAR_MONTH, INTERVAL_MONTH -> SqlType.INTERVAL_YEAR_MONTH;
      case ARRAY -> SqlType.array(toSqlType(type.getComponentType(), what + " element"));
      case NULL -> SqlType.NULL;
      default ->
          throw new SluiceException(
              ErrorCode.UNSUPPORTED_FEATURE,
              "type "
                  + type.getFullTypeString()
                  + " of "
                  + what
                  + " is not supported; supported are BOOLEAN,"
                  + " TINYINT, SMALLINT, INTEGER, BIGINT, FLOAT, DOUBLE, DECIMAL(p, s), VARCHAR, VARBINARY, DATE, TIME,"
                  + " TIMESTAMP(3), INTERVAL and ARRAY of these");
    };
  }

  public static RelDataType toRowType(Schema schema, RelDataTypeFactory factory) {
    RelDataTypeFactory.Builder builder = factory.builder();
    for (Field field : schema.fields()) {
      builder.add(field.name(), toRelType(field.type(), field.nullable(), factory));
    }
    return builder.build();
  }

  public static RelDataType toRelType(SqlType type, boolean nullable, RelDataTypeFactory factory) {
    RelDataType relType =
        switch (type.kind()) {
          case BOOLEAN -> factory.createSqlType(SqlTypeName.BOOLEAN);
          case TINYINT -> factory.createSqlType(SqlTypeName.TINYINT);
          case SMALLINT -> factory.createSqlType(SqlTypeName.SMALLINT);
          case INTEGER -> factory.createSqlType(SqlTypeName.INTEGER);
          case BIGINT -> factory.createSqlType(SqlTypeName.BIGINT);
          case FLOAT -> factory.createSqlType(SqlTypeName.FLOAT);
          case DOUBLE -> factory.createSqlType(SqlTypeName.DOUBLE);
          case DECIMAL ->
              factory.createSqlType(SqlTypeName.DECIMAL, type.precision(), type.scale());
          case VARCHAR -> factory.createSqlType(SqlTypeName.VARCHAR);
          case VARBINARY -> factory.createSqlType(SqlTypeName.VARBINARY);
          case DATE -> factory.createSqlType(SqlTypeName.DATE);
          case TIME -> factory.createSqlType(SqlTypeName.TIME, 3);
          case TIMESTAMP -> factory.createSqlType(SqlTypeName.TIMESTAMP, 3);
          case INTERVAL_DAY_TIME ->
              factory.createSqlIntervalType(
                  new SqlIntervalQualifier(TimeUnit.DAY, TimeUnit.SECOND, SqlParserPos.ZERO));
          case INTERVAL_YEAR_MONTH ->
              factory.createSqlIntervalType(
                  new SqlIntervalQualifier(TimeUnit.YEAR, TimeUnit.MONTH, SqlParserPos.ZERO));
          case ARRAY -> factory.createArrayType(toRelType(type.elementType(), true, factory), -1);
          case NULL -> factory.createSqlType(SqlTypeName.NULL);
        };
    return factory.createTypeWithNullability(relType, nullable);
  }
}
