package dev.sluice.execution.operator.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.batch.BatchBuilder;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.expression.UserFunctions;
import dev.sluice.execution.operator.OperatorContext;
import dev.sluice.execution.operator.Output;
import dev.sluice.execution.plan.AggregateCall;
import dev.sluice.execution.plan.AggregateFunction;
import dev.sluice.execution.plan.PartialAggregateSpec;
import dev.sluice.execution.plan.ScanSpec;
import dev.sluice.execution.testing.OperatorHarness;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
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

  @Test
  void partialRowsFollowFirstAppearanceAndSplitAtTheBatchBound() {
    Schema input =
        Schema.of(Field.nullable("key", SqlType.VARCHAR), Field.nullable("x", SqlType.INTEGER));
    AggregateCall sum =
        new AggregateCall(AggregateFunction.SUM, 1, SqlType.INTEGER, SqlType.BIGINT, false);
    Schema partial =
        Schema.of(Field.nullable("key", SqlType.VARCHAR), Field.nullable("s$sum", SqlType.BIGINT));
    PartialAggregateSpec spec =
        new PartialAggregateSpec(new ScanSpec("s", input), List.of(0), List.of(sum), partial);
    Row[] rows = new Row[30];
    for (int i = 0; i < rows.length; i++) {
      // keys k24, k23, ..., k0, then k24..k20 again; the last key only ever has NULLs
      int key = i < 25 ? 24 - i : 24 - (i - 25);
      rows[i] = Row.of("k" + key + "ü", key == 0 ? null : i);
    }

    List<List<Row>> emitted = new ArrayList<>();
    try (BufferAllocator allocator = new RootAllocator();
        BatchBuilder builder = new BatchBuilder(input, allocator, rows.length)) {
      PartialAggregateOperator operator = new PartialAggregateOperator(spec);
      operator.open(
          new OperatorContext("partial", allocator, 10, new UserFunctions(), null),
          new Output() {
            @Override
            public void emit(Batch batch) {
              try (batch) {
                emitted.add(batch.toRows());
              }
            }

            @Override
            public void emitWatermark(long watermarkMillis) {}

            @Override
            public void endOfInput() {}
          });
      // one input chunk of 30 rows and 25 keys, more than the 10 rows an output batch may hold
      operator.onBatch(0, builder.addAll(List.of(rows)).build().get(0));
      operator.close();
    }

    assertThat(emitted).extracting(List::size).containsExactly(10, 10, 5);
    List<Row> output = emitted.stream().flatMap(List::stream).toList();
    assertThat(output.get(0)).isEqualTo(Row.of("k24ü", 0L + 25));
    assertThat(output.get(4)).isEqualTo(Row.of("k20ü", 4L + 29));
    assertThat(output.get(5)).isEqualTo(Row.of("k19ü", 5L));
    assertThat(output.get(24)).isEqualTo(Row.of("k0ü", null));
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }
}
