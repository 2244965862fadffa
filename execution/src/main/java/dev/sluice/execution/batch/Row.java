package dev.sluice.execution.batch;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One row as Java values, for tests, typed lambdas and sinks that hand rows to users. Engines keep
 * data columnar; rows are only the edge format. Values use the Java classes of {@link
 * VectorValues}.
 */
public final class Row {
  private final Object[] values;

  private Row(Object[] values) {
    this.values = values;
  }

  public static Row of(Object... values) {
    return new Row(values.clone());
  }

  public static Row fromList(List<?> values) {
    return new Row(values.toArray());
  }

  public int size() {
    return values.length;
  }

  public Object get(int index) {
    return values[index];
  }

  public boolean isNullAt(int index) {
    return values[index] == null;
  }

  public long getLong(int index) {
    return ((Number) values[index]).longValue();
  }

  public int getInt(int index) {
    return ((Number) values[index]).intValue();
  }

  public double getDouble(int index) {
    return ((Number) values[index]).doubleValue();
  }

  public String getString(int index) {
    return (String) values[index];
  }

  public List<Object> toList() {
    return Arrays.asList(values.clone());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Row row && Arrays.deepEquals(values, row.values);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(values);
  }

  /** The values in brackets, e.g. {@code [1, Alice, X'0AFF']}: VARBINARY prints as hex literal. */
  @Override
  public String toString() {
    return Arrays.stream(values)
        .map(
            value ->
                value instanceof byte[] bytes
                    ? TableFormatter.binary(bytes)
                    : String.valueOf(value))
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
