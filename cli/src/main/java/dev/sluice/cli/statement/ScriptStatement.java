package dev.sluice.cli.statement;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.error.TextPosition;

/**
 * One statement of a script as written, without its {@code ;}, and where it starts in the script.
 *
 * @param command true for a shell command ({@code \help}, {@code \i file.sql}): a line starting
 *     with a backslash, which is not parsed as a statement
 */
public record ScriptStatement(String text, TextPosition start, boolean command) {
  public ScriptStatement {
    requireNonNull(text, "text is null");
    requireNonNull(start, "start is null");
  }

  /** A statement typed on its own, starting at line 1, column 1. */
  public static ScriptStatement of(String text) {
    return new ScriptStatement(text, new TextPosition(1, 1), text.startsWith("\\"));
  }
}
