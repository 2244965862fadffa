package dev.sluice.execution.operator.aggregate;

import dev.sluice.execution.batch.RowOrdering;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.operator.key.ValueCodec;
import dev.sluice.execution.plan.AggregateCall;
import dev.sluice.execution.plan.AggregateFunction;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.SqlType;
import dev.sluice.execution.type.TypeKind;
import dev.sluice.state.encoding.BinaryReader;
import dev.sluice.state.encoding.BinaryWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.apache.datasketches.hll.Union;

/**
 * The state of each aggregate function and its four operations: start, add an input value, merge a
 * partial state, produce the result. A state is an {@code Object[]} of row values whose layout is
 * also the layout of the partial columns the exchange carries:
 *
 * <ul>
 *   <li>COUNT(*), COUNT(x): [count BIGINT]
 *   <li>SUM(x): [sum] in the widened sum type (BIGINT for integers, DOUBLE, DECIMAL(38, s)), NULL
 *       until a non-NULL value arrives
 *   <li>MIN(x), MAX(x): [extreme] of x's type, NULL until a non-NULL value arrives
 *   <li>AVG(x): [sum in the sum type, count BIGINT]
 *   <li>APPROX_COUNT_DISTINCT(x): [sketch], a DataSketches {@code Union} in memory and its compact
 *       image (VARBINARY) in partial rows and in state ({@link ApproxDistinct})
 * </ul>
 *
 * Integer sums fail with NUMERIC_OVERFLOW rather than wrap.
 */
final class Aggregates {
  private Aggregates() {}

  static int stateWidth(AggregateCall call) {
    return call.stateFields("").size();
  }

  static Object[] initial(AggregateCall call) {
    return switch (call.function()) {
      case COUNT_STAR, COUNT -> new Object[] {0L};
      case SUM, MIN, MAX -> new Object[] {null};
      case AVG -> new Object[] {null, 0L};
      case APPROX_COUNT_DISTINCT -> new Object[] {ApproxDistinct.empty()};
    };
  }

  /** Folds one input value (ignored by COUNT(*)) into {@code state}. */
  static void accumulate(AggregateCall call, Object[] state, Object value) {
    switch (call.function()) {
      case COUNT_STAR -> state[0] = (Long) state[0] + 1;
      case COUNT -> {
        if (value != null) {
          state[0] = (Long) state[0] + 1;
        }
      }
      case SUM -> {
        if (value != null) {
          state[0] = add(call.sumType(), state[0], value);
        }
      }
      case MIN, MAX -> {
        if (value != null && (state[0] == null || better(call, value, state[0]))) {
          state[0] = value;
        }
      }
      case AVG -> {
        if (value != null) {
          state[0] = add(call.sumType(), state[0], value);
          state[1] = (Long) state[1] + 1;
        }
      }
      case APPROX_COUNT_DISTINCT -> {
        if (value != null) {
          ApproxDistinct.add((Union) state[0], call.argumentType(), value);
        }
      }
    }
  }

  /** Folds a partial state (same layout) into {@code state}. */
  static void merge(AggregateCall call, Object[] state, Object[] partial) {
    switch (call.function()) {
      case COUNT_STAR, COUNT -> state[0] = (Long) state[0] + (Long) partial[0];
      case SUM -> {
        if (partial[0] != null) {
          state[0] = add(call.sumType(), state[0], partial[0]);
        }
      }
      case MIN, MAX -> accumulate(call, state, partial[0]);
      case AVG -> {
        if (partial[0] != null) {
          state[0] = add(call.sumType(), state[0], partial[0]);
        }
        state[1] = (Long) state[1] + (Long) partial[1];
      }
      case APPROX_COUNT_DISTINCT -> ApproxDistinct.merge((Union) state[0], (byte[]) partial[0]);
    }
  }

  /** {@code state} as the values of its partial columns (sketches become their images). */
  static Object[] partialValues(AggregateCall call, Object[] state) {
    if (call.function() == AggregateFunction.APPROX_COUNT_DISTINCT) {
      return new Object[] {ApproxDistinct.toBytes((Union) state[0])};
    }
    return state;
  }

  static Object result(AggregateCall call, Object[] state) {
    SqlType type = call.resultType();
    return switch (call.function()) {
      case COUNT_STAR, COUNT -> fit(type, state[0]);
      case APPROX_COUNT_DISTINCT -> fit(type, ApproxDistinct.estimate((Union) state[0]));
      case SUM, MIN, MAX -> fit(type, state[0]);
      case AVG -> {
        long count = (Long) state[1];
        if (count == 0 || state[0] == null) {
          yield null;
        }
        Object sum = state[0];
        if (type.kind() == TypeKind.DECIMAL) {
          BigDecimal total = sum instanceof BigDecimal d ? d : new BigDecimal(sum.toString());
          yield fit(
              type, total.divide(BigDecimal.valueOf(count), type.scale(), RoundingMode.HALF_UP));
        }
        if (type.kind().isIntegral()) {
          yield fit(type, ((Number) sum).longValue() / count);
        }
        yield fit(type, ((Number) sum).doubleValue() / count);
      }
    };
  }

  static void write(BinaryWriter out, AggregateCall call, Object[] state) {
    List<Field> fields = call.stateFields("");
    Object[] values = partialValues(call, state);
    for (int i = 0; i < fields.size(); i++) {
      ValueCodec.writeCompact(out, fields.get(i).type(), values[i]);
    }
  }

  static Object[] read(BinaryReader in, AggregateCall call) {
    List<Field> fields = call.stateFields("");
    Object[] state = new Object[fields.size()];
    for (int i = 0; i < state.length; i++) {
      state[i] = ValueCodec.readCompact(in, fields.get(i).type());
    }
    if (call.function() == AggregateFunction.APPROX_COUNT_DISTINCT) {
      state[0] = ApproxDistinct.fromBytes((byte[]) state[0]);
    }
    return state;
  }

  private static boolean better(AggregateCall call, Object candidate, Object current) {
    int order = RowOrdering.compareValues(candidate, current);
    return call.function() == AggregateFunction.MIN ? order < 0 : order > 0;
  }

  private static Object add(SqlType sumType, Object sum, Object value) {
    return switch (sumType.kind()) {
      case BIGINT -> {
        long a = sum == null ? 0 : (Long) sum;
        try {
          yield Math.addExact(a, ((Number) value).longValue());
        } catch (ArithmeticException e) {
          throw new SluiceException(
              ErrorCode.NUMERIC_OVERFLOW, "numeric overflow in SUM: " + a + " + " + value);
        }
      }
      case DECIMAL -> {
        BigDecimal a = sum == null ? BigDecimal.ZERO : (BigDecimal) sum;
        yield a.add((BigDecimal) value);
      }
      default -> (sum == null ? 0d : (Double) sum) + ((Number) value).doubleValue();
    };
  }

  /** {@code value} as a value of {@code type}, failing with NUMERIC_OVERFLOW if it does not fit. */
  private static Object fit(SqlType type, Object value) {
    if (value == null) {
      return null;
    }
    return switch (type.kind()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT -> {
        long v = ((Number) value).longValue();
        long min =
            type.kind() == TypeKind.TINYINT
                ? Byte.MIN_VALUE
                : type.kind() == TypeKind.SMALLINT
                    ? Short.MIN_VALUE
                    : type.kind() == TypeKind.INTEGER ? Integer.MIN_VALUE : Long.MIN_VALUE;
        long max =
            type.kind() == TypeKind.TINYINT
                ? Byte.MAX_VALUE
                : type.kind() == TypeKind.SMALLINT
                    ? Short.MAX_VALUE
                    : type.kind() == TypeKind.INTEGER ? Integer.MAX_VALUE : Long.MAX_VALUE;
        if (v < min || v > max) {
          throw new SluiceException(
              ErrorCode.NUMERIC_OVERFLOW, "aggregate result " + v + " does not fit in " + type);
        }
        yield switch (type.kind()) {
          case TINYINT -> (byte) v;
          case SMALLINT -> (short) v;
          case INTEGER -> (int) v;
          default -> v;
        };
      }
      case FLOAT -> ((Number) value).floatValue();
      case DOUBLE -> ((Number) value).doubleValue();
      case DECIMAL -> {
        BigDecimal d = ((BigDecimal) value).setScale(type.scale(), RoundingMode.HALF_UP);
        if (d.precision() - d.scale() > type.precision() - type.scale()) {
          throw new SluiceException(
              ErrorCode.NUMERIC_OVERFLOW, "aggregate result " + d + " does not fit in " + type);
        }
        yield d;
      }
      default -> value;
    };
  }
}
