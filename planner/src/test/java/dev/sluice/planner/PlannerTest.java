package dev.sluice.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.execution.connector.Source;
import dev.sluice.execution.connector.memory.MemoryStream;
import dev.sluice.execution.driver.Clock;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.plan.CalcSpec;
import dev.sluice.execution.plan.ScanSpec;
import dev.sluice.execution.plan.UnionSpec;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.CatalogEntry;
import dev.sluice.planner.catalog.SourceFactory;
import dev.sluice.planner.physical.PhysicalPlan;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private static final Schema BID =
      Schema.of(
          Field.nullable("auction", SqlType.BIGINT),
          Field.nullable("price", SqlType.BIGINT),
          Field.nullable("date_time", SqlType.TIMESTAMP),
          Field.nullable("url", SqlType.VARCHAR));

  private final Catalog catalog = new Catalog();
  private final SluicePlanner planner = new SluicePlanner(catalog);

  PlannerTest() {
    catalog.register(CatalogEntry.stream("bid", BID, factory("bid")), false);
    catalog.register(
        CatalogEntry.table(
            "lines", Schema.of(Field.nullable("line", SqlType.VARCHAR)), factory("lines")),
        false);
    catalog.register(
        CatalogEntry.stream(
            "packets", Schema.of(Field.nullable("payload", SqlType.VARBINARY)), factory("packets")),
        false);
  }

  private static SourceFactory factory(String name) {
    return new SourceFactory() {
      @Override
      public Source create(Clock clock) {
        return new MemoryStream(name, BID, 1);
      }

      @Override
      public String description() {
        return "memory(" + name + ")";
      }
    };
  }

  @Test
  void filterAndProjectFuseIntoOneCalcOverTheScan() {
    PhysicalPlan plan =
        planner.plan("SELECT auction, price * 0.908 AS euros FROM bid WHERE MOD(auction, 123) = 0");
    assertThat(plan.streaming()).isTrue();
    CalcSpec calc = (CalcSpec) plan.spec().root();
    assertThat(calc.input()).isInstanceOf(ScanSpec.class);
    assertThat(calc.condition()).isNotNull();
    assertThat(plan.schema().names()).containsExactly("auction", "euros");
    assertThat(plan.schema().field(1).type().kind())
        .isEqualTo(dev.sluice.execution.type.TypeKind.DECIMAL);
  }

  @Test
  void anAggregationsResultIsKeyedByTheGroupColumnsWhereverTheQueryPutsThem() {
    PhysicalPlan plan =
        planner.plan(
            "SELECT COUNT(*) AS n, window_end, auction, window_start FROM TABLE(TUMBLE(TABLE bid,"
                + " DESCRIPTOR(date_time), INTERVAL '10' SECOND))"
                + " GROUP BY window_start, window_end, auction");
    assertThat(plan.keyColumns().orElseThrow()).containsExactlyInAnyOrder(1, 2, 3);
  }

  @Test
  void aResultWithoutEveryGroupColumnOrWithoutAggregationHasNoKey() {
    assertThat(
            planner
                .plan(
                    "SELECT window_start, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE bid,"
                        + " DESCRIPTOR(date_time), INTERVAL '10' SECOND))"
                        + " GROUP BY window_start, window_end, auction")
                .keyColumns())
        .isEmpty();
    assertThat(planner.plan("SELECT auction, price FROM bid").keyColumns()).isEmpty();
  }

  @Test
  void sessionWindowsHaveNoKeyBecauseAnUpdateCanMoveTheirStart() {
    PhysicalPlan plan =
        planner.plan(
            "SELECT auction, window_start, window_end, COUNT(*) AS n FROM TABLE(SESSION(TABLE bid"
                + " PARTITION BY auction, DESCRIPTOR(date_time), INTERVAL '10' SECOND))"
                + " GROUP BY auction, window_start, window_end");
    assertThat(plan.keyColumns()).isEmpty();
  }

  @Test
  void aGlobalAggregationIsOneRowKeyedByNoColumn() {
    assertThat(planner.plan("SELECT COUNT(*) AS n, MAX(price) AS top FROM bid").keyColumns())
        .contains(java.util.List.of());
  }

  @Test
  void aGroupColumnComputedOverKeysNoRowUnlessAlsoSelectedAsItIs() {
    assertThat(
            planner
                .plan("SELECT auction + 1 AS later, COUNT(*) AS n FROM bid GROUP BY auction")
                .keyColumns())
        .isEmpty();
    assertThat(
            planner
                .plan(
                    "SELECT auction + 1 AS later, COUNT(*) AS n, auction FROM bid GROUP BY auction")
                .keyColumns())
        .contains(java.util.List.of(2));
  }

  @Test
  void aHopWindowCopiesOnlyTheColumnsTheQueryReads() {
    PhysicalPlan plan =
        planner.plan(
            "SELECT window_start, auction, COUNT(*) AS n FROM TABLE(HOP(TABLE bid,"
                + " DESCRIPTOR(date_time), INTERVAL '2' SECOND, INTERVAL '10' SECOND))"
                + " GROUP BY window_start, window_end, auction");
    dev.sluice.execution.plan.WindowAssignSpec window = find(plan.spec().root());
    // url and price are never read, so they are dropped below the window, not copied 5 times
    assertThat(window.input().schema().names()).containsExactly("auction", "date_time");
    assertThat(window.input().schema().field(window.timeColumn()).name()).isEqualTo("date_time");
    assertThat(window.schema().names())
        .containsExactly("auction", "date_time", "window_start", "window_end", "window_time");
    // grouped by window_start and window_end, HOP is aggregated by 2-second panes, and the
    // partial aggregates of a pane are copied to its 5 windows
    assertThat(window.kind()).isEqualTo(dev.sluice.execution.plan.WindowAssignSpec.Kind.TUMBLE);
    assertThat(window.sizeMillis()).isEqualTo(2_000);
    assertThat(plan.spec().toString()).contains("PaneExpandSpec[").contains("sizeMillis=10000");
  }

  private static dev.sluice.execution.plan.WindowAssignSpec find(
      dev.sluice.execution.plan.PlanSpec spec) {
    if (spec instanceof dev.sluice.execution.plan.WindowAssignSpec window) {
      return window;
    }
    return spec.inputs().stream()
        .map(PlannerTest::find)
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  @Test
  void namesAreCaseInsensitiveAndKeepTheirSpelling() {
    PhysicalPlan plan = planner.plan("select AUCTION, Price from BID");
    assertThat(plan.schema().names()).containsExactly("AUCTION", "Price");
  }

  @Test
  void unnestOfSplitBecomesAnUnnestSpec() {
    PhysicalPlan plan =
        planner.plan("SELECT word FROM lines CROSS JOIN UNNEST(SPLIT(line, ' ')) AS t(word)");
    assertThat(plan.streaming()).isFalse();
    CalcSpec top = (CalcSpec) plan.spec().root();
    assertThat(plan.toString()).contains("UnnestSpec");
    assertThat(plan.schema().names()).containsExactly("word");
    assertThat(top).isNotNull();
  }

  @Test
  void unionAllOfStreams() {
    PhysicalPlan plan = planner.plan("SELECT auction FROM bid UNION ALL SELECT price FROM bid");
    assertThat(plan.spec().root()).isInstanceOf(UnionSpec.class);
    assertThat(plan.spec().sources()).hasSize(1);
  }

  @Test
  void unknownTableSuggestsTheClosestName() {
    assertThatThrownBy(() -> planner.plan("SELECT * FROM bids"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TABLE))
        .hasMessageContaining("'bids'")
        .hasMessageContaining("Did you mean 'bid'?")
        .hasMessageContaining("line 1, column 15");
  }

  @Test
  void unknownColumnSuggestsTheClosestName() {
    assertThatThrownBy(() -> planner.plan("SELECT prise FROM bid"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_COLUMN))
        .hasMessageContaining("Did you mean 'price'?");
  }

  @Test
  void unknownFunctionIsNamed() {
    assertThatThrownBy(() -> planner.plan("SELECT UPPPER(url) FROM bid"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_FUNCTION))
        .hasMessageContaining("UPPPER")
        .hasMessageContaining("Did you mean 'UPPER'?");
  }

  @Test
  void orderByOverAStreamIsRefusedSayingWhy() {
    assertThatThrownBy(() -> planner.plan("SELECT auction FROM bid ORDER BY price"))
        .isInstanceOfSatisfying(
            SluiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_STREAMING_OPERATION))
        .hasMessageContaining("ORDER BY")
        .hasMessageContaining("no last row");
  }

  @Test
  void syntaxErrorsHaveAPosition() {
    assertThatThrownBy(() -> planner.plan("SELECT auction FROM bid WHERE"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SYNTAX_ERROR))
        .hasMessageContaining("line 1, column");
  }

  @Test
  void typeMismatchIsReported() {
    assertThatThrownBy(
            () -> planner.plan("SELECT auction FROM bid WHERE url > DATE '2020-01-01' + 1"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TYPE_MISMATCH));
  }

  @Test
  void fingerprintIsStableAcrossPlanning() {
    String sql = "SELECT auction, UPPER(url) FROM bid WHERE price > 10";
    assertThat(planner.plan(sql).spec().fingerprint())
        .isEqualTo(planner.plan(sql).spec().fingerprint());
    assertThat(planner.plan(sql).spec().fingerprint())
        .isNotEqualTo(planner.plan(sql.replace("10", "11")).spec().fingerprint());
  }

  @Test
  void hiddenNamesResolveButAreNotListed() {
    catalog.register(CatalogEntry.stream("__nexmark_1", BID, factory("hidden")), false);
    assertThat(planner.plan("SELECT price FROM \"__nexmark_1\" WHERE price != 3").streaming())
        .isTrue();
    assertThatThrownBy(() -> planner.plan("SELECT * FROM nope"))
        .hasMessageContaining("Known: bid, lines")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("__nexmark_1"));
  }

  @Test
  void binaryColumnsLiteralsAndCastsAreVarbinary() {
    PhysicalPlan plan =
        planner.plan(
            "SELECT payload, X'0AFF' AS marker, CAST(payload AS VARCHAR) AS text,"
                + " CAST('a' AS BINARY(3)) AS fixed, OCTET_LENGTH(payload) AS size"
                + " FROM packets WHERE payload > X'00'");

    assertThat(plan.schema().fields())
        .extracting(Field::type)
        .containsExactly(
            SqlType.VARBINARY,
            SqlType.VARBINARY,
            SqlType.VARCHAR,
            SqlType.VARBINARY,
            SqlType.INTEGER);
  }

  @Test
  void aBinaryLiteralThatIsNotHexIsASyntaxErrorAtItsPosition() {
    assertThatThrownBy(() -> planner.plan("SELECT X'0AF' FROM packets"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SYNTAX_ERROR))
        .hasMessageContaining("even number of hexits")
        .hasMessageContaining("line 1, column 8");
    assertThatThrownBy(() -> planner.plan("SELECT payload FROM packets WHERE payload = X'0G'"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SYNTAX_ERROR))
        .hasMessageContaining("'0' - '9', 'A' - 'F'")
        .hasMessageContaining("line 1, column 45");
  }

  @Test
  void stringFunctionsOverBinaryAreRefusedWhenPlanned() {
    assertThatThrownBy(() -> planner.plan("SELECT SUBSTRING(payload FROM 1 FOR 2) FROM packets"))
        .isInstanceOfSatisfying(
            SluiceException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FEATURE))
        .hasMessageContaining("SUBSTRING over VARBINARY")
        .hasMessageContaining("CAST the value AS VARCHAR");
  }

  @Test
  void unnamedExpressionsAreNamedAfterTheirText() {
    PhysicalPlan plan =
        planner.plan("SELECT price * 2, UPPER(url), auction, price + 1 AS bumped FROM bid");
    assertThat(plan.schema().names())
        .containsExactly("price * 2", "UPPER(url)", "auction", "bumped");
  }
}
