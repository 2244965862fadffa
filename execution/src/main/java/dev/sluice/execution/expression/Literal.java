package dev.sluice.execution.expression;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.type.SqlType;

/**
 * A constant. {@code value} is null for SQL NULL, otherwise of the Java class {@code VectorValues}
 * names for {@code type}. Symbols such as a TRIM mode or an EXTRACT unit are VARCHAR literals
 * holding the symbol's name.
 */
public record Literal(Object value, SqlType type) implements Expression {
  public Literal {
    requireNonNull(type, "type is null");
  }

  public static Literal symbol(String name) {
    return new Literal(name, SqlType.VARCHAR);
  }

  @Override
  public String toString() {
    return (value instanceof String ? "'" + value + "'" : String.valueOf(value)) + ":" + type;
  }
}
