package dev.sluice.execution.type;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Maps Sluice SQL types to Arrow types and back. The mapping is one-to-one for everything Sluice
 * writes; reading accepts exactly those Arrow types and refuses others by name.
 *
 * <p>Storage choices: DECIMAL is Arrow's 128-bit decimal; VARBINARY is Arrow's Binary (32-bit
 * offsets, like VARCHAR's Utf8); TIMESTAMP(3) is a zone-less millisecond timestamp (a local
 * date-time, as SQL's TIMESTAMP WITHOUT TIME ZONE); TIME is milliseconds of the day; a day-time
 * INTERVAL is a millisecond duration; a year-month INTERVAL is a month count.
 */
public final class ArrowTypes {
  /** The name Arrow list vectors give their single child. */
  public static final String ELEMENT_FIELD = "element";

  private ArrowTypes() {}

  public static org.apache.arrow.vector.types.pojo.Schema toArrow(Schema schema) {
    List<org.apache.arrow.vector.types.pojo.Field> fields = new ArrayList<>();
    for (Field field : schema.fields()) {
      fields.add(toArrow(field));
    }
    return new org.apache.arrow.vector.types.pojo.Schema(fields);
  }

  public static org.apache.arrow.vector.types.pojo.Field toArrow(Field field) {
    SqlType type = field.type();
    List<org.apache.arrow.vector.types.pojo.Field> children = List.of();
    if (type.kind() == TypeKind.ARRAY) {
      children = List.of(toArrow(Field.nullable(ELEMENT_FIELD, type.elementType())));
    }
    return new org.apache.arrow.vector.types.pojo.Field(
        field.name(), new FieldType(field.nullable(), toArrowType(type), null), children);
  }

  public static ArrowType toArrowType(SqlType type) {
    return switch (type.kind()) {
      case BOOLEAN -> ArrowType.Bool.INSTANCE;
      case TINYINT -> new ArrowType.Int(8, true);
      case SMALLINT -> new ArrowType.Int(16, true);
      case INTEGER -> new ArrowType.Int(32, true);
      case BIGINT -> new ArrowType.Int(64, true);
      case FLOAT -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
      case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      case DECIMAL -> new ArrowType.Decimal(type.precision(), type.scale(), 128);
      case VARCHAR -> ArrowType.Utf8.INSTANCE;
      case VARBINARY -> ArrowType.Binary.INSTANCE;
      case DATE -> new ArrowType.Date(DateUnit.DAY);
      case TIME -> new ArrowType.Time(TimeUnit.MILLISECOND, 32);
      case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MILLISECOND, null);
      case INTERVAL_DAY_TIME -> new ArrowType.Duration(TimeUnit.MILLISECOND);
      case INTERVAL_YEAR_MONTH -> new ArrowType.Interval(IntervalUnit.YEAR_MONTH);
      case ARRAY -> ArrowType.List.INSTANCE;
      case NULL -> ArrowType.Null.INSTANCE;
    };
  }

  public static Schema fromArrow(org.apache.arrow.vector.types.pojo.Schema schema) {
    List<Field> fields = new ArrayList<>();
    for (org.apache.arrow.vector.types.pojo.Field field : schema.getFields()) {
      fields.add(fromArrow(field));
    }
    return new Schema(fields);
  }

  public static Field fromArrow(org.apache.arrow.vector.types.pojo.Field field) {
    return new Field(field.getName(), fromArrowType(field), field.isNullable());
  }

  private static SqlType fromArrowType(org.apache.arrow.vector.types.pojo.Field field) {
    ArrowType type = field.getType();
    SqlType result =
        switch (type.getTypeID()) {
          case Bool -> SqlType.BOOLEAN;
          case Int -> fromInt((ArrowType.Int) type);
          case FloatingPoint ->
              ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.DOUBLE
                  ? SqlType.DOUBLE
                  : ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.SINGLE
                      ? SqlType.FLOAT
                      : null;
          case Decimal ->
              ((ArrowType.Decimal) type).getBitWidth() == 128
                  ? SqlType.decimal(
                      ((ArrowType.Decimal) type).getPrecision(),
                      ((ArrowType.Decimal) type).getScale())
                  : null;
          case Utf8 -> SqlType.VARCHAR;
          case Binary -> SqlType.VARBINARY;
          case Date -> ((ArrowType.Date) type).getUnit() == DateUnit.DAY ? SqlType.DATE : null;
          case Time ->
              ((ArrowType.Time) type).getUnit() == TimeUnit.MILLISECOND ? SqlType.TIME : null;
          case Timestamp ->
              ((ArrowType.Timestamp) type).getUnit() == TimeUnit.MILLISECOND
                      && ((ArrowType.Timestamp) type).getTimezone() == null
                  ? SqlType.TIMESTAMP
                  : null;
          case Duration ->
              ((ArrowType.Duration) type).getUnit() == TimeUnit.MILLISECOND
                  ? SqlType.INTERVAL_DAY_TIME
                  : null;
          case Interval ->
              ((ArrowType.Interval) type).getUnit() == IntervalUnit.YEAR_MONTH
                  ? SqlType.INTERVAL_YEAR_MONTH
                  : null;
          case List -> SqlType.array(fromArrowType(field.getChildren().get(0)));
          case Null -> SqlType.NULL;
          default -> null;
        };
    if (result == null) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_FEATURE,
          "Arrow type "
              + type
              + " of column '"
              + field.getName()
              + "' has no Sluice SQL type; supported are the types ArrowTypes.toArrowType"
              + " produces (e.g. Int(64), Utf8, Timestamp(MILLISECOND) without a time zone)");
    }
    return result;
  }

  private static SqlType fromInt(ArrowType.Int type) {
    if (!type.getIsSigned()) {
      return null;
    }
    return switch (type.getBitWidth()) {
      case 8 -> SqlType.TINYINT;
      case 16 -> SqlType.SMALLINT;
      case 32 -> SqlType.INTEGER;
      case 64 -> SqlType.BIGINT;
      default -> null;
    };
  }
}
