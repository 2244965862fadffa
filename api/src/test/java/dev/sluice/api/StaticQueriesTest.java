package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One-off queries over static tables: the batch path, and SQL functions end to end. */
class StaticQueriesTest {
  private static final Schema EVENTS =
      Schema.of(
          Field.nullable("id", SqlType.BIGINT),
          Field.nullable("ts", SqlType.TIMESTAMP),
          Field.nullable("d", SqlType.DATE),
          Field.nullable("amount", SqlType.decimal(10, 2)),
          Field.nullable("note", SqlType.VARCHAR));

  private final Sluice sluice = Sluice.builder().maxRowsPerBatch(2).parallelism(2).build();

  StaticQueriesTest() {
    sluice.createTable(
        "events",
        EVENTS,
        List.of(
            Row.of(
                1L,
                LocalDateTime.parse("2024-01-31T10:15:30.250"),
                LocalDate.parse("2024-01-31"),
                new BigDecimal("10.50"),
                "b"),
            Row.of(
                2L,
                LocalDateTime.parse("2023-12-31T23:59:59.999"),
                LocalDate.parse("2023-02-28"),
                new BigDecimal("-3.25"),
                null),
            Row.of(3L, null, null, null, "a"),
            Row.of(
                4L,
                LocalDateTime.parse("2024-02-29T00:00:00"),
                LocalDate.parse("2024-02-29"),
                new BigDecimal("0.00"),
                "c")));
  }

  @AfterEach
  void close() {
    sluice.close();
  }

  private List<Row> sql(String query) {
    return sluice.sql(query).collectAsList();
  }

  @Test
  @Timeout(30) // this once looped forever: a NULL-typed column has no buffers to grow
  void aColumnOfUntypedNullsHoldsNulls() {
    assertThat(sql("VALUES (1, NULL), (2, NULL)"))
        .containsExactly(Row.of(1, null), Row.of(2, null));
    assertThat(sql("SELECT a FROM (VALUES (5, NULL)) AS t (a, b) WHERE b IS NULL"))
        .containsExactly(Row.of(5));
  }

  @Test
  void aColumnOfUntypedNullsPassesFiltersGroupingAndTheExchange() {
    // Two partitions: the rows cross an exchange, and a filtered calc copies column b.
    assertThat(sql("SELECT COUNT(*) FROM (VALUES (5, NULL)) AS t (a, b) WHERE b IS NULL"))
        .containsExactly(Row.of(1L));
    assertThat(sql("SELECT b, COUNT(*) FROM (VALUES (5, NULL), (6, NULL)) AS t (a, b) GROUP BY b"))
        .containsExactly(Row.of(null, 2L));
    assertThat(sql("SELECT a, b FROM (VALUES (5, NULL), (6, NULL)) AS t (a, b) WHERE a > 5"))
        .containsExactly(Row.of(6, null));
  }

  @Test
  void aConstantTypedNullGoesIntoStringFunctionsAndColumns() {
    assertThat(sql("VALUES UPPER(CAST(NULL AS VARCHAR))")).containsExactly(Row.of((Object) null));
    assertThat(sql("VALUES (10.50, 'a'), (0.99, CAST(NULL AS VARCHAR))"))
        .containsExactly(
            Row.of(new BigDecimal("10.50"), "a"), Row.of(new BigDecimal("0.99"), null));
  }

  @Test
  void anIntervalTimesOrDividedByAFractionIsExactToTheMillisecond() {
    assertThat(
            sql(
                "VALUES (INTERVAL '1' HOUR * 1.5, 1.5 * INTERVAL '1' HOUR, INTERVAL '1' HOUR / 1.5,"
                    + " INTERVAL '1' HOUR * 1.5e0, INTERVAL '1' SECOND * 0.0005, INTERVAL '1' YEAR * 1.5)"))
        .containsExactly(
            Row.of(
                Duration.ofMinutes(90),
                Duration.ofMinutes(90),
                Duration.ofMinutes(40),
                Duration.ofMinutes(90),
                Duration.ofMillis(1), // 0.5 ms rounds HALF_UP
                Period.of(1, 6, 0)));
    assertThatThrownBy(() -> sql("VALUES INTERVAL '1' HOUR / 0.0"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DIVISION_BY_ZERO));
  }

  @Test
  void aDatetimeDifferenceIsWholeUnitsOfItsQualifier() {
    String later = "TIMESTAMP '2026-01-02 06:59:59.999'";
    String earlier = "TIMESTAMP '2026-01-01 00:00:00'";
    assertThat(
            sql(
                String.format(
                    "VALUES ((%1$s - %2$s) DAY, (%2$s - %1$s) DAY, (%1$s - %2$s) DAY TO HOUR,"
                        + " (%1$s - %2$s) MINUTE, (%1$s - %2$s) SECOND,"
                        + " (DATE '2027-03-01' - DATE '2026-01-15') YEAR)",
                    later, earlier)))
        .containsExactly(
            Row.of(
                Duration.ofDays(1),
                Duration.ofDays(-1), // toward zero
                Duration.ofHours(30),
                Duration.ofMinutes(30 * 60 + 59),
                Duration.parse("PT30H59M59.999S"),
                Period.ofYears(1)));
    assertThat(
            sql(
                "VALUES CAST(INTERVAL '30' HOUR AS VARCHAR), CAST(INTERVAL '-14' MONTH AS VARCHAR)"))
        .containsExactly(Row.of("+1 06:00:00.000"), Row.of("-1-02"));
  }

  @Test
  void sumAndAvgOfTextAreRefusedWhenPlannedNamingWhatTheyTake() {
    sluice.createTable(
        "texts", Schema.of(Field.nullable("s", SqlType.VARCHAR)), List.of(Row.of("1")));
    assertThatThrownBy(() -> sluice.sql("SELECT SUM(s) FROM texts"))
        .isInstanceOfSatisfying(
            SluiceException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.TYPE_MISMATCH);
              assertThat(e.position()).isPresent();
            })
        .hasMessageContaining("SUM does not accept VARCHAR")
        .hasMessageContaining("it takes a number");
    assertThatThrownBy(
            () ->
                sluice
                    .table("texts")
                    .groupBy(new String[0])
                    .agg(functions.avg(functions.col("s")))
                    .isStreaming())
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TYPE_MISMATCH))
        .hasMessageContaining("AVG does not accept VARCHAR");
    assertThat(sql("SELECT SUM(CAST(s AS INT)), SUM(NULL) FROM texts"))
        .containsExactly(Row.of(1L, null));
  }

  @Test
  void aDecimalWiderThan38DigitsIsRefusedNotNarrowed() {
    assertThatThrownBy(() -> sluice.sql("SELECT CAST(amount AS DECIMAL(50, 2)) FROM events"))
        .isInstanceOfSatisfying(
            SluiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FEATURE))
        .hasMessageContaining("DECIMAL(50, 2) has more digits than the 38 a DECIMAL holds")
        .hasMessageContaining("use a precision of at most 38");
  }

  @Test
  void aViewRefusesTwoColumnsOfOneName() {
    DataFrame query = sluice.sql("SELECT 1 AS a, 2 AS A");
    assertThat(query.columns()).containsExactly("a", "A0"); // a query may repeat a name
    assertThatThrownBy(() -> query.createOrReplaceTempView("v"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_OBJECT))
        .hasMessageContaining("view v would have two columns named 'A' (the second at line 1");
    assertThat(sluice.catalog().find("v")).isEmpty();
  }

  @Test
  void orderByLimitAndOffsetApplyToTheWholeResult() {
    assertThat(sql("SELECT id FROM events ORDER BY note DESC"))
        .containsExactly(Row.of(2L), Row.of(4L), Row.of(1L), Row.of(3L));
    assertThat(sql("SELECT id FROM events ORDER BY note NULLS FIRST LIMIT 2"))
        .containsExactly(Row.of(2L), Row.of(3L));
    assertThat(
            sql("SELECT id, amount FROM events ORDER BY amount DESC NULLS LAST, id OFFSET 1 ROWS"))
        .containsExactly(
            Row.of(4L, new BigDecimal("0.00")),
            Row.of(2L, new BigDecimal("-3.25")),
            Row.of(3L, null));
  }

  @Test
  void orderByOverAStreamIsRefusedSayingWhy() {
    sluice.memoryStream("s", EVENTS);
    assertThatThrownBy(
            () ->
                sluice.sql("SELECT id FROM s ORDER BY id").writeStream().format("console").start())
        .isInstanceOfSatisfying(
            SluiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_STREAMING_OPERATION))
        .hasMessageContaining("no last row");
  }

  @Test
  void dateAndTimeFunctions() {
    assertThat(
            sql(
                "SELECT CEIL(ts TO DAY), FLOOR(ts TO MONTH), ts + INTERVAL '1' MONTH, d + INTERVAL '1' MONTH,"
                    + " d + INTERVAL '2' DAY, ts - INTERVAL '1:30' HOUR TO MINUTE, EXTRACT(DOW FROM d),"
                    + " EXTRACT(QUARTER FROM ts), CAST(ts AS TIME), (ts - TIMESTAMP '2024-01-01 00:00:00') SECOND"
                    + " FROM events WHERE id = 1"))
        .containsExactly(
            Row.of(
                LocalDateTime.parse("2024-02-01T00:00"),
                LocalDateTime.parse("2024-01-01T00:00"),
                LocalDateTime.parse("2024-02-29T10:15:30.250"),
                LocalDate.parse("2024-02-29"),
                LocalDate.parse("2024-02-02"),
                LocalDateTime.parse("2024-01-31T08:45:30.250"),
                4L,
                1L,
                LocalTime.parse("10:15:30.250"),
                Duration.parse("PT730H15M30.25S")));
    assertThat(sql("SELECT FLOOR(ts TO YEAR), CEIL(d TO YEAR) FROM events WHERE id = 2"))
        .containsExactly(
            Row.of(LocalDateTime.parse("2023-01-01T00:00"), LocalDate.parse("2024-01-01")));
  }

  @Test
  void castsBetweenStringsNumbersAndTimes() {
    assertThat(
            sql(
                "SELECT CAST('42' AS INTEGER), CAST(' 2.5 ' AS DOUBLE), CAST('2024-03-01' AS DATE),"
                    + " CAST('2024-03-01 12:00:00.5' AS TIMESTAMP), CAST(amount AS VARCHAR), CAST(amount AS INTEGER),"
                    + " CAST(TRUE AS VARCHAR), CAST('12.345' AS DECIMAL(5, 2))"
                    + " FROM events WHERE id = 1"))
        .containsExactly(
            Row.of(
                42,
                2.5,
                LocalDate.parse("2024-03-01"),
                LocalDateTime.parse("2024-03-01T12:00:00.500"),
                "10.50",
                10,
                "TRUE",
                new BigDecimal("12.35")));
    // A literal converts exactly as a column value does (rounding HALF_UP), and fails the same way.
    assertThat(sql("SELECT CAST(x AS DECIMAL(5, 2)) FROM (VALUES ('12.345')) AS t(x)"))
        .containsExactly(Row.of(new BigDecimal("12.35")));
    assertThatThrownBy(() -> sql("SELECT CAST('abc' AS INTEGER) FROM events"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CAST));
    assertThatThrownBy(() -> sql("SELECT CAST(note AS DATE) FROM events WHERE id = 1"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CAST))
        .hasMessageContaining("'b'")
        .hasMessageContaining("DATE");
  }

  @Test
  void binaryColumnsFilterCompareAndSortAsUnsignedBytes() {
    sluice.createTable(
        "blobs",
        Schema.of(Field.nullable("id", SqlType.BIGINT), Field.nullable("b", SqlType.VARBINARY)),
        List.of(
            Row.of(1L, bytes(0x0A, 0xFF)),
            Row.of(2L, null),
            Row.of(3L, bytes(0x80)),
            Row.of(4L, bytes(0x0A))));

    assertThat(sql("SELECT id, b FROM blobs WHERE b = X'0aff'"))
        .containsExactly(Row.of(1L, bytes(0x0A, 0xFF)));
    // unsigned, as in Spark: X'80' is above X'0AFF'
    assertThat(sql("SELECT id FROM blobs WHERE b > X'0AFF'")).containsExactly(Row.of(3L));
    assertThat(sql("SELECT id FROM blobs WHERE b IS NULL")).containsExactly(Row.of(2L));
    assertThat(sql("SELECT id, OCTET_LENGTH(b) FROM blobs WHERE b <> X'80' ORDER BY id"))
        .containsExactly(Row.of(1L, 2), Row.of(4L, 1));
    assertThat(sql("SELECT b FROM blobs ORDER BY b DESC NULLS LAST"))
        .containsExactly(
            Row.of((Object) bytes(0x80)),
            Row.of((Object) bytes(0x0A, 0xFF)),
            Row.of((Object) bytes(0x0A)),
            Row.of((Object) null));
    assertThat(sql("SELECT MIN(b), MAX(b), COUNT(DISTINCT b) FROM blobs"))
        .containsExactly(Row.of(bytes(0x0A), bytes(0x80), 3L));
  }

  @Test
  void castsBetweenVarcharAndVarbinaryAreUtf8() {
    byte[] hello = "héllo".getBytes(StandardCharsets.UTF_8);
    assertThat(
            sql(
                "SELECT CAST('héllo' AS VARBINARY), CAST(X'68C3A96C6C6F' AS VARCHAR),"
                    + " OCTET_LENGTH('héllo'), X''"))
        .containsExactly(Row.of(hello, "héllo", 6, new byte[0]));
    // As in Spark, bytes that are not UTF-8 decode to the replacement character U+FFFD.
    assertThat(
            sql(
                "SELECT CAST(x AS VARCHAR) FROM (VALUES (X'FF41'), (CAST(NULL AS VARBINARY))) AS t(x)"))
        .containsExactly(Row.of("\uFFFDA"), Row.of((Object) null));
  }

  @Test
  void arithmeticErrorsAreReportedNotWrapped() {
    assertThatThrownBy(() -> sql("SELECT id / (id - 1) FROM events"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DIVISION_BY_ZERO));
    assertThatThrownBy(() -> sql("SELECT id * 9223372036854775807 FROM events WHERE id = 2"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NUMERIC_OVERFLOW));
  }

  @Test
  void aUdfTakesAndReturnsBytes() {
    sluice
        .udf()
        .register(
            "reversed",
            (byte[] b) -> {
              byte[] out = new byte[b.length];
              for (int i = 0; i < b.length; i++) {
                out[i] = b[b.length - 1 - i];
              }
              return out;
            },
            SqlType.VARBINARY,
            SqlType.VARBINARY);

    assertThat(sql("SELECT reversed(x) FROM (VALUES (X'0AFF')) AS t(x) WHERE reversed(x) > x"))
        .containsExactly(Row.of((Object) bytes(0xFF, 0x0A)));

    sluice
        .udf()
        .register(
            "refuse",
            (byte[] b) -> {
              throw new IllegalArgumentException("no");
            },
            SqlType.VARBINARY,
            SqlType.VARBINARY);
    assertThatThrownBy(() -> sql("SELECT refuse(X'0AFF')"))
        .hasMessageContaining("user function refuse failed on arguments [X'0AFF']");
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  @Test
  void arraysInValuesAndUnnest() {
    assertThat(
            sql(
                "SELECT CARDINALITY(SPLIT(note || ',x', ',')), SPLIT('a,b', ',')[2], SPLIT('a', ',')[5] FROM events WHERE id = 1"))
        .containsExactly(Row.of(2, "b", null));
    assertThat(
            sql(
                "SELECT w FROM (VALUES ('p q'), ('r')) AS t(s) CROSS JOIN UNNEST(SPLIT(s, ' ')) AS u(w) ORDER BY w"))
        .containsExactly(Row.of("p"), Row.of("q"), Row.of("r"));
  }
}
