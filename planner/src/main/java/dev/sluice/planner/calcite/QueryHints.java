package dev.sluice.planner.calcite;

import dev.sluice.execution.connector.Durations;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.calcite.rel.hint.HintPredicates;
import org.apache.calcite.rel.hint.HintStrategyTable;
import org.apache.calcite.rel.hint.Hintable;
import org.apache.calcite.rel.hint.RelHint;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlHint;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * The query hints Sluice understands, written after a SELECT keyword:
 *
 * <ul>
 *   <li>{@code SELECT /*+ STATE_TTL('1 hour') *}{@code / k, COUNT(*) ... GROUP BY k}: the state TTL
 *       of that SELECT's aggregation, which must have no event-time bound (a window the watermark
 *       closes).
 * </ul>
 *
 * Calcite attaches a SELECT's hints to its aggregation (and passes them down to the aggregations of
 * subqueries in its FROM clause; the nearest hint wins). Calcite only logs hints it does not know,
 * so {@link #check} refuses them, and malformed options, with their position.
 */
public final class QueryHints {
  public static final String STATE_TTL = "STATE_TTL";

  static final HintStrategyTable STRATEGIES =
      HintStrategyTable.builder().hintStrategy(STATE_TTL, HintPredicates.AGGREGATE).build();

  private QueryHints() {}

  /**
   * Checks every hint of a validated query: a known name, well-formed options, and a SELECT that
   * aggregates.
   *
   * @throws SluiceException {@code SYNTAX_ERROR} for an unknown hint, {@code INVALID_OPTION} for a
   *     bad option or a hint on a SELECT without aggregation
   */
  static void check(SqlNode query, SqlValidator validator) {
    query.accept(
        new SqlBasicVisitor<Void>() {
          @Override
          public Void visit(SqlCall call) {
            if (call instanceof SqlSelect select && select.hasHints()) {
              for (SqlNode node : select.getHints()) {
                SqlHint hint = (SqlHint) node;
                checkHint(hint);
                if (!validator.isAggregate(select)) {
                  throw new SluiceException(
                      ErrorCode.INVALID_OPTION,
                      "hint "
                          + hint.getName()
                          + where(hint.getParserPosition())
                          + " sets the state TTL of its SELECT's aggregation, but that SELECT"
                          + " has no GROUP BY or aggregate function; put it after the SELECT"
                          + " that aggregates");
                }
              }
            }
            return super.visit(call);
          }
        });
  }

  private static void checkHint(SqlHint hint) {
    String name = hint.getName();
    if (!name.equalsIgnoreCase(STATE_TTL)) {
      throw new SluiceException(
          ErrorCode.SYNTAX_ERROR,
          "unknown hint "
              + name
              + where(hint.getParserPosition())
              + "; Sluice knows "
              + STATE_TTL
              + "('1 hour')");
    }
    if (hint.getOptionFormat() != SqlHint.HintOptionFormat.LITERAL_LIST
        || hint.getOptionList().size() != 1) {
      throw badTtl(hint.toString(), hint.getParserPosition());
    }
    ttl(hint.getOptionList().get(0), hint.getParserPosition());
  }

  /** The options of each STATE_TTL hint an aggregation carries (its own and inherited ones). */
  public static Set<List<String>> stateTtlOptions(Hintable aggregate) {
    return stateTtlHints(aggregate)
        .map(hint -> List.copyOf(hint.listOptions))
        .collect(Collectors.toSet());
  }

  /** The state TTL the nearest STATE_TTL hint gives an aggregation, in milliseconds; 0 if none. */
  public static long stateTtlMillis(Hintable aggregate) {
    return stateTtlHints(aggregate)
        .min(Comparator.comparingInt((RelHint hint) -> hint.inheritPath.size()))
        .map(hint -> ttl(hint.listOptions.get(0), SqlParserPos.ZERO).toMillis())
        .orElse(0L);
  }

  private static Stream<RelHint> stateTtlHints(Hintable aggregate) {
    return aggregate.getHints().stream().filter(hint -> hint.hintName.equalsIgnoreCase(STATE_TTL));
  }

  private static Duration ttl(String text, SqlParserPos pos) {
    Duration ttl;
    try {
      ttl = Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw badTtl(STATE_TTL + "('" + text + "')", pos);
    }
    if (ttl.isZero()) {
      throw badTtl(STATE_TTL + "('" + text + "')", pos);
    }
    return ttl;
  }

  private static SluiceException badTtl(String hint, SqlParserPos pos) {
    return new SluiceException(
        ErrorCode.INVALID_OPTION,
        "hint "
            + hint
            + where(pos)
            + " needs one positive duration in quotes, for example "
            + STATE_TTL
            + "('1 hour') or "
            + STATE_TTL
            + "('30 minutes')");
  }

  private static String where(SqlParserPos pos) {
    return pos == SqlParserPos.ZERO
        ? ""
        : " at line " + pos.getLineNum() + ", column " + pos.getColumnNum();
  }
}
