package dev.sluice.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.execution.connector.Source;
import dev.sluice.execution.connector.memory.MemoryStream;
import dev.sluice.execution.driver.Clock;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.plan.AggregateSpec;
import dev.sluice.execution.plan.PlanSpec;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.CatalogEntry;
import dev.sluice.planner.catalog.SourceFactory;
import dev.sluice.planner.catalog.WatermarkDeclaration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@code SELECT /*+ STATE_TTL('1 hour') *}{@code / ...} sets its aggregation's state TTL. */
class StateTtlHintTest {
  private static final Schema CLICKS =
      Schema.of(
          Field.nullable("user_id", SqlType.VARCHAR),
          Field.nullable("page", SqlType.VARCHAR),
          Field.nullable("ts", SqlType.TIMESTAMP));

  private final Catalog catalog = new Catalog();
  private final SluicePlanner planner = new SluicePlanner(catalog);

  StateTtlHintTest() {
    catalog.register(
        CatalogEntry.stream(
                "clicks",
                CLICKS,
                new SourceFactory() {
                  @Override
                  public Source create(Clock clock) {
                    return new MemoryStream("clicks", CLICKS, 1);
                  }

                  @Override
                  public String description() {
                    return "memory(clicks)";
                  }
                })
            .withWatermark(WatermarkDeclaration.parse("WATERMARK FOR ts AS ts", CLICKS)),
        false);
  }

  /** Each aggregation's state TTL in milliseconds, by operator id. */
  private Map<String, Long> ttls(String sql) {
    Map<String, Long> ttls = new TreeMap<>();
    collect(planner.plan(sql).spec().root(), ttls);
    return ttls;
  }

  private static void collect(PlanSpec spec, Map<String, Long> into) {
    if (spec instanceof AggregateSpec aggregate) {
      into.put(aggregate.operatorId(), aggregate.stateTtlMillis());
    }
    spec.inputs().forEach(input -> collect(input, into));
  }

  @Test
  void theHintSetsTheTtlOfItsSelectsAggregation() {
    assertThat(
            ttls(
                "SELECT /*+ STATE_TTL('1 hour') */ user_id, COUNT(*) AS n FROM clicks"
                    + " GROUP BY user_id"))
        .containsExactly(Map.entry("aggregate-0", 3_600_000L));
    assertThat(ttls("SELECT user_id, COUNT(*) AS n FROM clicks GROUP BY user_id"))
        .containsExactly(Map.entry("aggregate-0", 0L));
  }

  @Test
  void aHintOnAnAggregationTheWatermarkBoundsIsRefused() {
    String windows =
        "SELECT /*+ STATE_TTL('10 minutes') */ user_id, window_end, COUNT(*) AS n FROM"
            + " TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
            + " GROUP BY user_id, window_start, window_end";
    assertThatThrownBy(() -> planner.plan(windows))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION))
        .hasMessageContaining("STATE_TTL('10 minutes') is on an aggregation that groups by windows")
        .hasMessageContaining("remove the hint");
    // Also below another aggregation carrying a hint of its own.
    assertThatThrownBy(
            () ->
                planner.plan(
                    "SELECT /*+ STATE_TTL('2 hours') */ user_id, MAX(n) AS top FROM ("
                        + windows
                        + ") GROUP BY user_id"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION))
        .hasMessageContaining(
            "STATE_TTL('10 minutes') is on an aggregation that groups by windows");
  }

  @Test
  void aWindowClosedByTheWatermarkIgnoresAHintFromAbove() {
    String windows =
        "SELECT user_id, window_end, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE clicks,"
            + " DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY user_id, window_start, window_end";
    assertThat(
            ttls(
                "SELECT /*+ STATE_TTL('1 day') */ user_id, SUM(n) AS total FROM ("
                    + windows
                    + ") GROUP BY user_id"))
        .containsExactly(Map.entry("aggregate-0", 0L), Map.entry("aggregate-1", 86_400_000L));
  }

  @Test
  void badHintsAreRefusedWithTheirPositionAndTheFix() {
    assertThatThrownBy(
            () ->
                planner.plan(
                    "SELECT /*+ STATE_TL('1 hour') */ user_id, COUNT(*) FROM clicks"
                        + " GROUP BY user_id"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SYNTAX_ERROR))
        .hasMessageContaining("unknown hint STATE_TL at line 1, column 8")
        .hasMessageContaining("STATE_TTL('1 hour')");
    assertThatThrownBy(
            () ->
                planner.plan(
                    "SELECT /*+ STATE_TTL('forever') */ user_id, COUNT(*) FROM clicks"
                        + " GROUP BY user_id"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION))
        .hasMessageContaining("STATE_TTL('forever') at line 1, column 8")
        .hasMessageContaining("needs one positive duration in quotes");
    assertThatThrownBy(
            () ->
                planner.plan(
                    "SELECT /*+ STATE_TTL */ user_id, COUNT(*) FROM clicks GROUP BY user_id"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION))
        .hasMessageContaining("needs one positive duration");
    assertThatThrownBy(() -> planner.plan("SELECT /*+ STATE_TTL('1 hour') */ user_id FROM clicks"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION))
        .hasMessageContaining("has no GROUP BY or aggregate function");
  }
}
