package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementsTest {
  @Test
  void splitsAtSemicolonsOutsideQuotesAndComments() {
    assertThat(
            Statements.split(
                "SELECT 'a;b' AS \"x;y\"; -- not; a statement\n"
                    + "SELECT 1 /* ; */ + 1;\n"
                    + "SELECT 'it''s';"))
        .containsExactly(
            "SELECT 'a;b' AS \"x;y\"",
            "-- not; a statement\nSELECT 1 /* ; */ + 1",
            "SELECT 'it''s'");
  }

  @Test
  void skipsEmptyStatementsAndKeepsAnUnterminatedLastOne() {
    assertThat(Statements.split(";; \n -- only a comment\n;SELECT 2")).containsExactly("SELECT 2");
    assertThat(Statements.split("  \n-- nothing\n")).isEmpty();
  }

  @Test
  void commandsEndAtTheEndOfTheirLine() {
    assertThat(Statements.split("\\help\nSELECT 1; \\q;\n"))
        .containsExactly("\\help", "SELECT 1", "\\q");
    assertThat(Statements.isCommand("\\q")).isTrue();
    assertThat(Statements.isCommand("SELECT '\\q'")).isFalse();
  }

  @Test
  void inputIsCompleteWhenEveryStatementIsTerminated() {
    assertThat(Statements.isComplete("")).isTrue();
    assertThat(Statements.isComplete("SELECT 1;")).isTrue();
    assertThat(Statements.isComplete("SELECT 1; -- done")).isTrue();
    assertThat(Statements.isComplete("\\q")).isTrue();
    assertThat(Statements.isComplete("SELECT 1")).isFalse();
    assertThat(Statements.isComplete("SELECT 1;\nSELECT")).isFalse();
    assertThat(Statements.isComplete("SELECT ';")).isFalse();
    assertThat(Statements.isComplete("SELECT 1; /* ;")).isFalse();
    assertThat(Statements.isComplete("SELECT 'a';")).isTrue();
  }
}
