package dev.sluice.cli.statement;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.error.TextPosition;

/**
 * A piece of a statement handed to another parser (a query to Calcite), with where it starts in the
 * script.
 */
public record SourceText(String text, TextPosition start) {
  public SourceText {
    requireNonNull(text, "text is null");
    requireNonNull(start, "start is null");
  }

  /**
   * The text preceded by blank lines and spaces so that it starts at {@link #start()}: a parser
   * given this reports positions in the script's lines and columns.
   */
  public String aligned() {
    return "\n".repeat(start.line() - 1) + " ".repeat(start.column() - 1) + text;
  }

  @Override
  public String toString() {
    return text;
  }
}
