package dev.sluice.cli.terminal;

import static java.util.Objects.requireNonNull;

import dev.sluice.api.SessionCatalog;
import dev.sluice.api.Sluice;
import dev.sluice.cli.session.ShellSession;
import dev.sluice.cli.statement.SluiceStatementLexer;
import dev.sluice.execution.type.Field;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.antlr.v4.runtime.Vocabulary;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion in the shell: keywords (the statement language's and SQL's), the names of streams,
 * tables, views and sinks, the columns of those the input names, function names, setting names
 * after {@code SET} and {@code RESET}, and the backslash commands. Names are read from the session
 * at each Tab, so a stream created a moment ago completes. JLine keeps the candidates that start
 * with the word typed, ignoring case.
 */
public final class ShellCompleter implements Completer {
  /** The backslash commands. */
  public static final List<String> COMMANDS = List.of("\\help", "\\i", "\\q");

  /** SQL words of queries that the statement grammar leaves to Calcite. */
  static final List<String> SQL_KEYWORDS =
      List.of(
          "AND",
          "ASC",
          "BETWEEN",
          "BIGINT",
          "BOOLEAN",
          "BY",
          "CASE",
          "CAST",
          "CHANGES",
          "CLOSE",
          "CUMULATE",
          "DATE",
          "DECIMAL",
          "DESC",
          "DESCRIPTOR",
          "DISTINCT",
          "DOUBLE",
          "ELSE",
          "EMIT",
          "END",
          "EVERY",
          "FROM",
          "FULL",
          "GROUP",
          "HAVING",
          "HOP",
          "HOUR",
          "IN",
          "INNER",
          "INTEGER",
          "IS",
          "JOIN",
          "LEFT",
          "LIKE",
          "LIMIT",
          "MINUTE",
          "ON",
          "ORDER",
          "OUTER",
          "PARTITION",
          "RIGHT",
          "SECOND",
          "SESSION",
          "THEN",
          "TIMESTAMP",
          "TUMBLE",
          "UNION",
          "VARCHAR",
          "WHEN",
          "WHERE",
          "WINDOW");

  private static final Set<String> KEYWORDS = keywords();

  /** Words after which only a stream, table, view or sink name fits. */
  static final Set<String> BEFORE_A_NAME =
      Set.of(
          "FROM",
          "JOIN",
          "TABLE",
          "DESCRIBE",
          "INTO",
          "STREAM",
          "VIEW",
          "SINK",
          "OUTPUT",
          "QUERY",
          "EXISTS");

  private final Sluice sluice;
  private final ShellSession session;

  public ShellCompleter(Sluice sluice, ShellSession session) {
    this.sluice = requireNonNull(sluice, "sluice is null");
    this.session = requireNonNull(session, "session is null");
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    String word = line.word();
    if (word.startsWith("\\")) {
      COMMANDS.forEach(command -> candidates.add(candidate(command, "commands", true)));
      return;
    }
    List<String> words = line.words();
    String first = words.isEmpty() ? "" : words.get(0).toUpperCase(Locale.ROOT);
    if ((first.equals("SET") || first.equals("RESET")) && line.wordIndex() == 1) {
      session.settingKeys().forEach(key -> candidates.add(candidate(key, "settings", true)));
      return;
    }
    boolean nameOnly =
        line.wordIndex() > 0
            && BEFORE_A_NAME.contains(words.get(line.wordIndex() - 1).toUpperCase(Locale.ROOT));
    if (!nameOnly) {
      KEYWORDS.forEach(keyword -> candidates.add(candidate(keyword, "keywords", true)));
      sluice
          .functionNames()
          .forEach(function -> candidates.add(candidate(function, "functions", false)));
    }
    Set<String> named = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    named.addAll(words);
    for (SessionCatalog.Kind kind : SessionCatalog.Kind.values()) {
      for (SessionCatalog.CatalogObject object : sluice.catalog().list(kind)) {
        candidates.add(candidate(object.name(), kind.word() + "s", false));
        if (!nameOnly && named.contains(object.name())) {
          for (Field field : object.schema().fields()) {
            candidates.add(candidate(field.name(), "columns of " + object.name(), false));
          }
        }
      }
    }
    session.sinkNames().forEach(sink -> candidates.add(candidate(sink, "sinks", false)));
  }

  /**
   * @param complete whether a space follows the candidate once it is the only one (a keyword)
   *     rather than the user typing on ({@code (}, {@code ,} or {@code .} after a name)
   */
  private static Candidate candidate(String value, String group, boolean complete) {
    return new Candidate(value, value, group, null, null, null, complete);
  }

  /** Every keyword of the statement grammar (its lexer's quoted tokens) and of SQL queries. */
  private static Set<String> keywords() {
    Set<String> keywords = new TreeSet<>(SQL_KEYWORDS);
    Vocabulary vocabulary = SluiceStatementLexer.VOCABULARY;
    for (int type = 0; type <= vocabulary.getMaxTokenType(); type++) {
      String literal = vocabulary.getLiteralName(type);
      if (literal != null && literal.matches("'[A-Z]+'")) {
        keywords.add(literal.substring(1, literal.length() - 1));
      }
    }
    return keywords;
  }
}
