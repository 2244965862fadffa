package dev.sluice.execution.operator.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.execution.plan.AggregateCall;
import dev.sluice.execution.plan.AggregateFunction;
import dev.sluice.execution.type.SqlType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sessions with a gap of 10 counting their rows and summing their times. */
class SessionMergerTest {
  private static final List<AggregateCall> CALLS =
      List.of(
          new AggregateCall(AggregateFunction.COUNT_STAR, -1, null, SqlType.BIGINT, false),
          new AggregateCall(AggregateFunction.SUM, 0, SqlType.BIGINT, SqlType.BIGINT, false));
  private final SessionMerger merger = new SessionMerger(CALLS, 10);
  private final List<Session> sessions = new ArrayList<>();

  private void add(long... times) {
    for (long time : times) {
      Session session = merger.add(sessions, time);
      Aggregates.accumulate(CALLS.get(0), session.states[0], null);
      Aggregates.accumulate(CALLS.get(1), session.states[1], time);
    }
  }

  /** Each session as "[start, end) count sum". */
  private List<String> described() {
    return sessions.stream()
        .map(
            s ->
                "["
                    + s.start
                    + ", "
                    + s.end
                    + ") "
                    + Aggregates.result(CALLS.get(0), s.states[0])
                    + " "
                    + Aggregates.result(CALLS.get(1), s.states[1]))
        .toList();
  }

  @Test
  void rowsLessThanTheGapApartFormOneSessionFromTheFirstRowToTheLastPlusTheGap() {
    add(100, 105, 114);
    assertThat(described()).containsExactly("[100, 124) 3 319");
  }

  @Test
  void aRowExactlyTheGapAfterTheLastStartsANewSessionAndOneJustBeforeJoins() {
    add(100, 110);
    assertThat(described()).containsExactly("[100, 110) 1 100", "[110, 120) 1 110");
    add(109);
    assertThat(described()).containsExactly("[100, 120) 3 319");
  }

  @Test
  void anOutOfOrderRowWithinTheGapOfTwoSessionsMergesThem() {
    add(100, 115, 140, 200);
    assertThat(described()).hasSize(4);
    add(109); // within 10 of 100 and of 115
    assertThat(described())
        .containsExactly("[100, 125) 3 324", "[140, 150) 1 140", "[200, 210) 1 200");
    add(131, 124); // 131 extends [140, 150) backwards; 124 then bridges the two
    assertThat(described()).containsExactly("[100, 150) 6 719", "[200, 210) 1 200");
  }

  @Test
  void aRowBeforeASessionWithinTheGapMovesItsStartAndKeepsItsEnd() {
    add(100);
    add(91);
    assertThat(described()).containsExactly("[91, 110) 2 191");
  }

  @Test
  void theResultDoesNotDependOnTheOrderOfTheRows() {
    add(200, 140, 124, 100, 131, 115, 109);
    assertThat(described()).containsExactly("[100, 150) 6 719", "[200, 210) 1 200");
  }

  @Test
  void reachesAnyTellsWhetherARowTouchesOneOfTheSessions() {
    add(100, 130);
    assertThat(merger.reachesAny(sessions, 95)).isTrue(); // 95 + 10 > 100
    assertThat(merger.reachesAny(sessions, 90)).isFalse(); // 90 + 10 == 100: half-open
    assertThat(merger.reachesAny(sessions, 110)).isFalse(); // the end of [100, 110)
    assertThat(merger.reachesAny(sessions, 139)).isTrue();
  }
}
