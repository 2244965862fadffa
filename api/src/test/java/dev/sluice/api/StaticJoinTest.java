package dev.sluice.api;

import static dev.sluice.api.testing.StreamTest.addData;
import static dev.sluice.api.testing.StreamTest.checkNewOutput;
import static dev.sluice.api.testing.StreamTest.startStream;
import static dev.sluice.api.testing.StreamTest.stopStream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.testing.StreamTest;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.connector.memory.MemoryStream;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stream–static joins: each stream row probes a table hashed once per run of the query. Chunks of 3
 * rows, so a key with many table rows spans output batches.
 */
class StaticJoinTest {
  private static final Schema ORDER =
      Schema.of(
          Field.nullable("order_id", SqlType.BIGINT),
          Field.nullable("item", SqlType.VARCHAR),
          Field.nullable("qty", SqlType.INTEGER),
          Field.nullable("ts", SqlType.TIMESTAMP));

  private static final Schema PRICE =
      Schema.of(
          Field.nullable("item", SqlType.VARCHAR),
          Field.nullable("min_qty", SqlType.INTEGER),
          Field.nullable("unit_price", SqlType.BIGINT));

  @TempDir Path checkpoint;
  private final Sluice sluice = Sluice.builder().maxRowsPerBatch(3).parallelism(2).build();
  private final MemoryStream orders = sluice.memoryStream("orders", ORDER);

  StaticJoinTest() {
    // Tiered prices: "pen" has four tiers (a key with more rows than a chunk holds), "ink" one,
    // a row with a NULL item matches nothing, and "cap" is never ordered.
    sluice.createTable(
        "prices",
        PRICE,
        List.of(
            Row.of("pen", 1, 10L),
            Row.of("pen", 10, 8L),
            Row.of("pen", 100, 6L),
            Row.of("pen", 1000, 5L),
            Row.of("ink", 1, 3L),
            Row.of(null, 1, 99L),
            Row.of("cap", 1, 1L)));
  }

  @AfterEach
  void close() {
    sluice.close();
  }

  private static Row order(long id, String item, Integer qty, String ts) {
    return Row.of(id, item, qty, ts == null ? null : LocalDateTime.parse(ts));
  }

  @Test
  void innerJoinPairsEachRowWithEveryMatchAndSurvivesARestart() {
    DataFrame query =
        sluice.sql(
            "SELECT o.order_id, p.min_qty, p.unit_price FROM orders AS o"
                + " JOIN prices AS p ON o.item = p.item");
    StreamTest.of(sluice, query, checkpoint)
        .run(
            addData(
                orders,
                order(1, "pen", 5, null),
                order(2, "ink", 1, null),
                order(3, "nib", 1, null),
                order(4, null, 1, null)),
            checkNewOutput(
                Row.of(1L, 1, 10L),
                Row.of(1L, 10, 8L),
                Row.of(1L, 100, 6L),
                Row.of(1L, 1000, 5L),
                Row.of(2L, 1, 3L)),
            stopStream(),
            addData(orders, order(5, "ink", 2, null)),
            startStream(),
            checkNewOutput(Row.of(5L, 1, 3L)));
  }

  @Test
  void leftJoinKeepsUnmatchedStreamRowsWithNulls() {
    DataFrame query =
        sluice.sql(
            "SELECT o.order_id, p.unit_price FROM orders AS o"
                + " LEFT JOIN prices AS p ON o.item = p.item AND p.min_qty = 1");
    StreamTest.of(sluice, query, checkpoint)
        .run(
            addData(
                orders,
                order(1, "pen", 5, null),
                order(2, "nib", 1, null),
                order(3, null, 1, null)),
            checkNewOutput(Row.of(1L, 10L), Row.of(2L, null), Row.of(3L, null)));
  }

  @Test
  void leftJoinConditionBeyondTheKeysDecidesWhatMatches() {
    // The price tier of an order: every tier whose min_qty the order reaches; an order reaching
    // none (qty 0) or with no tiers at all keeps its row with NULLs.
    DataFrame query =
        sluice.sql(
            "SELECT o.order_id, p.min_qty FROM orders AS o"
                + " LEFT JOIN prices AS p ON o.item = p.item AND o.qty >= p.min_qty");
    StreamTest.of(sluice, query, checkpoint)
        .run(
            addData(
                orders,
                order(1, "pen", 50, null),
                order(2, "pen", 0, null),
                order(3, "nib", 5, null),
                order(4, "ink", null, null)),
            checkNewOutput(
                Row.of(1L, 1),
                Row.of(1L, 10),
                Row.of(2L, null),
                Row.of(3L, null),
                Row.of(4L, null)));
  }

  @Test
  void rightJoinWithTheStreamOnTheRightKeepsSqlColumnOrder() {
    DataFrame query =
        sluice.sql(
            "SELECT * FROM prices AS p RIGHT JOIN orders AS o"
                + " ON p.item = o.item AND p.min_qty >= 100 WHERE o.qty > 0");
    assertThat(query.schema().names())
        .containsExactly("item", "min_qty", "unit_price", "order_id", "item0", "qty", "ts");
    StreamTest.of(sluice, query, checkpoint)
        .run(
            addData(orders, order(1, "pen", 5, null), order(2, "ink", 1, null)),
            checkNewOutput(
                Row.of("pen", 100, 6L, 1L, "pen", 5, null),
                Row.of("pen", 1000, 5L, 1L, "pen", 5, null),
                Row.of(null, null, null, 2L, "ink", 1, null)));
  }

  @Test
  void conditionsWithoutEqualityCompareEveryTableRow() {
    DataFrame query =
        sluice.sql(
            "SELECT o.order_id, b.band FROM orders AS o JOIN"
                + " (VALUES (0, 9, 'small'), (10, 99, 'medium'), (100, 999, 'large')) AS b (lo, hi, band)"
                + " ON o.qty BETWEEN b.lo AND b.hi");
    StreamTest.of(sluice, query, checkpoint)
        .run(
            addData(
                orders,
                order(1, "pen", 5, null),
                order(2, "pen", 500, null),
                order(3, "pen", -1, null)),
            checkNewOutput(Row.of(1L, "small"), Row.of(2L, "large")));
  }

  @Test
  void keysOfDifferentTypesAndExpressionsAreCompared() {
    // qty is INTEGER and the VALUES column BIGINT; UPPER(item) is an expression on one side.
    DataFrame query =
        sluice.sql(
            "SELECT o.order_id, t.label FROM orders AS o JOIN"
                + " (VALUES (CAST(1 AS BIGINT), 'PEN', 'one pen'), (CAST(2 AS BIGINT), 'PEN', 'two pens'))"
                + " AS t (n, name, label) ON o.qty = t.n AND UPPER(o.item) = t.name");
    StreamTest.of(sluice, query, checkpoint)
        .run(
            addData(
                orders,
                order(1, "pen", 2, null),
                order(2, "Pen", 1, null),
                order(3, "ink", 1, null)),
            checkNewOutput(Row.of(1L, "two pens"), Row.of(2L, "one pen")));
  }

  @Test
  void aWindowedAggregationOverAJoinClosesWindowsByTheStreamsWatermark() {
    sluice
        .sql("SELECT * FROM orders")
        .withWatermark("ts", "0 seconds")
        .createOrReplaceTempView("timed_orders");
    sluice
        .sql(
            "SELECT o.qty, o.ts, p.unit_price FROM timed_orders AS o"
                + " JOIN prices AS p ON o.item = p.item AND p.min_qty = 1")
        .createOrReplaceTempView("priced");
    DataFrame query =
        sluice.sql(
            "SELECT window_start, SUM(qty * unit_price) AS revenue FROM TABLE(TUMBLE(TABLE priced,"
                + " DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end");
    StreamTest.of(sluice, query, checkpoint)
        .outputMode(OutputMode.APPEND)
        .run(
            addData(
                orders,
                order(1, "pen", 2, "2024-01-01T10:00:10"),
                order(2, "ink", 3, "2024-01-01T10:00:50")),
            checkNewOutput(),
            addData(orders, order(3, "pen", 1, "2024-01-01T10:01:30")),
            checkNewOutput(Row.of(LocalDateTime.parse("2024-01-01T10:00"), 29L)));
  }

  @Test
  void oneOffJoinsOfTwoTables() {
    sluice.createTable(
        "items",
        Schema.of(
            Field.nullable("item", SqlType.VARCHAR), Field.nullable("colour", SqlType.VARCHAR)),
        List.of(Row.of("pen", "blue"), Row.of("ink", "black"), Row.of("rubber", "pink")));
    assertThat(
            sluice
                .sql(
                    "SELECT i.item, p.unit_price FROM items AS i LEFT JOIN prices AS p"
                        + " ON i.item = p.item AND p.min_qty = 1")
                .collectAsList())
        .containsExactlyInAnyOrder(Row.of("pen", 10L), Row.of("ink", 3L), Row.of("rubber", null));
    assertThat(
            sluice
                .sql(
                    "SELECT p.item, i.colour FROM items AS i RIGHT JOIN prices AS p"
                        + " ON i.item = p.item WHERE p.min_qty = 1")
                .collectAsList())
        .containsExactlyInAnyOrder(
            Row.of("pen", "blue"), Row.of("ink", "black"), Row.of(null, null), Row.of("cap", null));
  }

  @Test
  void joinsThatCannotRunOnAStreamAreRefusedWithTheReason() {
    assertThatThrownBy(
            () ->
                sluice
                    .sql("SELECT * FROM prices AS p LEFT JOIN orders AS o ON p.item = o.item")
                    .writeStream()
                    .format("memory")
                    .queryName("refused_left")
                    .start())
        .isInstanceOfSatisfying(
            SluiceException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_STREAMING_OPERATION);
              assertThat(e.getMessage())
                  .contains(
                      "LEFT JOIN keeps the unmatched rows of the left side, the static prices, but the stream orders")
                  .contains("RIGHT JOIN");
            });
    assertThatThrownBy(
            () ->
                sluice
                    .sql("SELECT * FROM orders AS a JOIN orders AS b ON a.item = b.item")
                    .explainString())
        .isInstanceOfSatisfying(
            SluiceException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("joining two streams (orders with orders) is not supported yet"));
    assertThatThrownBy(
            () ->
                sluice
                    .sql("SELECT * FROM orders AS o FULL JOIN prices AS p ON o.item = p.item")
                    .explainString())
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.getMessage()).contains("FULL JOIN"));
  }

  @Test
  void dataFrameJoinOnUsingColumns() {
    DataFrame tiers = sluice.table("prices").where("min_qty = 1");
    DataFrame query = sluice.table("orders").join(tiers, List.of("item"), "left");
    assertThat(query.schema().names())
        .containsExactly("item", "order_id", "qty", "ts", "min_qty", "unit_price");
    StreamTest.of(sluice, query.select("order_id", "item", "unit_price"), checkpoint)
        .run(
            addData(orders, order(1, "pen", 5, null), order(2, "nib", 1, null)),
            checkNewOutput(Row.of(1L, "pen", 10L), Row.of(2L, "nib", null)));
    assertThatThrownBy(() -> sluice.table("orders").join(tiers, List.of("itm"), "left"))
        .hasMessageContaining("unknown column 'itm'");
    assertThatThrownBy(() -> sluice.table("orders").join(tiers, List.of("item"), "cross"))
        .hasMessageContaining("unknown join type 'cross'");
  }
}
