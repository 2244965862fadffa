package dev.sluice.sqltests;

import java.util.List;

/**
 * A line diff of two texts for failure messages: the first differing region with three lines of
 * context, {@code -} for expected lines and {@code +} for actual ones.
 */
final class UnifiedDiff {
  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  static String of(String expected, String actual) {
    List<String> a = expected.lines().toList();
    List<String> b = actual.lines().toList();
    int start = 0;
    while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) {
      start++;
    }
    int endA = a.size();
    int endB = b.size();
    while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
      endA--;
      endB--;
    }
    StringBuilder diff = new StringBuilder();
    diff.append("@@ line ").append(start + 1).append(" @@\n");
    for (int i = Math.max(0, start - CONTEXT); i < start; i++) {
      diff.append("  ").append(a.get(i)).append('\n');
    }
    for (int i = start; i < endA; i++) {
      diff.append("- ").append(a.get(i)).append('\n');
    }
    for (int i = start; i < endB; i++) {
      diff.append("+ ").append(b.get(i)).append('\n');
    }
    for (int i = endA; i < Math.min(a.size(), endA + CONTEXT); i++) {
      diff.append("  ").append(a.get(i)).append('\n');
    }
    return diff.toString();
  }
}
