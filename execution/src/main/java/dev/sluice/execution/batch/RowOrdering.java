package dev.sluice.execution.batch;

import dev.sluice.execution.plan.SortSpec.SortKey;
import java.util.Comparator;
import java.util.List;

/** Orders rows by sort keys; values compare by their natural order (all row values do). */
public final class RowOrdering {
  private RowOrdering() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Comparator<Row> of(List<SortKey> keys) {
    Comparator<Row> ordering = (a, b) -> 0;
    for (SortKey key : keys) {
      Comparator<Comparable> values = Comparator.naturalOrder();
      if (key.descending()) {
        values = values.reversed();
      }
      values = key.nullsFirst() ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
      Comparator<Comparable> byValue = values;
      ordering = ordering.thenComparing(row -> (Comparable) row.get(key.column()), byValue);
    }
    return ordering;
  }
}
