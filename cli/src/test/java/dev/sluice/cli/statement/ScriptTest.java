package dev.sluice.cli.statement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.execution.error.TextPosition;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptTest {
  @Test
  void scriptsSplitAtSemicolonsOutsideStringsAndComments() {
    Script script =
        Script.split(
            """
            -- a comment; not a statement
            SELECT ';' AS a /* ; */ FROM t;
            \\help;
              SHOW STREAMS;;
            SELECT 2""");

    assertThat(script.statements())
        .containsExactly(
            new ScriptStatement("SELECT ';' AS a /* ; */ FROM t", at(2, 1), false),
            new ScriptStatement("\\help", at(3, 1), true),
            new ScriptStatement("SHOW STREAMS", at(4, 3), false));
    assertThat(script.remainder()).isEqualTo(new ScriptStatement("SELECT 2", at(5, 1), false));
    assertThat(script.all()).hasSize(4);
    assertThat(script.isComplete()).isFalse();
    assertThat(Script.split("SELECT 1; -- done\n").isComplete()).isTrue();
    assertThat(Script.split("SELECT 'open;").isComplete()).isFalse();
    assertThat(Script.split("SELECT 1; /* open").isComplete()).isFalse();
    assertThat(Script.split("  \n").all()).isEqualTo(List.of());
  }

  @Test
  void skipsEmptyStatementsAndKeepsAnUnterminatedLastOne() {
    assertThat(Script.split(";; \n -- only a comment\n;SELECT 2").all())
        .extracting(ScriptStatement::text)
        .containsExactly("SELECT 2");
    assertThat(Script.split("SELECT 'it''s'; SELECT \"a;b\";").all())
        .extracting(ScriptStatement::text)
        .containsExactly("SELECT 'it''s'", "SELECT \"a;b\"");
  }

  @Test
  void commandsEndAtTheEndOfTheirLine() {
    assertThat(Script.split("\\help\nSELECT 1; \\q;\n").all())
        .extracting(ScriptStatement::text, ScriptStatement::command)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("\\help", true),
            org.assertj.core.groups.Tuple.tuple("SELECT 1", false),
            org.assertj.core.groups.Tuple.tuple("\\q", true));
    assertThat(Script.split("SELECT '\\q'").all().get(0).command()).isFalse();
  }

  @Test
  void inputIsCompleteWhenEveryStatementIsTerminated() {
    assertThat(Script.split("").isComplete()).isTrue();
    assertThat(Script.split("SELECT 1;").isComplete()).isTrue();
    assertThat(Script.split("\\q").isComplete()).isTrue();
    assertThat(Script.split("SELECT 1").isComplete()).isFalse();
    assertThat(Script.split("SELECT 1;\nSELECT").isComplete()).isFalse();
    assertThat(Script.split("SELECT \"open;").isComplete()).isFalse();
    assertThat(Script.split("SELECT 'a';").isComplete()).isTrue();
  }

  private static TextPosition at(int line, int column) {
    return new TextPosition(line, column);
  }
}
