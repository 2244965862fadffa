package dev.sluice.planner.calcite;

import dev.sluice.execution.connector.Durations;
import dev.sluice.execution.connector.EmitPolicy;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code EMIT} clause Sluice adds after a query, which Calcite's parser does not know: {@code
 * EMIT ON WINDOW CLOSE}, {@code EMIT CHANGES} or {@code EMIT EVERY INTERVAL '10' SECOND}. It is
 * split off the end of the text before Calcite parses the rest, so positions in the query stay
 * where they were.
 */
public final class EmitClause {
  private static final Pattern FORMS =
      Pattern.compile(
          "EMIT\\s+(?:(ON\\s+WINDOW\\s+CLOSE)|(CHANGES)"
              + "|EVERY\\s+INTERVAL\\s+'\\s*(\\d+)\\s*'\\s+(MILLISECONDS?|SECONDS?|MINUTES?|HOURS?|DAYS?))"
              + "\\s*;?\\s*",
          Pattern.CASE_INSENSITIVE);

  private EmitClause() {}

  /** A query without its EMIT clause, and the clause if there was one. */
  public record Split(String query, Optional<EmitPolicy> emit) {}

  public static Split split(String sql) {
    int at = lastTopLevelEmit(sql);
    if (at < 0) {
      return new Split(sql, Optional.empty());
    }
    Matcher m = FORMS.matcher(sql).region(at, sql.length());
    if (!m.matches()) {
      throw new SluiceException(
          ErrorCode.SYNTAX_ERROR,
          "syntax error at "
              + position(sql, at)
              + ": EMIT must be followed by ON WINDOW CLOSE, CHANGES or EVERY INTERVAL '<n>'"
              + " SECOND|MINUTE|HOUR|DAY, and end the query");
    }
    EmitPolicy emit;
    if (m.group(1) != null) {
      emit = EmitPolicy.onWindowClose();
    } else if (m.group(2) != null) {
      emit = EmitPolicy.changes();
    } else {
      long amount = Long.parseLong(m.group(3));
      if (amount == 0) {
        throw new SluiceException(
            ErrorCode.INVALID_ARGUMENT,
            "EMIT EVERY at " + position(sql, at) + " needs a positive interval");
      }
      emit = EmitPolicy.every(Durations.parse(amount + " " + m.group(4)));
    }
    return new Split(sql.substring(0, at), Optional.of(emit));
  }

  /** The offset of the last EMIT word outside quotes and comments, or -1. */
  private static int lastTopLevelEmit(String sql) {
    int last = -1;
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        i = closing(sql, i, c);
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? sql.length() : end;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? sql.length() : end + 2;
      } else {
        if (sql.regionMatches(true, i, "EMIT", 0, 4)
            && (i == 0 || !isWordChar(sql.charAt(i - 1)))
            && (i + 4 == sql.length() || !isWordChar(sql.charAt(i + 4)))) {
          last = i;
        }
        i++;
      }
    }
    return last;
  }

  /** The index after the quote that closes the one at {@code start} (doubled quotes escape). */
  private static int closing(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private static String position(String sql, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset; i++) {
      if (sql.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return "line " + line + ", column " + column;
  }
}
