package dev.sluice.api;

import static dev.sluice.api.testing.StreamTest.addData;
import static dev.sluice.api.testing.StreamTest.checkAnswer;
import static dev.sluice.api.testing.StreamTest.checkNewOutput;
import static dev.sluice.api.testing.StreamTest.expectFailure;
import static dev.sluice.api.testing.StreamTest.startStream;
import static dev.sluice.api.testing.StreamTest.stopStream;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.testing.StreamTest;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.memory.MemoryStream;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQL over memory streams, end to end, with 3-row chunks so chunk boundaries are exercised. */
class StreamingSqlTest {
  static final Schema BID =
      Schema.of(
          Field.nullable("auction", SqlType.BIGINT),
          Field.nullable("price", SqlType.BIGINT),
          Field.nullable("url", SqlType.VARCHAR),
          Field.nullable("date_time", SqlType.TIMESTAMP));

  @TempDir Path checkpoint;
  private final Sluice sluice = Sluice.builder().maxRowsPerBatch(3).parallelism(2).build();

  @AfterEach
  void close() {
    sluice.close();
  }

  static Row bid(long auction, long price, String url, String time) {
    return Row.of(auction, price, url, time == null ? null : LocalDateTime.parse(time));
  }

  @Test
  void projectionsFiltersAndFunctionsSurviveARestart() {
    MemoryStream bids = sluice.memoryStream("bids", BID);
    DataFrame query =
        sluice.sql(
            "SELECT auction, price * 0.908 AS euros, UPPER(SUBSTRING(url FROM 9 FOR 4)) AS host,"
                + " FLOOR(date_time TO HOUR) AS hr, date_time + INTERVAL '1' DAY AS next_day"
                + " FROM bids WHERE MOD(auction, 2) = 0 AND url LIKE 'https://%'");
    StreamTest.of(sluice, query, checkpoint)
        .run(
            addData(
                bids,
                bid(2, 100, "https://shop.example/a", "2024-01-01T10:15:00"),
                bid(3, 200, "https://shop.example/b", "2024-01-01T10:16:00"),
                bid(4, 300, "http://plain.example/c", "2024-01-01T10:17:00"),
                bid(6, 50, "https://auct.example/d", "2024-01-01T23:59:59.999")),
            checkNewOutput(
                Row.of(
                    2L,
                    new BigDecimal("90.800"),
                    "SHOP",
                    LocalDateTime.parse("2024-01-01T10:00"),
                    LocalDateTime.parse("2024-01-02T10:15")),
                Row.of(
                    6L,
                    new BigDecimal("45.400"),
                    "AUCT",
                    LocalDateTime.parse("2024-01-01T23:00"),
                    LocalDateTime.parse("2024-01-02T23:59:59.999"))),
            stopStream(),
            addData(bids, bid(8, 1, "https://last.example/", "2024-02-29T00:00:00")),
            startStream(),
            checkNewOutput(
                Row.of(
                    8L,
                    new BigDecimal("0.908"),
                    "LAST",
                    LocalDateTime.parse("2024-02-29T00:00"),
                    LocalDateTime.parse("2024-03-01T00:00"))),
            checkAnswer(
                Row.of(
                    2L,
                    new BigDecimal("90.800"),
                    "SHOP",
                    LocalDateTime.parse("2024-01-01T10:00"),
                    LocalDateTime.parse("2024-01-02T10:15")),
                Row.of(
                    6L,
                    new BigDecimal("45.400"),
                    "AUCT",
                    LocalDateTime.parse("2024-01-01T23:00"),
                    LocalDateTime.parse("2024-01-02T23:59:59.999")),
                Row.of(
                    8L,
                    new BigDecimal("0.908"),
                    "LAST",
                    LocalDateTime.parse("2024-02-29T00:00"),
                    LocalDateTime.parse("2024-03-01T00:00"))));
  }

  @Test
  void nullSemanticsCaseCoalesceAndCast() {
    MemoryStream bids = sluice.memoryStream("bids", BID);
    DataFrame query =
        sluice.sql(
            "SELECT auction, COALESCE(url, 'none') AS url, NULLIF(price, 0) AS price,"
                + " CASE WHEN price > 100 THEN 'high' WHEN price IS NULL THEN 'unknown' ELSE 'low' END AS band,"
                + " CAST(price AS VARCHAR) || '!' AS label, price > 100 OR url IS NULL AS flagged,"
                + " EXTRACT(YEAR FROM date_time) AS y, CHAR_LENGTH(url) AS len, POSITION('b' IN url) AS pos,"
                + " TRIM(BOTH ' ' FROM '  x  ') AS trimmed, REPLACE(url, 'a', 'A') AS replaced"
                + " FROM bids");
    StreamTest.of(sluice, query, checkpoint)
        .run(
            addData(
                bids,
                bid(1, 0, null, null),
                bid(2, 500, "abc", "2023-06-01T00:00:00"),
                Row.of(3L, null, "bb", null)),
            checkAnswer(
                Row.of(1L, "none", null, "low", "0!", true, null, null, null, "x", null),
                Row.of(2L, "abc", 500L, "high", "500!", true, 2023L, 3, 2, "x", "Abc"),
                Row.of(3L, "bb", null, "unknown", null, null, null, 2, 1, "x", "bb")));
  }

  @Test
  void unnestSplitsLinesIntoWords() {
    MemoryStream lines =
        sluice.memoryStream("lines", Schema.of(Field.nullable("line", SqlType.VARCHAR)));
    DataFrame words =
        sluice.sql(
            "SELECT LOWER(word) AS word FROM lines CROSS JOIN UNNEST(SPLIT(line, ' ')) AS t(word) WHERE word <> ''");
    StreamTest.of(sluice, words, checkpoint)
        .run(
            addData(
                lines,
                Row.of("The quick  brown"),
                Row.of((Object) null),
                Row.of("fox jumps over the lazy dog")),
            checkAnswer(
                words("the", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog")),
            addData(lines, Row.of("")),
            checkNewOutput());
  }

  @Test
  void unionAllOfTwoStreams() {
    MemoryStream a = sluice.memoryStream("a", BID);
    MemoryStream b = sluice.memoryStream("b", BID);
    DataFrame union =
        sluice.sql("SELECT auction, 'a' AS src FROM a UNION ALL SELECT auction * 10, 'b' FROM b");
    StreamTest.of(sluice, union, checkpoint)
        .run(
            addData(a, bid(1, 1, "u", null)),
            addData(b, bid(2, 1, "u", null), bid(3, 1, "u", null)),
            checkAnswer(Row.of(1L, "a"), Row.of(20L, "b"), Row.of(30L, "b")),
            stopStream(),
            addData(b, bid(4, 1, "u", null)),
            startStream(),
            checkNewOutput(Row.of(40L, "b")));
  }

  @Test
  void aBadCastFailsTheQueryWithItsCode() {
    MemoryStream lines =
        sluice.memoryStream("lines", Schema.of(Field.nullable("line", SqlType.VARCHAR)));
    StreamTest.of(sluice, sluice.sql("SELECT CAST(line AS INTEGER) AS n FROM lines"), checkpoint)
        .run(
            addData(lines, Row.of("7")),
            checkAnswer(Row.of(7)),
            addData(lines, Row.of("seven")),
            expectFailure(ErrorCode.INVALID_CAST));
  }

  @Test
  void theSameQueryOverAStaticTableRunsAsABatchQuery() {
    sluice.createTable("bids_table", BID, List.of(bid(2, 10, "x", null), bid(3, 20, "y", null)));
    List<Row> rows =
        sluice
            .sql("SELECT auction, price * 2 AS p FROM bids_table WHERE price > 15")
            .collectAsList();
    assertThat(rows).containsExactly(Row.of(3L, 40L));
    assertThat(sluice.sql("SELECT 1 + 1 AS two").collectAsList()).containsExactly(Row.of(2));
  }

  private static Row[] words(String... words) {
    List<Row> rows = new ArrayList<>();
    for (String word : words) {
      rows.add(Row.of(word));
    }
    return rows.toArray(new Row[0]);
  }
}
