package dev.sluice.execution.operator.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.expression.UserFunctions;
import dev.sluice.execution.plan.AggregateCall;
import dev.sluice.execution.plan.AggregateFunction;
import dev.sluice.execution.plan.PartialAggregateSpec;
import dev.sluice.execution.plan.ScanSpec;
import dev.sluice.execution.testing.OperatorHarness;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartialAggregateOperatorTest {
  private static final Schema INPUT =
      Schema.of(
          Field.nullable("key", SqlType.VARBINARY), Field.nullable("payload", SqlType.VARBINARY));

  @Test
  void equalBinaryKeysFoldIntoOneRowThoughTheyAreDistinctArrays() {
    AggregateCall count =
        new AggregateCall(AggregateFunction.COUNT_STAR, -1, null, SqlType.BIGINT, false);
    AggregateCall max =
        new AggregateCall(AggregateFunction.MAX, 1, SqlType.VARBINARY, SqlType.VARBINARY, false);
    Schema partial =
        Schema.of(
            Field.nullable("key", SqlType.VARBINARY),
            Field.notNull("n$count", SqlType.BIGINT),
            Field.nullable("top$value", SqlType.VARBINARY));
    PartialAggregateSpec spec =
        new PartialAggregateSpec(
            new ScanSpec("s", INPUT), List.of(0), List.of(count, max), partial);

    try (OperatorHarness harness =
        new OperatorHarness(new PartialAggregateOperator(spec), INPUT, 10, new UserFunctions())) {
      harness
          .process(
              Row.of(bytes(0x0A), bytes(0x01)),
              Row.of(bytes(0x0B), bytes(0x7F)),
              Row.of(bytes(0x0A), bytes(0x80)),
              Row.of(null, bytes(0x00)),
              Row.of(null, null))
          .endOfInput();

      // MAX compares unsigned: X'80' is above X'01'
      assertThat(harness.output())
          .containsExactly(
              Row.of(bytes(0x0A), 2L, bytes(0x80)),
              Row.of(bytes(0x0B), 1L, bytes(0x7F)),
              Row.of(null, 2L, bytes(0x00)));
    }
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }
}
