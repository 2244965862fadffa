package dev.sluice.execution.expression.runtime;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import java.util.ArrayList;
import java.util.List;

/** String functions called by generated kernels. Arguments are never null (kernels check). */
public final class StringFunctions {
  private StringFunctions() {}

  /** SQL SUBSTRING: 1-based start; a start before 1 eats into the length, as the standard says. */
  public static String substring(String s, long start, long length) {
    if (length < 0) {
      throw new SluiceException(
          ErrorCode.INVALID_ARGUMENT, "SUBSTRING length must not be negative, got " + length);
    }
    int codePoints = s.codePointCount(0, s.length());
    long from = Math.max(start, 1);
    long to = Math.min(start + length, codePoints + 1L); // exclusive, 1-based
    if (to <= from) {
      return "";
    }
    int begin = s.offsetByCodePoints(0, (int) (from - 1));
    int end = s.offsetByCodePoints(begin, (int) (to - from));
    return s.substring(begin, end);
  }

  public static String substring(String s, long start) {
    return substring(s, start, Integer.MAX_VALUE);
  }

  public static String trim(String mode, String characters, String s) {
    int begin = 0;
    int end = s.length();
    if (!mode.equals("TRAILING")) {
      while (begin < end && characters.indexOf(s.charAt(begin)) >= 0) {
        begin++;
      }
    }
    if (!mode.equals("LEADING")) {
      while (end > begin && characters.indexOf(s.charAt(end - 1)) >= 0) {
        end--;
      }
    }
    return s.substring(begin, end);
  }

  public static int charLength(String s) {
    return s.codePointCount(0, s.length());
  }

  /** 1-based position of {@code needle} in {@code haystack} in code points; 0 if absent. */
  public static int position(String needle, String haystack) {
    int index = haystack.indexOf(needle);
    return index < 0 ? 0 : haystack.codePointCount(0, index) + 1;
  }

  public static String replace(String s, String search, String replacement) {
    return search.isEmpty() ? s : s.replace(search, replacement);
  }

  /**
   * Splits on every occurrence of {@code delimiter} (a plain string, not a pattern), keeping empty
   * pieces, as BigQuery's SPLIT does. An empty delimiter splits into characters.
   */
  public static List<Object> split(String s, String delimiter) {
    List<Object> pieces = new ArrayList<>();
    if (delimiter.isEmpty()) {
      s.codePoints().forEach(cp -> pieces.add(new String(Character.toChars(cp))));
      return pieces;
    }
    int from = 0;
    int at;
    while ((at = s.indexOf(delimiter, from)) >= 0) {
      pieces.add(s.substring(from, at));
      from = at + delimiter.length();
    }
    pieces.add(s.substring(from));
    return pieces;
  }
}
