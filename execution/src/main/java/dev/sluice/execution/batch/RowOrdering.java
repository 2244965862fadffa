package dev.sluice.execution.batch;

import dev.sluice.execution.plan.SortSpec.SortKey;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Orders rows by sort keys. Values compare by their natural order, except VARBINARY's {@code
 * byte[]}, which compares as unsigned bytes, lexicographically (as the kernels do).
 */
public final class RowOrdering {
  private RowOrdering() {}

  public static Comparator<Row> of(List<SortKey> keys) {
    Comparator<Row> ordering = (a, b) -> 0;
    for (SortKey key : keys) {
      Comparator<Object> values = RowOrdering::compareValues;
      if (key.descending()) {
        values = values.reversed();
      }
      values = key.nullsFirst() ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
      ordering = ordering.thenComparing(row -> row.get(key.column()), values);
    }
    return ordering;
  }

  /** The order of two non-null row values of the same SQL type. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static int compareValues(Object a, Object b) {
    if (a instanceof byte[] bytes) {
      return Arrays.compareUnsigned(bytes, (byte[]) b);
    }
    return ((Comparable) a).compareTo(b);
  }
}
