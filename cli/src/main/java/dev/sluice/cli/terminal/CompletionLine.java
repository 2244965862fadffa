package dev.sluice.cli.terminal;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.CompletingParsedLine;

/**
 * The buffer cut into words the way SQL reads: a word is a run of name characters (letters, digits,
 * {@code _}, {@code $}, and a leading {@code \} for shell commands), so in {@code COUNT(pri} the
 * word being completed is {@code pri}. Candidates are inserted as they are, unquoted.
 */
record CompletionLine(String line, int cursor, List<String> words, int wordIndex, int wordCursor)
    implements CompletingParsedLine {

  static CompletionLine of(String line, int cursor) {
    List<String> words = new ArrayList<>();
    int wordIndex = -1;
    int wordCursor = 0;
    int start = 0;
    for (int i = 0; i <= line.length(); i++) {
      if (i < line.length() && isNameChar(line.charAt(i), i == start)) {
        continue;
      }
      // [start, i) is a word, empty between two separators: kept only when the cursor is in it
      if (wordIndex < 0 && cursor >= start && cursor <= i) {
        wordIndex = words.size();
        wordCursor = cursor - start;
        words.add(line.substring(start, i));
      } else if (i > start) {
        words.add(line.substring(start, i));
      }
      start = i + 1;
    }
    return new CompletionLine(line, cursor, List.copyOf(words), wordIndex, wordCursor);
  }

  private static boolean isNameChar(char c, boolean first) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || (first && c == '\\');
  }

  @Override
  public String word() {
    return words.get(wordIndex);
  }

  @Override
  public CharSequence escape(CharSequence candidate, boolean complete) {
    return candidate;
  }

  @Override
  public int rawWordCursor() {
    return wordCursor;
  }

  @Override
  public int rawWordLength() {
    return word().length();
  }
}
