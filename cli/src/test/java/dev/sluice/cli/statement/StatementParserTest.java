package dev.sluice.cli.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.error.TextPosition;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatementParserTest {
  private static Statement parse(String text) {
    return StatementParser.parse(ScriptStatement.of(text));
  }

  @Test
  void createStreamWithColumnsWatermarkAndOptions() {
    Statement.CreateStream stream =
        (Statement.CreateStream)
            parse(
                """
                CREATE STREAM IF NOT EXISTS bids (
                  auction BIGINT NOT NULL, price DECIMAL(10, 2), "state" VARCHAR,
                  date_time TIMESTAMP(3),
                  WATERMARK FOR date_time AS date_time - INTERVAL '5' SECOND
                ) WITH (connector = 'nexmark', 'table' = 'bid', rate.limit = 10, on = true)""");

    assertThat(stream.name()).isEqualTo("bids");
    assertThat(stream.ifNotExists()).isTrue();
    assertThat(stream.columns())
        .extracting(c -> c.name() + " " + c.type().text() + (c.notNull() ? " NOT NULL" : ""))
        .containsExactly(
            "auction BIGINT NOT NULL",
            "price DECIMAL(10, 2)",
            "state VARCHAR",
            "date_time TIMESTAMP(3)");
    assertThat(stream.watermark().orElseThrow().text())
        .isEqualTo("WATERMARK FOR date_time AS date_time - INTERVAL '5' SECOND");
    assertThat(stream.watermark().orElseThrow().start()).isEqualTo(new TextPosition(4, 3));
    assertThat(stream.options())
        .containsExactly(
            Map.entry("connector", "nexmark"),
            Map.entry("table", "bid"),
            Map.entry("rate.limit", "10"),
            Map.entry("on", "true"));
  }

  @Test
  void queriesKeepTheirTextAndPosition() {
    ScriptStatement statement =
        new ScriptStatement(
            "INSERT INTO out\n  SELECT a, 'x;y' FROM t -- done", new TextPosition(7, 3), false);

    Statement.Insert insert = (Statement.Insert) StatementParser.parse(statement);

    assertThat(insert.target()).isEqualTo("out");
    assertThat(insert.query().text()).isEqualTo("SELECT a, 'x;y' FROM t");
    assertThat(insert.query().start()).isEqualTo(new TextPosition(8, 3));
    assertThat(insert.query().aligned()).isEqualTo("\n".repeat(7) + "  SELECT a, 'x;y' FROM t");
  }

  @Test
  void everyOtherStatement() {
    assertThat(parse("select * from bid emit changes"))
        .isEqualTo(new Statement.Query(new SourceText("select * from bid emit changes", at(1, 1))));
    assertThat(parse("CREATE OR REPLACE VIEW v AS SELECT 1"))
        .isEqualTo(
            new Statement.CreateView("v", true, false, new SourceText("SELECT 1", at(1, 29))));
    assertThat(parse("CREATE TABLE t (a INT) AS VALUES (1), (2)"))
        .isInstanceOf(Statement.CreateTableAs.class);
    assertThat(parse("CREATE SINK s WITH (connector = 'memory')"))
        .isEqualTo(new Statement.CreateSink("s", false, Map.of("connector", "memory"), at(1, 15)));
    assertThat(parse("DROP VIEW IF EXISTS v"))
        .isEqualTo(new Statement.Drop(Statement.ObjectKind.VIEW, "v", true));
    assertThat(parse("explain state select 1"))
        .isEqualTo(
            new Statement.Explain(
                Statement.ExplainLevel.STATE, new SourceText("select 1", at(1, 15))));
    assertThat(parse("EXPLAIN SELECT 1"))
        .extracting(s -> ((Statement.Explain) s).level())
        .isEqualTo(Statement.ExplainLevel.PHYSICAL);
    assertThat(parse("SHOW queries")).isEqualTo(new Statement.Show(Statement.Listing.QUERIES));
    assertThat(parse("SHOW OUTPUT q1")).isEqualTo(new Statement.ShowOutput("q1"));
    assertThat(parse("DESCRIBE QUERY q1")).isEqualTo(new Statement.DescribeQuery("q1"));
    assertThat(parse("DESCRIBE query")).isEqualTo(new Statement.Describe("query"));
    assertThat(parse("STOP QUERY q1")).isEqualTo(new Statement.StopQuery("q1"));
    assertThat(parse("START QUERY q1")).isEqualTo(new Statement.StartQuery("q1"));
    assertThat(parse("SET 'stateTtl' = '1 hour'"))
        .isEqualTo(new Statement.Set("stateTtl", "1 hour"));
    assertThat(parse("SET keyGroups = 16")).isEqualTo(new Statement.Set("keyGroups", "16"));
    assertThat(parse("RESET ALL")).isEqualTo(new Statement.Reset(Optional.empty()));
    assertThat(parse("RESET trigger")).isEqualTo(new Statement.Reset(Optional.of("trigger")));
    assertThat(parse("RUN BATCH")).isEqualTo(new Statement.RunBatch(Optional.empty()));
    assertThat(parse("RUN BATCH q1")).isEqualTo(new Statement.RunBatch(Optional.of("q1")));
    assertThat(parse("RUN UNTIL IDLE")).isEqualTo(new Statement.RunUntilIdle());
    assertThat(parse("ADVANCE CLOCK INTERVAL '10' SECOND"))
        .isEqualTo(new Statement.AdvanceClock(Duration.ofSeconds(10)));
    assertThat(parse("ADVANCE CLOCK '2 minutes'"))
        .isEqualTo(new Statement.AdvanceClock(Duration.ofMinutes(2)));
    assertThat(StatementParser.parse(ScriptStatement.of("\\i  file.sql")))
        .isEqualTo(new Statement.Command("\\i", "file.sql"));
  }

  @Test
  void anUnknownStatementListsHowStatementsStart() {
    assertThatThrownBy(() -> parse("SELEKT 1"))
        .isInstanceOf(SluiceException.class)
        .hasMessageContaining("unknown statement starting with 'SELEKT' at line 1, column 1")
        .hasMessageContaining("a statement starts with SELECT, INSERT, CREATE")
        .extracting(e -> ((SluiceException) e).code(), e -> ((SluiceException) e).position())
        .containsExactly(ErrorCode.SYNTAX_ERROR, Optional.of(at(1, 1)));
  }

  @Test
  void aSyntaxErrorNamesThePositionAndWhatWouldFit() {
    assertThatThrownBy(() -> parse("CREATE STREM s (a INT)"))
        .hasMessageContaining("syntax error at line 1, column 8: unexpected 'STREM'")
        .hasMessageContaining("STREAM")
        .hasMessageContaining("VIEW");
    assertThatThrownBy(() -> parse("CREATE STREAM s (a INT"))
        .hasMessageContaining("unexpected the end of the statement")
        .extracting(e -> ((SluiceException) e).position())
        .isEqualTo(Optional.of(at(1, 23)));
    assertThatThrownBy(() -> parse("SET x ="))
        .hasMessageContaining("syntax error at line 1, column 8");
  }

  @Test
  void aKeyWithADashSaysToQuoteIt() {
    assertThatThrownBy(
            () -> parse("CREATE SINK s WITH (connector = 'kafka', bootstrap-servers = 'h:9092')"))
        .hasMessageContaining("syntax error at line 1, column 51: unexpected '-'")
        .hasMessageEndingWith("; a name with '-' in it must be quoted: 'bootstrap-servers'");
    assertThatThrownBy(() -> parse("SET watermark-policy = 'max'"))
        .hasMessageEndingWith("must be quoted: 'watermark-policy'");
    assertThatThrownBy(() -> parse("SET a = 1 - 2")).message().doesNotContain("quoted");
  }

  @Test
  void badDurationsAndRepeatedOptionsAreRefused() {
    assertThatThrownBy(() -> parse("ADVANCE CLOCK INTERVAL '10' FORTNIGHT"))
        .hasMessageContaining("is not a duration")
        .extracting(e -> ((SluiceException) e).code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThatThrownBy(() -> parse("CREATE SINK s WITH (connector = 'a', CONNECTOR = 'b')"))
        .hasMessageContaining("option 'CONNECTOR' is given twice")
        .extracting(e -> ((SluiceException) e).code())
        .isEqualTo(ErrorCode.DUPLICATE_OBJECT);
    assertThatThrownBy(
            () ->
                parse(
                    "CREATE STREAM s (a TIMESTAMP(3), WATERMARK FOR a AS a, WATERMARK FOR a AS a)"))
        .hasMessageContaining("one WATERMARK FOR clause");
  }

  private static TextPosition at(int line, int column) {
    return new TextPosition(line, column);
  }
}
