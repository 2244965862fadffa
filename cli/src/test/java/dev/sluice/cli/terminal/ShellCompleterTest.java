package dev.sluice.cli.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Sluice;
import dev.sluice.cli.session.ShellSession;
import dev.sluice.cli.session.StatementResult;
import dev.sluice.cli.statement.ScriptStatement;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShellCompleterTest {
  private final Sluice sluice = Sluice.builder().parallelism(1).build();
  private final ShellSession session = new ShellSession(sluice, ShellSession.Mode.LIVE, null, null);
  private final ShellCompleter completer = new ShellCompleter(sluice, session);

  @BeforeEach
  void declare() {
    run("CREATE STREAM clicks (user_id BIGINT, page_url VARCHAR) WITH (connector = 'memory')");
    run("CREATE TABLE pages (url VARCHAR, title VARCHAR) AS VALUES ('a', 'A')");
    run("CREATE SINK per_user WITH (connector = 'memory')");
  }

  @AfterEach
  void close() {
    session.close();
    sluice.close();
  }

  private void run(String statement) {
    assertThat(session.execute(ScriptStatement.of(statement)))
        .isNotInstanceOf(StatementResult.Failed.class);
  }

  /** The candidates offered with the cursor at the end of {@code line}. */
  private List<String> complete(String line) {
    List<Candidate> candidates = new ArrayList<>();
    completer.complete(null, CompletionLine.of(line, line.length()), candidates);
    return candidates.stream().map(Candidate::value).toList();
  }

  @Test
  void offersKeywordsOfStatementsAndQueries() {
    assertThat(complete("")).contains("SELECT", "CREATE", "EXPLAIN", "TUMBLE", "WATERMARK");
  }

  @Test
  void offersStreamsTablesViewsAndSinksByName() {
    assertThat(complete("SELECT * FROM cl")).contains("clicks", "pages", "per_user");
  }

  @Test
  void offersTheColumnsOfTheRelationsTheInputNames() {
    assertThat(complete("SELECT user_id, COUNT(pa")).doesNotContain("page_url");
    assertThat(complete("SELECT pa FROM clicks JOIN pages ON "))
        .contains("user_id", "page_url", "url", "title");
  }

  @Test
  void offersOnlyNamesWhereANameFollows() {
    assertThat(complete("DESCRIBE cl"))
        .contains("clicks", "pages")
        .doesNotContain("SELECT", "COUNT");
    assertThat(complete("SELECT * FROM ")).contains("clicks").doesNotContain("user_id", "UPPER");
    assertThat(complete("SHOW OUTPUT ")).contains("per_user");
  }

  @Test
  void offersFunctions() {
    assertThat(complete("SELECT UPP")).contains("UPPER", "COUNT");
  }

  @Test
  void offersSettingNamesAfterSetAndReset() {
    assertThat(complete("SET "))
        .contains("trigger", "outputMode", "stateTtl")
        .doesNotContain("SELECT");
    assertThat(complete("RESET wat")).contains("watermarkPolicy");
  }

  @Test
  void offersTheCommandsAfterABackslash() {
    assertThat(complete("\\")).containsExactly("\\help", "\\i", "\\q");
  }

  @Test
  void namesCreatedLaterCompleteToo() {
    run("CREATE VIEW recent AS SELECT * FROM clicks");

    assertThat(complete("SELECT * FROM re")).contains("recent");
  }

  @Test
  void theWordBeingCompletedIsTheNameUnderTheCursor() {
    CompletionLine line = CompletionLine.of("SELECT COUNT(pri", 16);
    assertThat(line.word()).isEqualTo("pri");
    assertThat(line.wordCursor()).isEqualTo(3);

    CompletionLine afterComma = CompletionLine.of("SELECT a,", 9);
    assertThat(afterComma.word()).isEmpty();
    assertThat(afterComma.words()).containsExactly("SELECT", "a", "");

    CompletionLine middle = CompletionLine.of("SELECT abc FROM t", 8);
    assertThat(middle.word()).isEqualTo("abc");
    assertThat(middle.wordCursor()).isEqualTo(1);
  }
}
