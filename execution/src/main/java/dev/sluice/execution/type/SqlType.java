package dev.sluice.execution.type;

import static java.util.Objects.requireNonNull;

/**
 * A SQL type as the runtime sees it. Nullability is a property of a {@link Field}, not of the type.
 *
 * @param kind the type family
 * @param precision DECIMAL precision, TIMESTAMP/TIME fractional digits; 0 where meaningless
 * @param scale DECIMAL scale; 0 otherwise
 * @param elementType the element type of an ARRAY; null otherwise
 */
public record SqlType(TypeKind kind, int precision, int scale, SqlType elementType) {
  /** The largest DECIMAL precision; values are stored as Arrow 128-bit decimals. */
  public static final int MAX_DECIMAL_PRECISION = 38;

  /** DECIMALs up to this precision are computed as scaled {@code long}s inside kernels. */
  public static final int MAX_COMPACT_DECIMAL_PRECISION = 18;

  public static final SqlType BOOLEAN = of(TypeKind.BOOLEAN);
  public static final SqlType TINYINT = of(TypeKind.TINYINT);
  public static final SqlType SMALLINT = of(TypeKind.SMALLINT);
  public static final SqlType INTEGER = of(TypeKind.INTEGER);
  public static final SqlType BIGINT = of(TypeKind.BIGINT);
  public static final SqlType FLOAT = of(TypeKind.FLOAT);
  public static final SqlType DOUBLE = of(TypeKind.DOUBLE);
  public static final SqlType VARCHAR = of(TypeKind.VARCHAR);
  public static final SqlType VARBINARY = of(TypeKind.VARBINARY);
  public static final SqlType DATE = of(TypeKind.DATE);
  public static final SqlType TIME = new SqlType(TypeKind.TIME, 3, 0, null);
  public static final SqlType TIMESTAMP = new SqlType(TypeKind.TIMESTAMP, 3, 0, null);
  public static final SqlType INTERVAL_DAY_TIME = of(TypeKind.INTERVAL_DAY_TIME);
  public static final SqlType INTERVAL_YEAR_MONTH = of(TypeKind.INTERVAL_YEAR_MONTH);
  public static final SqlType NULL = of(TypeKind.NULL);

  public SqlType {
    requireNonNull(kind, "kind is null");
    if (kind == TypeKind.ARRAY) {
      requireNonNull(elementType, "elementType is null for ARRAY");
    } else if (elementType != null) {
      throw new IllegalArgumentException("only ARRAY has an element type, not " + kind);
    }
    if (kind == TypeKind.DECIMAL
        && (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision)) {
      throw new IllegalArgumentException(
          "DECIMAL("
              + precision
              + ", "
              + scale
              + ") is out of range: need 1 <= scale <= precision <= 38");
    }
  }

  private static SqlType of(TypeKind kind) {
    return new SqlType(kind, 0, 0, null);
  }

  public static SqlType decimal(int precision, int scale) {
    return new SqlType(TypeKind.DECIMAL, precision, scale, null);
  }

  public static SqlType array(SqlType elementType) {
    return new SqlType(TypeKind.ARRAY, 0, 0, elementType);
  }

  /** A DECIMAL small enough to be computed as an unscaled {@code long}. */
  public boolean isCompactDecimal() {
    return kind == TypeKind.DECIMAL && precision <= MAX_COMPACT_DECIMAL_PRECISION;
  }

  /** The SQL spelling, e.g. {@code DECIMAL(19, 3)}, {@code VARCHAR ARRAY}. */
  @Override
  public String toString() {
    return switch (kind) {
      case DECIMAL -> "DECIMAL(" + precision + ", " + scale + ")";
      case TIMESTAMP -> "TIMESTAMP(" + precision + ")";
      case TIME -> "TIME(" + precision + ")";
      case INTERVAL_DAY_TIME -> "INTERVAL DAY TO SECOND";
      case INTERVAL_YEAR_MONTH -> "INTERVAL YEAR TO MONTH";
      case ARRAY -> elementType + " ARRAY";
      default -> kind.name();
    };
  }
}
