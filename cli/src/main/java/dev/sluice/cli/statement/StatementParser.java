package dev.sluice.cli.statement;

import dev.sluice.cli.statement.SluiceStatementParser.ColumnDefinitionContext;
import dev.sluice.cli.statement.SluiceStatementParser.DurationContext;
import dev.sluice.cli.statement.SluiceStatementParser.IdentifierContext;
import dev.sluice.cli.statement.SluiceStatementParser.LiteralContext;
import dev.sluice.cli.statement.SluiceStatementParser.SettingKeyContext;
import dev.sluice.cli.statement.SluiceStatementParser.StatementContext;
import dev.sluice.cli.statement.SluiceStatementParser.WithOptionsContext;
import dev.sluice.cli.statement.Statement.ColumnDefinition;
import dev.sluice.execution.connector.Durations;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.error.TextPosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CodePointCharStream;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Parses one {@link ScriptStatement} into a {@link Statement} with the grammar {@code
 * SluiceStatement.g4}. Positions in the statement and in its error messages are the script's lines
 * and columns.
 */
public final class StatementParser {
  /** How statements start, for the message about an unknown one. */
  static final String STATEMENT_KEYWORDS =
      "SELECT, INSERT, CREATE, DROP, SHOW, DESCRIBE, EXPLAIN, SET, RESET, STOP, START, RUN or"
          + " ADVANCE";

  private StatementParser() {}

  /**
   * The statement {@code statement} holds.
   *
   * @throws SluiceException SYNTAX_ERROR with the position of the first token that does not fit,
   *     INVALID_ARGUMENT for a bad duration, DUPLICATE_OBJECT for an option given twice
   */
  public static Statement parse(ScriptStatement statement) {
    if (statement.command()) {
      String[] parts = statement.text().split("\\s+", 2);
      return new Statement.Command(parts[0], parts.length > 1 ? parts[1].trim() : "");
    }
    CodePointCharStream chars = CharStreams.fromString(statement.text());
    SluiceStatementLexer lexer = new SluiceStatementLexer(chars);
    lexer.setLine(statement.start().line());
    lexer.setCharPositionInLine(statement.start().column() - 1);
    lexer.removeErrorListeners();
    SluiceStatementParser parser = new SluiceStatementParser(new CommonTokenStream(lexer));
    parser.removeErrorListeners();
    parser.addErrorListener(new FirstErrorThrows(statement));
    StatementContext tree = parser.singleStatement().statement();
    return new Builder(chars).statement(tree);
  }

  /** Turns the first syntax error into a {@link SluiceException} that says what would fit. */
  private static final class FirstErrorThrows extends BaseErrorListener {
    private final ScriptStatement statement;

    FirstErrorThrows(ScriptStatement statement) {
      this.statement = statement;
    }

    @Override
    public void syntaxError(
        Recognizer<?, ?> recognizer,
        Object offendingSymbol,
        int line,
        int charPositionInLine,
        String msg,
        RecognitionException e) {
      Token offending = (Token) offendingSymbol;
      TextPosition position = new TextPosition(line, charPositionInLine + 1);
      // A statement's text starts at its first token.
      boolean atStart = offending.getStartIndex() == 0;
      String found =
          offending.getType() == Token.EOF
              ? "the end of the statement"
              : "'" + offending.getText() + "'";
      String message;
      if (atStart) {
        message =
            "unknown statement starting with "
                + found
                + " at "
                + position
                + "; a statement starts with "
                + STATEMENT_KEYWORDS
                + " (\\help lists them)";
      } else {
        IntervalSet expected =
            e != null
                ? e.getExpectedTokens()
                : ((SluiceStatementParser) recognizer).getExpectedTokens();
        message =
            "syntax error at "
                + position
                + ": unexpected "
                + found
                + expectedText(expected, recognizer.getVocabulary())
                + dashedNameHint(recognizer, offending, expected);
      }
      throw new SluiceException(ErrorCode.SYNTAX_ERROR, message, position, e);
    }

    /**
     * For a {@code -} where an option key or name should end ({@code bootstrap-servers = ...}): the
     * hint to quote the whole word, which SQL reads as a subtraction otherwise.
     */
    private static String dashedNameHint(
        Recognizer<?, ?> recognizer, Token minus, IntervalSet expected) {
      if (minus.getType() != SluiceStatementLexer.MINUS
          || expected == null
          || !expected.contains(SluiceStatementLexer.EQ)
          || !(recognizer instanceof Parser parser)) {
        return "";
      }
      // The word around the '-': the tokens touching it on both sides, without blanks between.
      TokenStream tokens = parser.getInputStream();
      int first = minus.getTokenIndex();
      while (first > 0 && touches(tokens.get(first - 1), tokens.get(first))) {
        first--;
      }
      int last = minus.getTokenIndex();
      while (last + 1 < tokens.size()
          && tokens.get(last + 1).getType() != Token.EOF
          && touches(tokens.get(last), tokens.get(last + 1))) {
        last++;
      }
      String word = tokens.getText(tokens.get(first), tokens.get(last));
      return "; a name with '-' in it must be quoted: '" + word + "'";
    }

    private static boolean touches(Token before, Token after) {
      return before.getChannel() == Token.DEFAULT_CHANNEL
          && after.getChannel() == Token.DEFAULT_CHANNEL
          && before.getStopIndex() + 1 == after.getStartIndex()
          && (before.getType() != SluiceStatementLexer.EQ
              && after.getType() != SluiceStatementLexer.EQ);
    }

    private String expectedText(IntervalSet expected, Vocabulary vocabulary) {
      if (expected == null || expected.isNil()) {
        return "";
      }
      java.util.Set<String> names = new TreeSet<>();
      for (int type : expected.toList()) {
        names.add(describe(type, vocabulary));
      }
      names.remove("");
      if (names.isEmpty()) {
        return "";
      }
      List<String> list = new ArrayList<>(names);
      return list.size() > 12
          ? ""
          : "; expected " + (list.size() == 1 ? list.get(0) : "one of " + String.join(", ", list));
    }

    private static String describe(int type, Vocabulary vocabulary) {
      return switch (type) {
        case Token.EOF -> "the end of the statement";
        case SluiceStatementLexer.IDENTIFIER,
            SluiceStatementLexer.QUOTED_IDENTIFIER,
            SluiceStatementLexer.BACKQUOTED_IDENTIFIER ->
            "a name";
        case SluiceStatementLexer.STRING -> "a string";
        case SluiceStatementLexer.INTEGER_VALUE, SluiceStatementLexer.DECIMAL_VALUE -> "a number";
        case SluiceStatementLexer.OTHER, SluiceStatementLexer.COMMAND -> "";
        default -> {
          String literal = vocabulary.getLiteralName(type);
          yield literal == null ? vocabulary.getDisplayName(type) : literal.replace("'", "");
        }
      };
    }
  }

  /** Builds the statement from the parse tree. */
  private static final class Builder {
    private final CodePointCharStream chars;

    Builder(CodePointCharStream chars) {
      this.chars = chars;
    }

    Statement statement(StatementContext statement) {
      ParserRuleContext tree = statement;
      if (statement instanceof SluiceStatementParser.CreateContext c) {
        tree = c.createStatement();
      } else if (statement instanceof SluiceStatementParser.ShowContext c) {
        tree = c.showStatement();
      } else if (statement instanceof SluiceStatementParser.DescribeContext c) {
        tree = c.describeStatement();
      } else if (statement instanceof SluiceStatementParser.RunContext c) {
        tree = c.runStatement();
      }
      if (tree instanceof SluiceStatementParser.CreateStreamContext c) {
        List<ColumnDefinition> columns = new ArrayList<>();
        Optional<SourceText> watermark = Optional.empty();
        for (var element : c.streamElement()) {
          if (element instanceof SluiceStatementParser.WatermarkContext w) {
            if (watermark.isPresent()) {
              throw new SluiceException(
                  ErrorCode.SYNTAX_ERROR,
                  "a stream has one WATERMARK FOR clause; the second is at " + start(w),
                  start(w),
                  null);
            }
            watermark = Optional.of(text(w));
          } else {
            columns.add(column(((SluiceStatementParser.ColumnContext) element).columnDefinition()));
          }
        }
        return new Statement.CreateStream(
            name(c.name),
            c.ifNotExists() != null,
            columns,
            watermark,
            options(c.withOptions()),
            c.withOptions() == null ? null : start(c.withOptions()));
      }
      if (tree instanceof SluiceStatementParser.CreateTableWithContext c) {
        return new Statement.CreateTableWith(
            name(c.name),
            c.ifNotExists() != null,
            columns(c.columnList()),
            options(c.withOptions()),
            start(c.withOptions()));
      }
      if (tree instanceof SluiceStatementParser.CreateTableAsContext c) {
        return new Statement.CreateTableAs(
            name(c.name), c.ifNotExists() != null, columns(c.columnList()), text(c.query()));
      }
      if (tree instanceof SluiceStatementParser.CreateViewContext c) {
        return new Statement.CreateView(
            name(c.name), c.OR() != null, c.ifNotExists() != null, text(c.query()));
      }
      if (tree instanceof SluiceStatementParser.CreateSinkContext c) {
        return new Statement.CreateSink(
            name(c.name),
            c.ifNotExists() != null,
            options(c.withOptions()),
            start(c.withOptions()));
      }
      if (tree instanceof SluiceStatementParser.DropContext c) {
        return new Statement.Drop(
            Statement.ObjectKind.valueOf(c.kind.getText().toUpperCase(Locale.ROOT)),
            name(c.name),
            c.ifExists() != null);
      }
      if (tree instanceof SluiceStatementParser.InsertContext c) {
        return new Statement.Insert(name(c.target), text(c.query()));
      }
      if (tree instanceof SluiceStatementParser.ExplainContext c) {
        Statement.ExplainLevel level =
            c.kind == null
                ? Statement.ExplainLevel.PHYSICAL
                : Statement.ExplainLevel.valueOf(c.kind.getText().toUpperCase(Locale.ROOT));
        return new Statement.Explain(level, text(c.query()));
      }
      if (tree instanceof SluiceStatementParser.ShowObjectsContext c) {
        return new Statement.Show(
            Statement.Listing.valueOf(c.what.getText().toUpperCase(Locale.ROOT)));
      }
      if (tree instanceof SluiceStatementParser.ShowOutputContext c) {
        return new Statement.ShowOutput(name(c.name));
      }
      if (tree instanceof SluiceStatementParser.DescribeQueryContext c) {
        return new Statement.DescribeQuery(name(c.name));
      }
      if (tree instanceof SluiceStatementParser.DescribeObjectContext c) {
        return new Statement.Describe(name(c.name));
      }
      if (tree instanceof SluiceStatementParser.StopQueryContext c) {
        return new Statement.StopQuery(name(c.name));
      }
      if (tree instanceof SluiceStatementParser.StartQueryContext c) {
        return new Statement.StartQuery(name(c.name));
      }
      if (tree instanceof SluiceStatementParser.SetContext c) {
        return new Statement.Set(key(c.key), value(c.value));
      }
      if (tree instanceof SluiceStatementParser.ResetContext c) {
        return new Statement.Reset(c.ALL() != null ? Optional.empty() : Optional.of(key(c.key)));
      }
      if (tree instanceof SluiceStatementParser.RunBatchContext c) {
        return new Statement.RunBatch(Optional.ofNullable(c.name).map(this::name));
      }
      if (tree instanceof SluiceStatementParser.RunUntilIdleContext) {
        return new Statement.RunUntilIdle();
      }
      if (tree instanceof SluiceStatementParser.AdvanceClockContext c) {
        return new Statement.AdvanceClock(duration(c.duration()));
      }
      if (tree instanceof SluiceStatementParser.SelectContext c) {
        return new Statement.Query(text(c.query()));
      }
      throw new IllegalStateException("statement without a builder: " + tree.getClass());
    }

    private List<ColumnDefinition> columns(SluiceStatementParser.ColumnListContext list) {
      return list == null ? List.of() : list.columnDefinition().stream().map(this::column).toList();
    }

    private ColumnDefinition column(ColumnDefinitionContext c) {
      return new ColumnDefinition(name(c.name), text(c.dataType()), c.NOT() != null);
    }

    private Map<String, String> options(WithOptionsContext with) {
      Map<String, String> options = new LinkedHashMap<>();
      if (with == null) {
        return options;
      }
      for (var option : with.option()) {
        String key = key(option.key);
        if (options.keySet().stream().anyMatch(key::equalsIgnoreCase)) {
          throw new SluiceException(
              ErrorCode.DUPLICATE_OBJECT,
              "option '" + key + "' is given twice (the second at " + start(option) + ")",
              start(option),
              null);
        }
        options.put(key, value(option.value));
      }
      return options;
    }

    private java.time.Duration duration(DurationContext c) {
      String text =
          c.INTERVAL() != null
              ? unquote(c.STRING().getText()) + " " + name(c.unit)
              : unquote(c.STRING().getText());
      try {
        return Durations.parse(text);
      } catch (IllegalArgumentException e) {
        throw new SluiceException(
            ErrorCode.INVALID_ARGUMENT,
            "'"
                + text(c).text()
                + "' at "
                + start(c)
                + " is not a duration; write INTERVAL '10' SECOND or '10 seconds'"
                + " (units: millisecond, second, minute, hour, day)",
            start(c),
            e);
      }
    }

    private String key(SettingKeyContext c) {
      return c.STRING() != null
          ? unquote(c.STRING().getText())
          : String.join(".", c.identifier().stream().map(this::name).toList());
    }

    private String value(LiteralContext c) {
      if (c.STRING() != null) {
        return unquote(c.STRING().getText());
      }
      if (c.identifier() != null) {
        return name(c.identifier());
      }
      return c.getText();
    }

    private String name(IdentifierContext c) {
      if (c.QUOTED_IDENTIFIER() != null) {
        return unquote(c.getText());
      }
      if (c.BACKQUOTED_IDENTIFIER() != null) {
        return unquote(c.getText());
      }
      return c.getText();
    }

    private SourceText text(ParserRuleContext c) {
      String text = chars.getText(Interval.of(c.start.getStartIndex(), c.stop.getStopIndex()));
      return new SourceText(text, start(c));
    }

    private static TextPosition start(ParserRuleContext c) {
      return Script.positionOf(c.start);
    }
  }

  /** A quoted literal or name without its quotes, doubled quotes made single. */
  static String unquote(String quoted) {
    String quote = quoted.substring(0, 1);
    return quoted.substring(1, quoted.length() - 1).replace(quote + quote, quote);
  }
}
