package dev.sluice.execution.expression.runtime;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import java.util.regex.Pattern;

/** Translates SQL LIKE patterns into Java regular expressions. */
public final class LikePatterns {
  private LikePatterns() {}

  public static Pattern compile(String pattern, String escape) {
    if (escape != null && escape.length() != 1) {
      throw new SluiceException(
          ErrorCode.INVALID_ARGUMENT,
          "LIKE escape must be a single character, got '" + escape + "'");
    }
    char escapeChar = escape == null ? 0 : escape.charAt(0);
    StringBuilder regex = new StringBuilder(pattern.length() + 8);
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (escape != null && c == escapeChar) {
        if (i + 1 == pattern.length()) {
          throw new SluiceException(
              ErrorCode.INVALID_ARGUMENT,
              "LIKE pattern '" + pattern + "' ends with the escape character '" + escape + "'");
        }
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  public static boolean matches(String s, String pattern, String escape) {
    return compile(pattern, escape).matcher(s).matches();
  }

  public static boolean matches(String s, Pattern compiled) {
    return compiled.matcher(s).matches();
  }
}
