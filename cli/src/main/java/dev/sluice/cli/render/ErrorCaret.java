package dev.sluice.cli.render;

import dev.sluice.cli.statement.ScriptStatement;
import dev.sluice.execution.error.TextPosition;
import java.util.List;
import java.util.Optional;

/** The line of a statement an error is on, with a caret under the error's column. */
public final class ErrorCaret {
  private ErrorCaret() {}

  /**
   * Two lines, indented by two spaces: the statement's line at {@code position} and a caret under
   * its column; empty when the position is not inside the statement.
   */
  public static Optional<List<String>> under(ScriptStatement statement, TextPosition position) {
    String[] lines = statement.text().split("\n", -1);
    int index = position.line() - statement.start().line();
    if (index < 0 || index >= lines.length) {
      return Optional.empty();
    }
    String line = lines[index].replace("\r", "");
    int column =
        index == 0 ? position.column() - statement.start().column() : position.column() - 1;
    if (column < 0 || column > line.length()) {
      return Optional.empty();
    }
    // Tabs stay tabs under the text, so the caret lines up however wide the terminal draws them.
    StringBuilder padding = new StringBuilder();
    for (int i = 0; i < column; i++) {
      padding.append(line.charAt(i) == '\t' ? '\t' : ' ');
    }
    return Optional.of(List.of("  " + line, "  " + padding + "^"));
  }
}
