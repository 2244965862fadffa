package dev.sluice.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits shell input into statements. A statement ends at a {@code ;} that is outside quotes
 * ({@code '...'}, {@code "..."}) and comments ({@code -- ...} to the end of the line, {@code /* ...
 * *}{@code /}); the {@code ;} is not part of it. A shell command is a line whose first character
 * (after blanks) is a backslash, where a statement starts: it ends at the end of its line and needs
 * no {@code ;} (a trailing one is dropped). Statements that hold only blanks and comments are
 * skipped.
 *
 * <p>The interactive shell asks {@link #isComplete} whether to run the buffer or prompt for another
 * line; scripts ({@code -e}) take the text after the last {@code ;} as a last statement as well.
 */
final class Statements {
  private Statements() {}

  /** True if a command is the text of {@code statement} (as {@link #split} returns it). */
  static boolean isCommand(String statement) {
    return statement.startsWith("\\");
  }

  /** The statements and commands of {@code text}, including an unterminated last statement. */
  static List<String> split(String text) {
    Scan scan = scan(text);
    List<String> statements = new ArrayList<>(scan.statements);
    if (scan.remainderHasContent) {
      statements.add(scan.remainder.trim());
    }
    return statements;
  }

  /**
   * True if {@code text} holds nothing after its last complete statement but blanks and comments,
   * and does not end inside a quote or a block comment.
   */
  static boolean isComplete(String text) {
    Scan scan = scan(text);
    return !scan.remainderHasContent && !scan.open;
  }

  private enum State {
    CODE,
    SINGLE_QUOTE,
    DOUBLE_QUOTE,
    LINE_COMMENT,
    BLOCK_COMMENT
  }

  private record Scan(
      List<String> statements, String remainder, boolean remainderHasContent, boolean open) {}

  private static Scan scan(String text) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean hasContent = false;
    State state = State.CODE;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
      switch (state) {
        case CODE -> {
          if (c == '\\' && !hasContent) {
            int end = text.indexOf('\n', i);
            end = end < 0 ? text.length() : end;
            String command = text.substring(i, end).trim();
            while (command.endsWith(";")) {
              command = command.substring(0, command.length() - 1).trim();
            }
            statements.add(command);
            current.setLength(0);
            i = end;
            continue;
          }
          if (c == ';') {
            if (hasContent) {
              statements.add(current.toString().trim());
            }
            current.setLength(0);
            hasContent = false;
            i++;
            continue;
          }
          if (c == '-' && next == '-') {
            state = State.LINE_COMMENT;
          } else if (c == '/' && next == '*') {
            state = State.BLOCK_COMMENT;
            current.append(c).append(next);
            i += 2;
            continue;
          } else if (c == '\'') {
            state = State.SINGLE_QUOTE;
            hasContent = true;
          } else if (c == '"') {
            state = State.DOUBLE_QUOTE;
            hasContent = true;
          } else if (!Character.isWhitespace(c)) {
            hasContent = true;
          }
        }
        // A doubled quote inside a literal is an escaped quote: leaving and re-entering the
        // literal on the next character reads it correctly.
        case SINGLE_QUOTE -> state = c == '\'' ? State.CODE : state;
        case DOUBLE_QUOTE -> state = c == '"' ? State.CODE : state;
        case LINE_COMMENT -> state = c == '\n' ? State.CODE : state;
        case BLOCK_COMMENT -> {
          if (c == '*' && next == '/') {
            state = State.CODE;
            current.append(c).append(next);
            i += 2;
            continue;
          }
        }
      }
      current.append(c);
      i++;
    }
    boolean open =
        state == State.SINGLE_QUOTE || state == State.DOUBLE_QUOTE || state == State.BLOCK_COMMENT;
    return new Scan(statements, current.toString(), hasContent, open);
  }
}
