package dev.sluice.execution.type;

import static java.util.Objects.requireNonNull;

/** A named, typed column of a {@link Schema}. */
public record Field(String name, SqlType type, boolean nullable) {
  public Field {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
  }

  public static Field nullable(String name, SqlType type) {
    return new Field(name, type, true);
  }

  public static Field notNull(String name, SqlType type) {
    return new Field(name, type, false);
  }

  @Override
  public String toString() {
    return name + " " + type + (nullable ? "" : " NOT NULL");
  }
}
