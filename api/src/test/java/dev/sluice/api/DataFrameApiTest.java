package dev.sluice.api;

import static dev.sluice.api.functions.callUdf;
import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.expr;
import static dev.sluice.api.functions.lit;
import static dev.sluice.api.functions.split;
import static dev.sluice.api.functions.upper;
import static dev.sluice.api.testing.StreamTest.addData;
import static dev.sluice.api.testing.StreamTest.checkAnswer;
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
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFrameApiTest {
  private static final Schema BID =
      Schema.of(
          Field.nullable("auction", SqlType.BIGINT),
          Field.nullable("price", SqlType.BIGINT),
          Field.nullable("url", SqlType.VARCHAR));

  @TempDir Path checkpoint;
  private final Sluice sluice = Sluice.builder().maxRowsPerBatch(2).parallelism(2).build();

  @AfterEach
  void close() {
    sluice.close();
  }

  @Test
  void columnOperationsMatchTheirSqlTwin() {
    MemoryStream bids = sluice.memoryStream("bids", BID);
    DataFrame frame =
        sluice
            .table("bids")
            .where(col("price").gt(10).and(col("url").isNotNull()))
            .withColumn("euros", col("price").multiply(lit(new BigDecimal("0.908"))))
            .withColumn("host", upper(col("url")))
            .withColumnRenamed("auction", "id")
            .drop("url", "price");
    DataFrame sql =
        sluice.sql(
            "SELECT auction AS id, price * 0.908 AS euros, UPPER(url) AS host FROM bids WHERE price > 10 AND url IS NOT NULL");
    assertThat(frame.columns()).containsExactly("id", "euros", "host");
    Row[] expected = {
      Row.of(1L, new BigDecimal("18.160"), "A"), Row.of(3L, new BigDecimal("27.240"), "C")
    };
    Row[] input = {
      Row.of(1L, 20L, "a"), Row.of(2L, 5L, "b"), Row.of(3L, 30L, "c"), Row.of(4L, 40L, null)
    };
    StreamTest.of(sluice, frame, checkpoint.resolve("df"))
        .run(addData(bids, input), checkAnswer(expected));
    StreamTest.of(sluice, sql, checkpoint.resolve("sql")).run(checkAnswer(expected));
  }

  @Test
  void selectExprWhereStringAndExprMixWithTempViews() {
    MemoryStream bids = sluice.memoryStream("bids", BID);
    sluice
        .table("bids")
        .selectExpr("auction", "price * 2 AS doubled")
        .where("doubled > 10")
        .createOrReplaceTempView("doubled_bids");
    DataFrame query =
        sluice
            .sql("SELECT auction FROM doubled_bids WHERE auction < 3")
            .select(col("auction"), expr("auction + 100").as("shifted"));
    StreamTest.of(sluice, query, checkpoint)
        .run(
            addData(bids, Row.of(1L, 6L, "x"), Row.of(2L, 5L, "y"), Row.of(5L, 50L, "z")),
            checkAnswer(Row.of(1L, 101L)));
  }

  @Test
  void unionOfDataFrames() {
    MemoryStream a = sluice.memoryStream("a", BID);
    MemoryStream b = sluice.memoryStream("b", BID);
    DataFrame union = sluice.table("a").select("auction").union(sluice.table("b").select("price"));
    StreamTest.of(sluice, union, checkpoint)
        .run(
            addData(a, Row.of(1L, 2L, "u")),
            addData(b, Row.of(3L, 4L, "v")),
            checkAnswer(Row.of(1L), Row.of(4L)));
  }

  @Test
  void udfsWorkFromSqlAndDataFrames() {
    MemoryStream bids = sluice.memoryStream("bids", BID);
    sluice
        .udf()
        .register(
            "domain",
            (String url) -> url.substring(url.indexOf('.') + 1),
            SqlType.VARCHAR,
            SqlType.VARCHAR);
    sluice
        .udf()
        .register(
            "bump",
            (Long price, Long by) -> price == null ? null : price + by,
            SqlType.BIGINT,
            SqlType.BIGINT,
            SqlType.BIGINT);
    DataFrame sql = sluice.sql("SELECT domain(url) AS d, bump(price, 1) AS p FROM bids");
    DataFrame frame =
        sluice
            .table("bids")
            .select(
                callUdf("domain", col("url")).as("d"),
                callUdf("bump", col("price"), lit(1L)).as("p"));
    Row[] expected = {Row.of("example.com", 11L), Row.of("org", null)};
    StreamTest.of(sluice, sql, checkpoint.resolve("sql"))
        .run(
            addData(bids, Row.of(1L, 10L, "www.example.com"), Row.of(2L, null, "a.org")),
            checkAnswer(expected));
    StreamTest.of(sluice, frame, checkpoint.resolve("df")).run(checkAnswer(expected));
  }

  @Test
  void aFailingUdfNamesItselfAndTheArguments() {
    MemoryStream bids = sluice.memoryStream("bids", BID);
    sluice
        .udf()
        .register(
            "boom",
            (String url) -> {
              throw new IllegalStateException("no " + url);
            },
            SqlType.VARCHAR,
            SqlType.VARCHAR);
    bids.addData(Row.of(1L, 1L, "x"));
    var query =
        sluice
            .sql("SELECT boom(url) FROM bids")
            .writeStream()
            .format("memory")
            .queryName("boom_q")
            .start();
    assertThatThrownBy(query::awaitTermination)
        .hasMessageContaining("user function boom failed on arguments [x]")
        .hasMessageContaining("no x");
  }

  @Test
  void typedMapFlatMapAndFilterRunJavaLambdas() {
    MemoryStream lines =
        sluice.memoryStream("lines", Schema.of(Field.nullable("line", SqlType.VARCHAR)));
    Schema words = Schema.of(Field.nullable("word", SqlType.VARCHAR));
    Schema counted =
        Schema.of(
            Field.nullable("word", SqlType.VARCHAR), Field.nullable("length", SqlType.INTEGER));
    DataFrame query =
        sluice
            .table("lines")
            .flatMap(row -> splitWords(row.getString(0)), words)
            .filter(row -> !row.getString(0).isEmpty())
            .map(row -> Row.of(row.getString(0), row.getString(0).length()), counted)
            .where("length > 1");
    StreamTest.of(sluice, query, checkpoint)
        .run(
            addData(lines, Row.of("to be or  not"), Row.of("a b")),
            checkNewOutput(Row.of("to", 2), Row.of("be", 2), Row.of("or", 2), Row.of("not", 3)),
            stopStream(),
            addData(lines, Row.of("again")),
            startStream(),
            checkNewOutput(Row.of("again", 5)));
  }

  @Test
  void splitAndSqlUnnestMakeTheSeedsWordCountInput() {
    MemoryStream lines =
        sluice.memoryStream("lines", Schema.of(Field.nullable("line", SqlType.VARCHAR)));
    sluice
        .table("lines")
        .select(split(col("line"), " ").as("words"))
        .createOrReplaceTempView("split_lines");
    DataFrame words = sluice.sql("SELECT w FROM split_lines CROSS JOIN UNNEST(words) AS t(w)");
    StreamTest.of(sluice, words, checkpoint)
        .run(
            addData(lines, Row.of("a b"), Row.of("c")),
            checkAnswer(Row.of("a"), Row.of("b"), Row.of("c")));
  }

  @Test
  void explainStateSaysWhatBoundsEachOperatorInTheWritersMode() {
    sluice.memoryStream("bids", BID);
    DataFrame perAuction = sluice.table("bids").groupBy("auction").count();

    assertThat(perAuction.explainString("state"))
        .contains("aggregate-0: grouped aggregation")
        .contains("key:        auction")
        .contains("bounded by: nothing: one entry per distinct key")
        .contains("emits:      update: the groups each batch changed");
    assertThat(
            perAuction
                .writeStream()
                .outputMode(OutputMode.CHANGELOG)
                .option("stateTtl", "10 minutes")
                .explainString("state"))
        .contains("bounded by: state TTL 10 min")
        .contains("emits:      changelog: +I for a new group");
    assertThat(sluice.table("bids").select(col("price")).explainString("state"))
        .contains("no stateful operator");
    assertThatThrownBy(() -> perAuction.writeStream().explainString("state"))
        .isInstanceOfSatisfying(
            SluiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_OUTPUT_MODE));
  }

  @Test
  void keyColumnsNameWhatAnUpdateModeSinkUpsertsOn() {
    sluice.memoryStream("bids", BID);
    DataFrame counts = sluice.table("bids").groupBy("url", "auction").count();

    assertThat(counts.keyColumns().orElseThrow()).containsExactlyInAnyOrder("url", "auction");
    assertThat(counts.select("url", "count").keyColumns()).isEmpty();
    assertThat(sluice.table("bids").keyColumns()).isEmpty();
  }

  @Test
  void unknownColumnsAreReportedWithASuggestion() {
    sluice.memoryStream("bids", BID);
    assertThatThrownBy(() -> sluice.table("bids").select(col("prise")))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_COLUMN))
        .hasMessageContaining("Did you mean 'price'?");
    assertThatThrownBy(() -> sluice.table("bids").where("prize > 1"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_COLUMN));
  }

  @Test
  void schemaExplainAndPrintSchema() {
    sluice.memoryStream("bids", BID);
    DataFrame frame = sluice.table("bids").selectExpr("auction", "price * 0.908 AS euros");
    assertThat(frame.schema().toString()).isEqualTo("(auction BIGINT, euros DECIMAL(23, 3))");
    assertThat(frame.isStreaming()).isTrue();
    assertThat(frame.explainString())
        .contains("== Physical plan ==")
        .contains("\nCalc[")
        .contains("\n  Scan[sourceId=bids");
  }

  private static List<Row> splitWords(String line) {
    List<Row> rows = new ArrayList<>();
    for (String word : line.split(" ", -1)) {
      rows.add(Row.of(word));
    }
    return rows;
  }
}
