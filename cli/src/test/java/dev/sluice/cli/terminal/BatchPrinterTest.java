package dev.sluice.cli.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Sluice;
import dev.sluice.cli.render.OutputFormat;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchPrinterTest {
  private static final Schema SCHEMA = Schema.of(Field.nullable("n", SqlType.BIGINT));
  private static final long SECOND = 1_000_000_000L;

  private final Sluice sluice = Sluice.builder().parallelism(1).build();
  private final StringWriter text = new StringWriter();
  private final AtomicLong nanos = new AtomicLong();
  private final AtomicInteger limits = new AtomicInteger();

  @AfterEach
  void close() {
    sluice.close();
  }

  private void print(BatchPrinter printer, long batchId, int rows, long afterNanos)
      throws Exception {
    nanos.addAndGet(afterNanos);
    List<Row> data = java.util.stream.LongStream.range(0, rows).mapToObj(Row::of).toList();
    printer.call(sluice.createTable("b" + batchId, SCHEMA, data), batchId);
  }

  private final StringWriter messages = new StringWriter();
  private final List<Integer> erased = new ArrayList<>();
  private Long watermark;

  private BatchPrinter printer(long maxBatches) {
    return printer(maxBatches, OutputFormat.TABLE, null);
  }

  private BatchPrinter printer(long maxBatches, OutputFormat format, BatchPrinter.Redraw redraw) {
    return printer(maxBatches, format, redraw, null);
  }

  private BatchPrinter printer(
      long maxBatches, OutputFormat format, BatchPrinter.Redraw redraw, List<Integer> updateKey) {
    BatchPrinter.Output output =
        new BatchPrinter.Output(
            new PrintWriter(text, true),
            new PrintWriter(messages, true),
            format,
            2,
            redraw,
            updateKey);
    return new BatchPrinter(
        output, maxBatches, " · ", nanos::get, () -> watermark, limits::incrementAndGet);
  }

  @Test
  void printsEachBatchAsATableAndAStatusLine() throws Exception {
    BatchPrinter printer = printer(0);
    print(printer, 0, 3, SECOND / 2);
    print(printer, 1, 0, SECOND);
    print(printer, 2, 1, SECOND);

    assertThat(text.toString())
        .isEqualTo(
            """
            +---+
            |  n|
            +---+
            |  0|
            |  1|
            +---+
            only showing top 2 rows
            batch 0 · 3 rows · 6 rows/s
            batch 1 · 0 rows · 2 rows/s
            +---+
            |  n|
            +---+
            |  0|
            +---+
            batch 2 · 1 row · 2 rows/s
            """);
  }

  @Test
  void theRateCoversOnlyTheLastFewBatches() throws Exception {
    BatchPrinter printer = printer(0);
    print(printer, 0, 1000, 60 * SECOND); // a slow start
    for (int batch = 1; batch <= BatchPrinter.RATE_WINDOW; batch++) {
      print(printer, batch, 100, SECOND);
    }

    assertThat(text.toString()).endsWith("batch 5 · 100 rows · 100 rows/s\n");
  }

  @Test
  void stopsPrintingAtTheLimitAndSaysSoOnce() throws Exception {
    BatchPrinter printer = printer(2);
    print(printer, 0, 1, SECOND);
    print(printer, 1, 1, SECOND);
    print(printer, 2, 1, SECOND);

    assertThat(limits).hasValue(1);
    assertThat(printer.printed()).isEqualTo(2);
    assertThat(text.toString()).contains("batch 1 ").doesNotContain("batch 2 ");
  }

  @Test
  void theStatusLineShowsTheWatermarkOnceThereIsOne() throws Exception {
    BatchPrinter printer = printer(0);
    print(printer, 0, 0, SECOND);
    watermark = 1_767_225_605_000L; // 2026-01-01 00:00:05 UTC
    print(printer, 1, 0, SECOND);

    assertThat(text.toString())
        .isEqualTo(
            """
            batch 0 · 0 rows · 0 rows/s
            batch 1 · 0 rows · 0 rows/s · watermark 2026-01-01 00:00:05.000
            """);
  }

  @Test
  void aRedrawErasesTheLastBatchBeforeTheNext() throws Exception {
    BatchPrinter printer = printer(0, OutputFormat.TABLE, erased::add);
    print(printer, 0, 1, SECOND);
    print(printer, 1, 0, SECOND);
    print(printer, 2, 3, SECOND);

    // 5 table lines and the status line, then a status line alone
    assertThat(erased).containsExactly(6, 1);
  }

  @Test
  void csvRowsGoToTheDataAndStatusLinesToTheMessages() throws Exception {
    BatchPrinter printer = printer(0, OutputFormat.CSV, null);
    print(printer, 0, 2, SECOND);
    print(printer, 1, 1, SECOND);

    assertThat(text.toString()).isEqualTo("batch_id,n\n0,0\n0,1\n1,0\n");
    assertThat(messages.toString()).contains("batch 0 · 2 rows").contains("batch 1 · 1 row");
  }

  @Test
  void jsonRowsCarryTheirBatch() throws Exception {
    BatchPrinter printer = printer(0, OutputFormat.JSON, null);
    print(printer, 4, 1, SECOND);

    assertThat(text.toString()).isEqualTo("{\"batch_id\":4,\"n\":0}\n");
  }

  private static final Schema GROUPS =
      Schema.of(Field.nullable("k", SqlType.VARCHAR), Field.nullable("n", SqlType.BIGINT));

  private void printGroups(BatchPrinter printer, long batchId, Row... rows) throws Exception {
    nanos.addAndGet(SECOND);
    printer.call(sluice.createTable("g" + batchId, GROUPS, List.of(rows)), batchId);
  }

  /** What the screen shows after the last batch, when each batch erases the one before. */
  private String screen() {
    String all = text.toString();
    int lastStatus = all.lastIndexOf("\nbatch ", all.length() - 2);
    int statusBefore = all.lastIndexOf("\nbatch ", lastStatus - 1);
    return statusBefore < 0 ? all : all.substring(all.indexOf('\n', statusBefore + 1) + 1);
  }

  @Test
  void anUpdateModeResultShowsEachKeysLatestRowInKeyOrder() throws Exception {
    BatchPrinter printer = printer(0, OutputFormat.TABLE, erased::add, List.of(0));
    printGroups(printer, 0, Row.of("b", 1L), Row.of("a", 1L));
    printGroups(printer, 1, Row.of("b", 2L));

    assertThat(screen())
        .isEqualTo(
            """
            +---+---+
            |  k|  n|
            +---+---+
            |  a|  1|
            |  b|  2|
            +---+---+
            batch 1 · 1 row changed · 2 rows/s
            """);
    assertThat(erased).containsExactly(7);
  }

  @Test
  void aFullUpdateModeTableDropsTheRowChangedLongestAgoAndSaysSo() throws Exception {
    BatchPrinter printer = printer(0, OutputFormat.TABLE, erased::add, List.of(0));
    printGroups(printer, 0, Row.of("a", 1L), Row.of("b", 1L));
    printGroups(printer, 1, Row.of("c", 1L), Row.of("a", 2L));
    printGroups(printer, 2, Row.of("d", 1L));

    assertThat(screen())
        .isEqualTo(
            """
            +---+---+
            |  k|  n|
            +---+---+
            |  a|  2|
            |  d|  1|
            +---+---+
            the 2 most recently changed rows; rows changed longer ago are not shown
            batch 2 · 1 row changed · 2 rows/s
            """);
  }

  @Test
  void aGlobalAggregationsUpdatesReplaceItsOneRow() throws Exception {
    BatchPrinter printer = printer(0, OutputFormat.TABLE, erased::add, List.of());
    printGroups(printer, 0, Row.of(null, 1L));
    printGroups(printer, 1, Row.of(null, 5L));

    assertThat(screen()).contains("|NULL|  5|").doesNotContain("|  1|");
  }

  @Test
  void csvOutputOfAnUpdateModeQueryStaysOneLinePerChangedRow() throws Exception {
    BatchPrinter printer = printer(0, OutputFormat.CSV, null, List.of(0));
    printGroups(printer, 0, Row.of("a", 1L));
    printGroups(printer, 1, Row.of("a", 2L));

    assertThat(text.toString()).isEqualTo("batch_id,k,n\n0,a,1\n1,a,2\n");
  }
}
