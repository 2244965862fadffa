package dev.sluice.cli.statement;

import dev.sluice.execution.error.TextPosition;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CodePointCharStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;

/**
 * A script cut into statements by the statement language's own lexer: a statement ends at a {@code
 * ;} token, so a {@code ;} inside a string, a quoted name or a comment never ends one. A line whose
 * first token is a backslash is a shell command and ends at the end of its line (a trailing {@code
 * ;} is dropped). Comments and blanks between statements belong to none.
 *
 * @param statements the complete statements, in order
 * @param remainder the text after the last complete statement, when it holds more than blanks and
 *     comments (a last statement without {@code ;}), or null
 * @param open whether the script ends inside a string, a quoted name or a block comment
 */
public record Script(List<ScriptStatement> statements, ScriptStatement remainder, boolean open) {

  /** Cuts {@code text} into statements. */
  public static Script split(String text) {
    CodePointCharStream chars = CharStreams.fromString(text);
    SluiceStatementLexer lexer = new SluiceStatementLexer(chars);
    lexer.removeErrorListeners(); // OTHER matches any character: the lexer never fails
    List<ScriptStatement> statements = new ArrayList<>();
    Token first = null;
    Token last = null;
    boolean open = false;
    for (Token token = lexer.nextToken(); token.getType() != Token.EOF; token = lexer.nextToken()) {
      switch (token.getType()) {
        case SluiceStatementLexer.UNCLOSED_STRING,
            SluiceStatementLexer.UNCLOSED_QUOTED_IDENTIFIER,
            SluiceStatementLexer.UNCLOSED_COMMENT ->
            open = true;
        default -> {}
      }
      if (token.getChannel() != Token.DEFAULT_CHANNEL
          && token.getType() != SluiceStatementLexer.UNCLOSED_COMMENT) {
        continue;
      }
      if (first == null && token.getType() == SluiceStatementLexer.COMMAND) {
        statements.add(command(token));
      } else if (token.getType() == SluiceStatementLexer.SEMI) {
        if (first != null) {
          statements.add(statement(chars, first, last));
        }
        first = null;
      } else {
        if (first == null) {
          first = token;
        }
        last = token;
      }
    }
    ScriptStatement remainder = first == null ? null : statement(chars, first, last);
    return new Script(List.copyOf(statements), remainder, open);
  }

  /** Every statement, with a last one not ended by {@code ;} (as {@code -e} scripts run them). */
  public List<ScriptStatement> all() {
    if (remainder == null) {
      return statements;
    }
    List<ScriptStatement> all = new ArrayList<>(statements);
    all.add(remainder);
    return all;
  }

  /**
   * Whether the text ends after a complete statement: nothing but blanks and comments follows the
   * last {@code ;} (or command), and it does not end inside a string or comment. The interactive
   * shell runs the input when it is complete and asks for another line otherwise.
   */
  public boolean isComplete() {
    return remainder == null && !open;
  }

  private static ScriptStatement command(Token token) {
    String text = token.getText().trim();
    while (text.endsWith(";")) {
      text = text.substring(0, text.length() - 1).trim();
    }
    return new ScriptStatement(text, positionOf(token), true);
  }

  private static ScriptStatement statement(CodePointCharStream chars, Token first, Token last) {
    String text = chars.getText(Interval.of(first.getStartIndex(), last.getStopIndex()));
    return new ScriptStatement(text, positionOf(first), false);
  }

  static TextPosition positionOf(Token token) {
    return new TextPosition(token.getLine(), token.getCharPositionInLine() + 1);
  }
}
