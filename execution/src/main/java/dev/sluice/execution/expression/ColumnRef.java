package dev.sluice.execution.expression;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.type.SqlType;

/** The value of input column {@code index}. */
public record ColumnRef(int index, SqlType type) implements Expression {
  public ColumnRef {
    requireNonNull(type, "type is null");
    if (index < 0) {
      throw new IllegalArgumentException("negative column index " + index);
    }
  }

  @Override
  public String toString() {
    return "$" + index + ":" + type;
  }
}
