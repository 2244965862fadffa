package dev.sluice.cli.terminal;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.batch.TableFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of an update-mode query as a sink that upserts would hold it: each batch's rows
 * replace the rows with the same key, and the table lists the rows in key order, so a group's row
 * keeps its place on the screen as its values change.
 *
 * <p>It holds at most {@code capacity} rows: when a new key would exceed that, the row changed
 * longest ago leaves (for windows, the closed ones), so a query running for hours neither grows the
 * shell's memory nor the screen.
 */
final class LiveTable {
  private final List<Integer> key;
  private final int capacity;
  private final Comparator<List<Object>> keyOrder;

  /** Rows by key, the least recently changed first. */
  private final LinkedHashMap<List<Object>, Row> rows;

  private boolean dropped;

  /**
   * @param key the result columns that identify a row; none for a global aggregation's one row
   * @param capacity the rows kept, positive
   */
  LiveTable(List<Integer> key, int capacity) {
    this.key = List.copyOf(requireNonNull(key, "key is null"));
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    this.keyOrder = keyOrder(this.key.size());
    this.rows =
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<List<Object>, Row> eldest) {
            if (size() > LiveTable.this.capacity) {
              dropped = true;
              return true;
            }
            return false;
          }
        };
  }

  /** Applies a batch's rows, each replacing the row with its key. */
  void upsert(List<Row> batch) {
    for (Row row : batch) {
      List<Object> values = new ArrayList<>(key.size());
      for (int column : key) {
        values.add(row.get(column));
      }
      rows.remove(values); // re-inserted as the most recently changed
      rows.put(values, row);
    }
  }

  /** The rows held, in key order. */
  List<Row> rows() {
    return rows.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(keyOrder))
        .map(Map.Entry::getValue)
        .toList();
  }

  /** Whether rows have left to keep the table within its capacity. */
  boolean droppedRows() {
    return dropped;
  }

  /** Column by column, NULL first, values of one column compared as their type orders them. */
  private static Comparator<List<Object>> keyOrder(int columns) {
    return (left, right) -> {
      for (int i = 0; i < columns; i++) {
        int order = compareValues(left.get(i), right.get(i));
        if (order != 0) {
          return order;
        }
      }
      return 0;
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareValues(Object left, Object right) {
    if (left == null || right == null) {
      return left == null ? (right == null ? 0 : -1) : 1;
    }
    if (left instanceof byte[] a && right instanceof byte[] b) {
      return Arrays.compareUnsigned(a, b);
    }
    if (left instanceof Comparable comparable && left.getClass() == right.getClass()) {
      return comparable.compareTo(right);
    }
    return TableFormatter.cell(left).compareTo(TableFormatter.cell(right));
  }
}
