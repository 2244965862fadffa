package dev.sluice.planner.catalog;

import dev.sluice.execution.connector.Durations;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.TypeKind;
import dev.sluice.planner.calcite.Suggestions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stream's event time as declared in the catalog: column {@code column} (a TIMESTAMP), with rows
 * arriving up to {@code delayMillis} late. Written as the SQL clause {@code WATERMARK FOR ts AS ts
 * - INTERVAL '5' SECOND} (or {@code AS ts} for no delay), the clause {@code CREATE STREAM} takes.
 */
public record WatermarkDeclaration(int column, long delayMillis) {
  private static final Pattern CLAUSE =
      Pattern.compile(
          "\\s*WATERMARK\\s+FOR\\s+(\\w+)\\s+AS\\s+(\\w+)"
              + "(?:\\s*-\\s*INTERVAL\\s+'\\s*(\\d+)\\s*'\\s+(MILLISECONDS?|SECONDS?|MINUTES?|HOURS?|DAYS?))?"
              + "\\s*",
          Pattern.CASE_INSENSITIVE);

  /** Parses {@code clause} against the stream's columns. */
  public static WatermarkDeclaration parse(String clause, Schema schema) {
    Matcher m = CLAUSE.matcher(clause);
    if (!m.matches()) {
      throw new SluiceException(
          ErrorCode.SYNTAX_ERROR,
          "'"
              + clause
              + "' is not a watermark declaration; write WATERMARK FOR ts AS ts - INTERVAL '5'"
              + " SECOND (or AS ts for no delay)");
    }
    String name = m.group(1);
    if (!name.equalsIgnoreCase(m.group(2))) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_FEATURE,
          "the watermark of "
              + name
              + " must be "
              + name
              + " minus an interval, not an expression of "
              + m.group(2));
    }
    int column =
        schema
            .indexOf(name)
            .orElseThrow(
                () ->
                    new SluiceException(
                        ErrorCode.UNKNOWN_COLUMN,
                        "WATERMARK FOR names unknown column '"
                            + name
                            + "'; the columns are "
                            + schema.names()
                            + "."
                            + Suggestions.didYouMean(name, schema.names())));
    if (schema.field(column).type().kind() != TypeKind.TIMESTAMP) {
      throw new SluiceException(
          ErrorCode.TYPE_MISMATCH,
          "WATERMARK FOR needs a TIMESTAMP column, but '"
              + name
              + "' is "
              + schema.field(column).type());
    }
    long delay = m.group(3) == null ? 0 : Durations.parse(m.group(3) + " " + m.group(4)).toMillis();
    return new WatermarkDeclaration(column, delay);
  }

  /**
   * The declaration as {@link #parse} reads it, e.g. {@code WATERMARK FOR ts AS ts - INTERVAL '5'
   * SECOND}.
   */
  public String clause(Schema schema) {
    String name = schema.field(column).name();
    String clause = "WATERMARK FOR " + name + " AS " + name;
    if (delayMillis == 0) {
      return clause;
    }
    long[] unitMillis = {86_400_000, 3_600_000, 60_000, 1_000, 1};
    String[] units = {"DAY", "HOUR", "MINUTE", "SECOND", "MILLISECOND"};
    int unit = 0;
    while (delayMillis % unitMillis[unit] != 0) {
      unit++;
    }
    return clause + " - INTERVAL '" + delayMillis / unitMillis[unit] + "' " + units[unit];
  }
}
