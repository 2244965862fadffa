package dev.sluice.planner.calcite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.execution.connector.EmitPolicy;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmitClauseTest {
  @Test
  void theThreeFormsAreSplitOffTheEndOfTheQuery() {
    assertThat(EmitClause.split("SELECT 1 FROM t EMIT ON WINDOW CLOSE"))
        .isEqualTo(
            new EmitClause.Split(
                "SELECT 1 FROM t ", java.util.Optional.of(EmitPolicy.onWindowClose())));
    assertThat(EmitClause.split("select 1 from t\n  emit   changes ;").emit())
        .contains(EmitPolicy.changes());
    assertThat(EmitClause.split("SELECT 1 FROM t EMIT EVERY INTERVAL '10' SECOND").emit())
        .contains(EmitPolicy.every(Duration.ofSeconds(10)));
    assertThat(EmitClause.split("SELECT 1 FROM t EMIT EVERY INTERVAL '250' MILLISECONDS").emit())
        .contains(EmitPolicy.every(Duration.ofMillis(250)));
  }

  @Test
  void emitInsideLiteralsCommentsOrNamesIsNotAClause() {
    String query =
        "SELECT 'EMIT CHANGES' AS \"emit\", emitter FROM t -- EMIT CHANGES\n/* EMIT ON */ WHERE x = 1";
    assertThat(EmitClause.split(query))
        .isEqualTo(new EmitClause.Split(query, java.util.Optional.empty()));
  }

  @Test
  void aBadClauseIsASyntaxErrorAtItsPosition() {
    assertThatThrownBy(() -> EmitClause.split("SELECT a\nFROM t EMIT WHEN READY"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SYNTAX_ERROR))
        .hasMessageContaining("line 2, column 8")
        .hasMessageContaining("ON WINDOW CLOSE, CHANGES or EVERY INTERVAL");
    assertThatThrownBy(() -> EmitClause.split("SELECT a FROM t EMIT CHANGES WHERE a = 1"))
        .hasMessageContaining("end the query");
    assertThatThrownBy(() -> EmitClause.split("SELECT a FROM t EMIT EVERY INTERVAL '0' SECOND"))
        .isInstanceOfSatisfying(
            SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("positive interval");
  }
}
