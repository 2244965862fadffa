package dev.sluice.cli.terminal;

import dev.sluice.cli.statement.Script;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * Tells JLine when the buffer is a whole input: when {@link Script#isComplete} says so (every
 * statement ended by {@code ;}, or a backslash command). Otherwise Enter adds a line and the reader
 * shows the continuation prompt. Backslashes are not escapes: {@code \q} reaches the shell as
 * typed. For completion the word under the cursor is the name being typed ({@link CompletionLine}).
 */
public final class ShellLineParser implements Parser {
  @Override
  public ParsedLine parse(String line, int cursor, ParseContext context) {
    if (context == ParseContext.ACCEPT_LINE && !Script.split(line).isComplete()) {
      throw new EOFError(-1, cursor, "statement not ended by ;");
    }
    return CompletionLine.of(line, cursor);
  }

  @Override
  public boolean isEscapeChar(char ch) {
    return false;
  }
}
