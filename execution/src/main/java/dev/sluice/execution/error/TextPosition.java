package dev.sluice.execution.error;

/** A place in a statement or script: 1-based line and column, as messages print them. */
public record TextPosition(int line, int column) {
  public TextPosition {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column start at 1: " + line + ", " + column);
    }
  }

  @Override
  public String toString() {
    return "line " + line + ", column " + column;
  }
}
