package dev.sluice.api;

import static dev.sluice.api.testing.StreamTest.addData;
import static dev.sluice.api.testing.StreamTest.checkResultTable;
import static dev.sluice.api.testing.StreamTest.startStream;
import static dev.sluice.api.testing.StreamTest.stopStream;

import dev.sluice.api.testing.StreamTest;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.connector.memory.MemoryStream;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every aggregate function over every type it takes, in every output mode that runs an aggregation,
 * with forced chunk sizes of 1 and 3 rows: NULL values and a NULL key, a batch whose rows are all
 * filtered out, and a restart in the middle. After each step the result table a consumer of the
 * sink rebuilds (see {@link StreamTest#checkResultTable}) must equal the same query run once over
 * all rows added so far.
 */
class AggregateModesMatrixTest {
  private static final Schema EVENTS =
      Schema.of(
          Field.nullable("k", SqlType.VARCHAR),
          Field.nullable("i", SqlType.INTEGER),
          Field.nullable("l", SqlType.BIGINT),
          Field.nullable("d", SqlType.DOUBLE),
          Field.nullable("m", SqlType.decimal(9, 2)),
          Field.nullable("s", SqlType.VARCHAR),
          Field.nullable("dt", SqlType.DATE),
          Field.nullable("ts", SqlType.TIMESTAMP));

  private static final String AGGREGATES =
      "SELECT k, COUNT(*) AS n, COUNT(l) AS nl, SUM(i) AS si, SUM(l) AS sl, SUM(d) AS sd,"
          + " SUM(m) AS sm, AVG(i) AS ai, AVG(d) AS ad, AVG(m) AS am, MIN(l) AS minl, MAX(d) AS maxd,"
          + " MIN(m) AS minm, MAX(s) AS maxs, MIN(s) AS mins, MIN(dt) AS mindt, MAX(ts) AS maxts,"
          + " COUNT(DISTINCT s) AS ds, SUM(DISTINCT i) AS sdi, APPROX_COUNT_DISTINCT(l) AS al"
          + " FROM %s WHERE l IS NULL OR l >= 0 GROUP BY k";

  @TempDir Path checkpoint;

  static List<Arguments> modesAndChunks() {
    List<Arguments> cases = new ArrayList<>();
    for (OutputMode mode : List.of(OutputMode.UPDATE, OutputMode.COMPLETE, OutputMode.CHANGELOG)) {
      for (int chunk : List.of(1, 3)) {
        cases.add(Arguments.of(mode, chunk));
      }
    }
    return cases;
  }

  private static Row event(
      String k, Integer i, Long l, Double d, String m, String s, Integer day, Long tsMillis) {
    return Row.of(
        k,
        i,
        l,
        d,
        m == null ? null : new BigDecimal(m),
        s,
        day == null ? null : LocalDate.of(2026, 1, day),
        tsMillis == null
            ? null
            : LocalDateTime.of(2026, 1, 1, 0, 0).plusNanos(tsMillis * 1_000_000));
  }

  @ParameterizedTest(name = "{0} mode, {1}-row chunks")
  @MethodSource("modesAndChunks")
  void everyAggregateMatchesTheOneOffResultAfterEveryStep(OutputMode mode, int chunk) {
    try (Sluice sluice = Sluice.builder().maxRowsPerBatch(chunk).parallelism(2).build()) {
      MemoryStream events = sluice.memoryStream("events", EVENTS);
      List<Row> added = new ArrayList<>();
      Supplier<List<Row>> oneOff =
          () -> {
            sluice.createTable("so_far", EVENTS, added);
            return sluice.sql(String.format(AGGREGATES, "so_far")).collectAsList();
          };
      List<Row> first =
          List.of(
              event("a", 1, 10L, 1.5, "1.25", "x", 3, 1000L),
              event("a", 2, 20L, null, "2.50", "y", 1, 5000L),
              event("b", null, null, null, null, null, null, null),
              event(null, 4, 7L, -2.0, "0.10", "x", 2, 2000L),
              event("a", 1, 10L, 0.25, null, "x", null, null));
      List<Row> filteredOut = List.of(event("a", 9, -1L, 9.0, "9.00", "z", 9, 9000L));
      List<Row> afterRestart =
          List.of(
              event("b", 3, 5L, 4.0, "3.00", "w", 5, 3000L),
              event("a", 2, 30L, 8.5, "-1.00", "a", 7, 500L),
              event(null, null, null, null, null, null, null, null));
      List<Row> last =
          List.of(
              event("c", 1, 1L, 1.0, "1.00", "c", 1, 1L),
              event("b", 3, 5L, 4.0, "3.00", "w", 5, 3000L));
      StreamTest.of(sluice, sluice.sql(String.format(AGGREGATES, "events")), checkpoint)
          .outputMode(mode)
          .run(
              addAndRemember(events, added, first),
              checkResultTable(1, oneOff),
              addAndRemember(events, added, filteredOut),
              checkResultTable(1, oneOff),
              stopStream(),
              addAndRemember(events, added, afterRestart),
              startStream(),
              checkResultTable(1, oneOff),
              addAndRemember(events, added, last),
              checkResultTable(1, oneOff));
    }
  }

  private static StreamTest.Action addAndRemember(
      MemoryStream stream, List<Row> added, List<Row> rows) {
    StreamTest.Action add = addData(stream, rows.toArray(Row[]::new));
    return test -> {
      add.run(test);
      added.addAll(rows);
    };
  }
}
