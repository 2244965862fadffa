package dev.sluice.execution.expression;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.type.SqlType;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A call of a built-in function (named by {@link Function}) or of a user function registered by
 * name ({@link Function#UDF}, with {@code udfName}).
 */
public record Call(Function function, String udfName, List<Expression> operands, SqlType type)
    implements Expression {
  public Call {
    requireNonNull(function, "function is null");
    requireNonNull(type, "type is null");
    operands = List.copyOf(operands);
    if ((function == Function.UDF) != (udfName != null)) {
      throw new IllegalArgumentException("udfName is set exactly for UDF calls");
    }
  }

  public static Call of(Function function, SqlType type, Expression... operands) {
    return new Call(function, null, List.of(operands), type);
  }

  public static Call of(Function function, SqlType type, List<Expression> operands) {
    return new Call(function, null, operands, type);
  }

  public static Call udf(String name, SqlType type, List<Expression> operands) {
    return new Call(Function.UDF, name, operands, type);
  }

  public Expression operand(int index) {
    return operands.get(index);
  }

  @Override
  public String toString() {
    String name = function == Function.UDF ? "UDF " + udfName : function.name();
    return operands.stream()
            .map(Expression::toString)
            .collect(Collectors.joining(", ", name + "(", ")"))
        + ":"
        + type;
  }
}
