package dev.sluice.execution.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableFormatterTest {
  private static final Schema PEOPLE =
      Schema.of(Field.notNull("id", SqlType.BIGINT), Field.nullable("name", SqlType.VARCHAR));

  @Test
  void formatsLikeSparkShow() {
    assertThat(TableFormatter.format(PEOPLE, List.of(Row.of(1L, "Alice")), 20, true))
        .isEqualTo(
            """
            +---+-----+
            | id| name|
            +---+-----+
            |  1|Alice|
            +---+-----+
            """);
  }

  @Test
  void saysHowManyRowsItShowedWhenSomeAreLeftOut() {
    List<Row> rows = List.of(Row.of(1L, "a"), Row.of(2L, "b"), Row.of(3L, "c"));

    assertThat(TableFormatter.format(PEOPLE, rows, 2, true))
        .isEqualTo(
            """
            +---+----+
            | id|name|
            +---+----+
            |  1|   a|
            |  2|   b|
            +---+----+
            only showing top 2 rows
            """);
    assertThat(TableFormatter.format(PEOPLE, rows, 1, true)).endsWith("only showing top 1 row\n");
    assertThat(TableFormatter.format(PEOPLE, rows, 3, true)).doesNotContain("only showing");
  }

  @Test
  void anEmptyResultPrintsTheHeader() {
    assertThat(TableFormatter.format(PEOPLE, List.of(), 20, true))
        .isEqualTo(
            """
            +---+----+
            | id|name|
            +---+----+
            +---+----+
            """);
  }

  @Test
  void truncatesLongCellsAndRightAlignsOnlyWhenAsked() {
    List<Row> rows = List.of(Row.of(1L, "abcdefghijklmnopqrstuvwxyz"));

    assertThat(TableFormatter.format(PEOPLE, rows, 20, true))
        .contains("|  1|abcdefghijklmnopq...|");
    assertThat(TableFormatter.format(PEOPLE, rows, 20, false))
        .isEqualTo(
            """
            +---+--------------------------+
            |id |name                      |
            +---+--------------------------+
            |1  |abcdefghijklmnopqrstuvwxyz|
            +---+--------------------------+
            """);
  }

  @Test
  void printsEachTypeReadably() {
    Schema schema =
        Schema.of(
            Field.nullable("n", SqlType.VARCHAR),
            Field.nullable("ts", SqlType.TIMESTAMP),
            Field.nullable("t", SqlType.TIME),
            Field.nullable("d", SqlType.DATE),
            Field.nullable("dec", SqlType.decimal(20, 2)),
            Field.nullable("arr", SqlType.array(SqlType.BIGINT)),
            Field.nullable("b", SqlType.BOOLEAN),
            Field.nullable("bin", SqlType.VARBINARY));
    Row row =
        Row.of(
            null,
            LocalDateTime.of(2024, 1, 2, 3, 4, 5),
            LocalTime.of(13, 14, 15, 6_000_000),
            LocalDate.of(2024, 2, 29),
            new BigDecimal("1E+3").setScale(2),
            java.util.Arrays.asList(1L, null),
            true,
            new byte[] {0x0A, (byte) 0xFF});

    assertThat(TableFormatter.format(schema, List.of(row), 20, true))
        .contains(
            "|NULL|2024-01-02 03:04:05.000|13:14:15.006|2024-02-29|1000.00|[1, NULL]|true|X'0AFF'|");
  }

  @Test
  void intervalsPrintAsSignDaysAndTimeOrSignYearsAndMonths() {
    assertThat(TableFormatter.cell(Duration.ofHours(30))).isEqualTo("+1 06:00:00.000");
    assertThat(TableFormatter.cell(Duration.ofMillis(-500))).isEqualTo("-0 00:00:00.500");
    assertThat(TableFormatter.cell(Duration.ofDays(400).plusMillis(1)))
        .isEqualTo("+400 00:00:00.001");
    assertThat(TableFormatter.cell(Duration.ofMillis(Long.MIN_VALUE)))
        .isEqualTo("-106751991167 07:12:55.808");
    assertThat(TableFormatter.cell(Period.ofMonths(14))).isEqualTo("+1-02");
    assertThat(TableFormatter.cell(Period.ofMonths(-1))).isEqualTo("-0-01");
    assertThat(TableFormatter.cell(Period.ZERO)).isEqualTo("+0-00");
  }
}
