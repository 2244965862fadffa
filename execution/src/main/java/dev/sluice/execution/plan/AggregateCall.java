package dev.sluice.execution.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.SqlType;
import dev.sluice.execution.type.TypeKind;
import java.util.List;

/**
 * One aggregate of a GROUP BY: {@code function} over input column {@code argument} (-1 for
 * COUNT(*)), producing {@code resultType}; a {@code distinct} call folds each distinct value of its
 * group once.
 */
public record AggregateCall(
    AggregateFunction function,
    int argument,
    SqlType argumentType,
    SqlType resultType,
    boolean distinct) {
  public AggregateCall {
    requireNonNull(function, "function is null");
    requireNonNull(resultType, "resultType is null");
    if ((function == AggregateFunction.COUNT_STAR) != (argument < 0)) {
      throw new IllegalArgumentException("only COUNT(*) has no argument");
    }
    if (distinct && function == AggregateFunction.COUNT_STAR) {
      throw new IllegalArgumentException("COUNT(*) cannot be DISTINCT");
    }
  }

  /**
   * The columns of this call's partial state, as the exchange carries them: COUNT a BIGINT count;
   * SUM the sum in {@link #sumType()}; MIN/MAX a value of the argument's type; AVG the sum and a
   * BIGINT count; APPROX_COUNT_DISTINCT a HyperLogLog sketch image.
   */
  public List<Field> stateFields(String name) {
    return switch (function) {
      case COUNT_STAR, COUNT -> List.of(Field.notNull(name + "$count", SqlType.BIGINT));
      case SUM -> List.of(Field.nullable(name + "$sum", sumType()));
      case MIN, MAX -> List.of(Field.nullable(name + "$value", argumentType));
      case AVG ->
          List.of(
              Field.nullable(name + "$sum", sumType()),
              Field.notNull(name + "$count", SqlType.BIGINT));
      case APPROX_COUNT_DISTINCT -> List.of(Field.notNull(name + "$sketch", SqlType.VARBINARY));
    };
  }

  /** Sums are kept wide: BIGINT for integers, DECIMAL(38, s) for decimals, DOUBLE otherwise. */
  public SqlType sumType() {
    if (argumentType.kind().isIntegral()) {
      return SqlType.BIGINT;
    }
    if (argumentType.kind() == TypeKind.DECIMAL) {
      return SqlType.decimal(SqlType.MAX_DECIMAL_PRECISION, argumentType.scale());
    }
    return SqlType.DOUBLE;
  }
}
