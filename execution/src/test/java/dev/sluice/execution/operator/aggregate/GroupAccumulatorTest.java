package dev.sluice.execution.operator.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.batch.BatchBuilder;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.plan.AggregateCall;
import dev.sluice.execution.plan.AggregateFunction;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import dev.sluice.state.encoding.BinaryReader;
import dev.sluice.state.encoding.BinaryWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupAccumulatorTest {
  private static final int GROUPS = 7;

  private final BufferAllocator allocator = new RootAllocator();
  private final List<Batch> batches = new ArrayList<>();
  private final Random random = new Random(7);

  @AfterEach
  void closeVectors() {
    batches.forEach(Batch::close);
    allocator.close();
  }

  @Test
  void typedAndBoxedCallsGiveTheStateBytesOfAggregatesThroughPartialsAndMerge() {
    List<AggregateCall> calls =
        List.of(
            call(AggregateFunction.COUNT_STAR, null, SqlType.BIGINT),
            call(AggregateFunction.COUNT, SqlType.INTEGER, SqlType.BIGINT),
            call(AggregateFunction.SUM, SqlType.TINYINT, SqlType.BIGINT),
            call(AggregateFunction.SUM, SqlType.BIGINT, SqlType.BIGINT),
            call(AggregateFunction.SUM, SqlType.FLOAT, SqlType.DOUBLE),
            call(AggregateFunction.SUM, SqlType.DOUBLE, SqlType.DOUBLE),
            call(AggregateFunction.AVG, SqlType.SMALLINT, SqlType.SMALLINT),
            call(AggregateFunction.AVG, SqlType.DOUBLE, SqlType.DOUBLE),
            call(AggregateFunction.SUM, SqlType.decimal(10, 2), SqlType.decimal(38, 2)),
            call(AggregateFunction.MIN, SqlType.VARCHAR, SqlType.VARCHAR),
            call(AggregateFunction.MIN, SqlType.BIGINT, SqlType.BIGINT),
            call(AggregateFunction.MAX, SqlType.BIGINT, SqlType.BIGINT),
            call(AggregateFunction.MAX, SqlType.DOUBLE, SqlType.DOUBLE),
            call(AggregateFunction.APPROX_COUNT_DISTINCT, SqlType.BIGINT, SqlType.BIGINT));
    for (AggregateCall call : calls) {
      checkAgainstAggregates(call);
    }
  }

  @Test
  void nullInputsLeaveSumsAndAveragesNullAndAreCountedOnlyByCountStar() {
    List<Object> nulls = Arrays.asList(null, null, null);
    FieldVector argument = column(SqlType.BIGINT, nulls);

    assertThat(stateAfter(call(AggregateFunction.SUM, SqlType.BIGINT, SqlType.BIGINT), argument))
        .containsExactly((Object) null);
    assertThat(stateAfter(call(AggregateFunction.AVG, SqlType.BIGINT, SqlType.BIGINT), argument))
        .containsExactly(null, 0L);
    assertThat(stateAfter(call(AggregateFunction.COUNT, SqlType.BIGINT, SqlType.BIGINT), argument))
        .containsExactly(0L);
    assertThat(stateAfter(call(AggregateFunction.COUNT_STAR, null, SqlType.BIGINT), argument))
        .containsExactly(3L);
  }

  @Test
  void aSumOfNoValuesIsStoredAsNullAndReadBackAsNull() {
    AggregateCall sum = call(AggregateFunction.SUM, SqlType.BIGINT, SqlType.BIGINT);
    GroupAccumulator empty = GroupAccumulator.of(sum);
    empty.start(0);
    BinaryWriter stored = new BinaryWriter();
    empty.writeStored(stored, sum, 0);
    assertThat(stored.toByteArray()).isEqualTo(encode(sum, new Object[] {null}));
    GroupAccumulator reloaded = GroupAccumulator.of(sum);
    reloaded.start(0);
    reloaded.readStored(new BinaryReader(stored.toByteArray()), sum, 0);
    assertThat(reloaded.state(0)).containsExactly((Object) null);
  }

  @Test
  void integerSumOverflowFailsLikeAggregates() {
    AggregateCall sum = call(AggregateFunction.SUM, SqlType.BIGINT, SqlType.BIGINT);
    SluiceException expected =
        catchThrowableOfType(
            () -> Aggregates.accumulate(sum, new Object[] {Long.MAX_VALUE}, 1L),
            SluiceException.class);
    FieldVector values = column(SqlType.BIGINT, List.of(Long.MAX_VALUE, 1L));
    GroupAccumulator accumulator = GroupAccumulator.of(sum);
    accumulator.start(0);
    accumulator.accumulate(values, 0, 0);

    assertThatThrownBy(() -> accumulator.accumulate(values, 1, 0))
        .isInstanceOf(SluiceException.class)
        .hasMessage("numeric overflow in SUM: 9223372036854775807 + 1")
        .hasMessage(expected.getMessage())
        .satisfies(
            e -> assertThat(((SluiceException) e).code()).isEqualTo(ErrorCode.NUMERIC_OVERFLOW));
    assertThatThrownBy(() -> accumulator.merge(new FieldVector[] {values}, 0, 1, 0))
        .isInstanceOf(SluiceException.class)
        .hasMessage(expected.getMessage());
  }

  /**
   * Three chunks of random values over {@link #GROUPS} groups: each chunk's partial states, their
   * merge, and a load of the merged state must encode to the bytes the boxed path gives.
   */
  private void checkAgainstAggregates(AggregateCall call) {
    SqlType argumentType = call.argumentType() == null ? SqlType.BIGINT : call.argumentType();
    Object[][] expected = new Object[GROUPS][];
    GroupAccumulator merged = GroupAccumulator.of(call);
    for (int g = 0; g < GROUPS; g++) {
      expected[g] = Aggregates.initial(call);
      merged.start(g);
    }
    for (int chunk = 0; chunk < 3; chunk++) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        values.add(random.nextInt(5) == 0 ? null : randomValue(argumentType));
      }
      FieldVector argument = column(argumentType, values);
      GroupAccumulator partial = GroupAccumulator.of(call);
      Object[][] expectedPartial = new Object[GROUPS][];
      for (int g = 0; g < GROUPS; g++) {
        partial.start(g);
        expectedPartial[g] = Aggregates.initial(call);
      }
      int[] groupOfRow = new int[values.size()];
      for (int row = 0; row < values.size(); row++) {
        groupOfRow[row] = random.nextInt(GROUPS);
        Aggregates.accumulate(call, expectedPartial[groupOfRow[row]], values.get(row));
      }
      // every other chunk folded at once, as the partial aggregation does
      if (chunk % 2 == 0) {
        partial.accumulateAll(argument, values.size(), groupOfRow);
      } else {
        for (int row = 0; row < values.size(); row++) {
          partial.accumulate(argument, row, groupOfRow[row]);
        }
      }
      FieldVector[] partialColumns = partialColumns(call, partial);
      for (int g = 0; g < GROUPS; g++) {
        assertThat(encode(call, partial.state(g)))
            .as("%s partial state of group %d", call, g)
            .isEqualTo(encode(call, expectedPartial[g]));
        merged.merge(partialColumns, 0, g, g);
        Aggregates.merge(call, expected[g], Aggregates.partialValues(call, expectedPartial[g]));
      }
    }
    GroupAccumulator loaded = GroupAccumulator.of(call);
    for (int g = 0; g < GROUPS; g++) {
      byte[] expectedBytes = encode(call, expected[g]);
      assertThat(encode(call, merged.state(g)))
          .as("%s merged state of group %d", call, g)
          .isEqualTo(expectedBytes);
      loaded.start(g);
      loaded.load(g, Aggregates.read(new BinaryReader(expectedBytes), call));
      // compared with the boxed read: a sketch read back need not re-encode to the same bytes
      assertThat(encode(call, loaded.state(g)))
          .isEqualTo(encode(call, Aggregates.read(new BinaryReader(expectedBytes), call)));
      assertThat(Aggregates.result(call, merged.state(g)))
          .isEqualTo(Aggregates.result(call, expected[g]));
      // what a state store keeps, written and read by the accumulator itself
      BinaryWriter stored = new BinaryWriter();
      merged.writeStored(stored, call, g);
      assertThat(stored.toByteArray())
          .as("%s stored state of group %d", call, g)
          .isEqualTo(expectedBytes);
      GroupAccumulator reloaded = GroupAccumulator.of(call);
      for (int h = 0; h <= g; h++) {
        reloaded.start(h);
      }
      BinaryReader in = new BinaryReader(expectedBytes);
      reloaded.readStored(in, call, g);
      assertThat(in.position()).isEqualTo(expectedBytes.length);
      assertThat(encode(call, reloaded.state(g)))
          .isEqualTo(encode(call, Aggregates.read(new BinaryReader(expectedBytes), call)));
    }
  }

  private Object[] stateAfter(AggregateCall call, FieldVector argument) {
    GroupAccumulator accumulator = GroupAccumulator.of(call);
    accumulator.start(0);
    for (int row = 0; row < argument.getValueCount(); row++) {
      accumulator.accumulate(argument, row, 0);
    }
    return accumulator.state(0);
  }

  /** Every group's partial state written as one row per group. */
  private FieldVector[] partialColumns(AggregateCall call, GroupAccumulator accumulator) {
    Schema schema = new Schema(call.stateFields("a"));
    List<FieldVector> vectors = Batch.newVectors(schema, allocator);
    vectors.forEach(FieldVector::allocateNew);
    FieldVector[] columns = vectors.toArray(new FieldVector[0]);
    for (int g = 0; g < GROUPS; g++) {
      accumulator.writeState(columns, 0, g, g);
    }
    batches.add(Batch.of(schema, vectors, GROUPS));
    return columns;
  }

  private FieldVector column(SqlType type, List<Object> values) {
    Schema schema = Schema.of(Field.nullable("x", type));
    try (BatchBuilder builder = new BatchBuilder(schema, allocator, values.size())) {
      for (Object value : values) {
        builder.add(Row.of(value));
      }
      Batch batch = builder.build().get(0);
      batches.add(batch);
      return batch.vector(0);
    }
  }

  private static byte[] encode(AggregateCall call, Object[] state) {
    BinaryWriter out = new BinaryWriter();
    Aggregates.write(out, call, state);
    return out.toByteArray();
  }

  private Object randomValue(SqlType type) {
    return switch (type.kind()) {
      case TINYINT -> (byte) random.nextInt();
      case SMALLINT -> (short) random.nextInt();
      case INTEGER -> random.nextInt();
      case BIGINT -> random.nextLong() >> 8;
      // Mixed magnitudes and signs, so the order of additions shows in the last bits
      case FLOAT -> (float) (random.nextGaussian() * Math.pow(10, random.nextInt(12)));
      case DOUBLE ->
          random.nextInt(20) == 0 ? -0d : random.nextGaussian() * Math.pow(10, random.nextInt(20));
      case DECIMAL -> BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, 2);
      case VARCHAR -> Integer.toString(random.nextInt(1000), 36);
      default -> throw new IllegalArgumentException(type.toString());
    };
  }

  private static AggregateCall call(
      AggregateFunction function, SqlType argumentType, SqlType resultType) {
    return new AggregateCall(
        function,
        function == AggregateFunction.COUNT_STAR ? -1 : 0,
        argumentType,
        resultType,
        false);
  }
}
