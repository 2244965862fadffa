package dev.sluice.execution.expression.codegen;

import dev.sluice.execution.expression.Call;
import dev.sluice.execution.expression.ColumnRef;
import dev.sluice.execution.expression.Expression;
import dev.sluice.execution.expression.Literal;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import dev.sluice.execution.type.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rewrites a calc so every wide DECIMAL (precision over 18) is computed as a compact one (precision
 * 18, same scale): the speculative fast kernel. Values that do not fit make that kernel fail with
 * NUMERIC_OVERFLOW, and {@link SpeculativeKernel} re-runs the chunk exactly, so the narrowing never
 * changes a result. Typical case: {@code BIGINT * 0.908} is DECIMAL(23, 3) but its values fit a
 * long.
 */
final class DecimalNarrowing {
  private DecimalNarrowing() {}

  /** True if the calc has a wide DECIMAL and every one can be narrowed. */
  static boolean applies(Schema input, Expression condition, List<Expression> projections) {
    List<SqlType> types = new ArrayList<>();
    input.fields().forEach(f -> types.add(f.type()));
    List<Expression> all = new ArrayList<>(projections);
    if (condition != null) {
      all.add(condition);
    }
    for (Expression e : all) {
      collect(e, types);
    }
    boolean anyWide = false;
    for (SqlType type : types) {
      if (isWide(type)) {
        anyWide = true;
        if (type.scale() > SqlType.MAX_COMPACT_DECIMAL_PRECISION) {
          return false;
        }
      } else if (type.kind() == TypeKind.ARRAY && containsWide(type)) {
        return false;
      }
    }
    return anyWide && all.stream().allMatch(DecimalNarrowing::literalsFit);
  }

  static Schema narrow(Schema schema) {
    List<Field> fields = new ArrayList<>();
    for (Field field : schema.fields()) {
      fields.add(new Field(field.name(), narrow(field.type()), field.nullable()));
    }
    return new Schema(fields);
  }

  /** Input columns whose type was narrowed; the kernel checks each value read from them fits. */
  static Set<Integer> narrowedColumns(Schema schema) {
    Set<Integer> columns = new HashSet<>();
    for (int i = 0; i < schema.size(); i++) {
      if (isWide(schema.field(i).type())) {
        columns.add(i);
      }
    }
    return columns;
  }

  static Expression narrow(Expression expression) {
    if (expression instanceof ColumnRef ref) {
      return new ColumnRef(ref.index(), narrow(ref.type()));
    }
    if (expression instanceof Literal literal) {
      return new Literal(literal.value(), narrow(literal.type()));
    }
    Call call = (Call) expression;
    List<Expression> operands = new ArrayList<>();
    for (Expression operand : call.operands()) {
      operands.add(narrow(operand));
    }
    return new Call(call.function(), call.udfName(), operands, narrow(call.type()));
  }

  private static SqlType narrow(SqlType type) {
    return isWide(type)
        ? SqlType.decimal(SqlType.MAX_COMPACT_DECIMAL_PRECISION, type.scale())
        : type;
  }

  private static boolean isWide(SqlType type) {
    return type.kind() == TypeKind.DECIMAL && !type.isCompactDecimal();
  }

  private static boolean containsWide(SqlType type) {
    return isWide(type) || (type.kind() == TypeKind.ARRAY && containsWide(type.elementType()));
  }

  private static void collect(Expression e, List<SqlType> types) {
    types.add(e.type());
    if (e instanceof Call call) {
      call.operands().forEach(o -> collect(o, types));
    }
  }

  private static boolean literalsFit(Expression e) {
    if (e instanceof Literal literal
        && isWide(literal.type())
        && literal.value() instanceof BigDecimal d) {
      BigDecimal scaled = d.setScale(literal.type().scale(), java.math.RoundingMode.HALF_UP);
      return scaled.precision() <= SqlType.MAX_COMPACT_DECIMAL_PRECISION;
    }
    return !(e instanceof Call call)
        || call.operands().stream().allMatch(DecimalNarrowing::literalsFit);
  }
}
