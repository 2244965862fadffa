package dev.sluice.execution.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.expression.Call;
import dev.sluice.execution.expression.ColumnRef;
import dev.sluice.execution.expression.Function;
import dev.sluice.execution.expression.Literal;
import dev.sluice.execution.expression.UserFunctions;
import dev.sluice.execution.operator.stateless.CalcOperator;
import dev.sluice.execution.operator.stateless.RowFunctionOperator;
import dev.sluice.execution.operator.stateless.UnnestOperator;
import dev.sluice.execution.plan.CalcSpec;
import dev.sluice.execution.plan.RowFunctionSpec;
import dev.sluice.execution.plan.ScanSpec;
import dev.sluice.execution.plan.UnnestSpec;
import dev.sluice.execution.testing.OperatorHarness;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatelessOperatorsTest {
  private static final Schema INPUT =
      Schema.of(
          Field.nullable("id", SqlType.BIGINT),
          Field.nullable("name", SqlType.VARCHAR),
          Field.nullable("tags", SqlType.array(SqlType.VARCHAR)));
  private static final ScanSpec SCAN = new ScanSpec("s", INPUT);
  private static final ColumnRef ID = new ColumnRef(0, SqlType.BIGINT);
  private static final ColumnRef NAME = new ColumnRef(1, SqlType.VARCHAR);

  private static final Row[] ROWS = {
    Row.of(1L, "a", Arrays.asList("x", "y")),
    Row.of(2L, null, null),
    Row.of(3L, "c", List.of()),
    Row.of(4L, "d", Arrays.asList("z", null))
  };

  @Test
  void withoutAConditionBareColumnsAreHandedOverAndOthersComputed() {
    var upper = Call.of(Function.UPPER, SqlType.VARCHAR, NAME);
    var plusOne = Call.of(Function.PLUS, SqlType.BIGINT, ID, new Literal(1L, SqlType.BIGINT));
    Schema out =
        Schema.of(
            Field.nullable("name", SqlType.VARCHAR),
            Field.nullable("upper", SqlType.VARCHAR),
            Field.nullable("id", SqlType.BIGINT),
            Field.nullable("id2", SqlType.BIGINT),
            Field.nullable("next", SqlType.BIGINT));
    CalcSpec spec = new CalcSpec(SCAN, null, List.of(NAME, upper, ID, ID, plusOne), out);
    try (OperatorHarness harness =
        new OperatorHarness(new CalcOperator(spec), INPUT, 3, new UserFunctions())) {
      harness.process(ROWS).watermark(7).endOfInput();
      assertThat(harness.output())
          .containsExactly(
              Row.of("a", "A", 1L, 1L, 2L),
              Row.of(null, null, 2L, 2L, 3L),
              Row.of("c", "C", 3L, 3L, 4L),
              Row.of("d", "D", 4L, 4L, 5L));
      assertThat(harness.outputBatches()).extracting(List::size).containsExactly(3, 1);
      assertThat(harness.watermarks()).containsExactly(7L);
      assertThat(harness.endsOfInput()).isEqualTo(1);
    }
  }

  @Test
  void withAConditionBareColumnsAreCopiedForTheSelectedRowsOnly() {
    var notTwo = Call.of(Function.NOT_EQUALS, SqlType.BOOLEAN, ID, new Literal(2L, SqlType.BIGINT));
    Schema out =
        Schema.of(
            Field.nullable("name", SqlType.VARCHAR),
            Field.nullable("tags", SqlType.array(SqlType.VARCHAR)));
    CalcSpec spec =
        new CalcSpec(
            SCAN, notTwo, List.of(NAME, new ColumnRef(2, SqlType.array(SqlType.VARCHAR))), out);
    try (OperatorHarness harness =
        new OperatorHarness(new CalcOperator(spec), INPUT, 10, new UserFunctions())) {
      harness.process(ROWS);
      assertThat(harness.output())
          .containsExactly(
              Row.of("a", Arrays.asList("x", "y")),
              Row.of("c", List.of()),
              Row.of("d", Arrays.asList("z", null)));
    }
  }

  @Test
  void unnestRepeatsTheRowPerElementAndCutsBatchesAtTheChunkSize() {
    Schema out =
        Schema.of(
            INPUT.field(0), INPUT.field(1), INPUT.field(2), Field.nullable("tag", SqlType.VARCHAR));
    try (OperatorHarness harness =
        new OperatorHarness(
            new UnnestOperator(new UnnestSpec(SCAN, 2, out)), INPUT, 2, new UserFunctions())) {
      harness.process(ROWS);
      assertThat(harness.output())
          .extracting(r -> r.get(0) + ":" + r.get(3))
          .containsExactly("1:x", "1:y", "4:z", "4:null");
      assertThat(harness.outputBatches())
          .allSatisfy(batch -> assertThat(batch.size()).isLessThanOrEqualTo(2));
    }
  }

  @Test
  void rowFunctionsEmitZeroOrMoreRows() {
    UserFunctions functions = new UserFunctions();
    functions.registerRowFunction(
        "twice-odd",
        (row, out) -> {
          if (row.getLong(0) % 2 == 1) {
            out.accept(Row.of(row.getLong(0)));
            out.accept(Row.of(-row.getLong(0)));
          }
        });
    Schema out = Schema.of(Field.nullable("n", SqlType.BIGINT));
    try (OperatorHarness harness =
        new OperatorHarness(
            new RowFunctionOperator(new RowFunctionSpec(SCAN, "twice-odd", out)),
            INPUT,
            3,
            functions)) {
      harness.process(ROWS);
      assertThat(harness.output())
          .containsExactly(Row.of(1L), Row.of(-1L), Row.of(3L), Row.of(-3L));
    }
  }
}
