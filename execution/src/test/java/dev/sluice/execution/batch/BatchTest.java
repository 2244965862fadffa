package dev.sluice.execution.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchTest {
  static final Schema ALL_TYPES =
      Schema.of(
          Field.nullable("b", SqlType.BOOLEAN),
          Field.nullable("t", SqlType.TINYINT),
          Field.nullable("s", SqlType.SMALLINT),
          Field.nullable("i", SqlType.INTEGER),
          Field.nullable("l", SqlType.BIGINT),
          Field.nullable("f", SqlType.FLOAT),
          Field.nullable("d", SqlType.DOUBLE),
          Field.nullable("small", SqlType.decimal(10, 2)),
          Field.nullable("wide", SqlType.decimal(38, 10)),
          Field.nullable("v", SqlType.VARCHAR),
          Field.nullable("bin", SqlType.VARBINARY),
          Field.nullable("date", SqlType.DATE),
          Field.nullable("time", SqlType.TIME),
          Field.nullable("ts", SqlType.TIMESTAMP),
          Field.nullable("dt", SqlType.INTERVAL_DAY_TIME),
          Field.nullable("ym", SqlType.INTERVAL_YEAR_MONTH),
          Field.nullable("arr", SqlType.array(SqlType.BIGINT)));

  static final Row FULL =
      Row.of(
          true,
          (byte) -1,
          (short) 300,
          70_000,
          1L << 40,
          1.5f,
          -2.25,
          new BigDecimal("-12345678.90"),
          new BigDecimal("1234567890123456789012345678.0123456789"),
          "héllo ✓",
          new byte[] {0x0A, (byte) 0xFF, 0},
          LocalDate.of(1969, 7, 20),
          LocalTime.of(23, 59, 59, 999_000_000),
          LocalDateTime.of(1900, 1, 1, 0, 0, 0, 1_000_000),
          Duration.ofDays(2).plusMillis(3),
          Period.ofYears(1).plusMonths(2),
          Arrays.asList(1L, null, 3L));
  static final Row NULLS = Row.of(new Object[ALL_TYPES.size()]);

  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void noLeaks() {
    allocator.close();
  }

  @Test
  void everyTypeRoundTripsThroughArrowIncludingNull() {
    try (BatchBuilder builder = new BatchBuilder(ALL_TYPES, allocator, 10)) {
      List<Batch> batches = builder.add(FULL).add(NULLS).build();
      try (Batch batch = batches.get(0)) {
        assertThat(batch.toRows()).containsExactly(FULL, NULLS);
      }
    }
    assertThat(
            dev.sluice.execution.type.ArrowTypes.fromArrow(
                dev.sluice.execution.type.ArrowTypes.toArrow(ALL_TYPES)))
        .isEqualTo(ALL_TYPES);
  }

  @Test
  void builderCutsBatchesAtTheChunkSize() {
    Schema schema = Schema.of(Field.nullable("n", SqlType.BIGINT));
    try (BatchBuilder builder = new BatchBuilder(schema, allocator, 3)) {
      for (long i = 0; i < 7; i++) {
        builder.add(Row.of(i));
      }
      List<Batch> batches = builder.build();
      assertThat(batches).extracting(Batch::rowCount).containsExactly(3, 3, 1);
      batches.forEach(Batch::close);
    }
  }

  @Test
  void aSliceIsAViewACopyIsIndependentAndATransferMoves() {
    Schema schema =
        Schema.of(Field.nullable("n", SqlType.BIGINT), Field.nullable("s", SqlType.VARCHAR));
    try (BufferAllocator other = allocator.newChildAllocator("other", 0, Long.MAX_VALUE);
        BatchBuilder builder = new BatchBuilder(schema, allocator, 10)) {
      Batch batch =
          builder.add(Row.of(1L, "a")).add(Row.of(2L, "b")).add(Row.of(3L, null)).build().get(0);
      try (Batch view = batch.slice(1, 2, allocator);
          Batch copy = batch.copy(other)) {
        assertThat(view.toRows()).containsExactly(Row.of(2L, "b"), Row.of(3L, null));
        Batch moved = batch.transferTo(other);
        assertThatThrownBy(() -> batch.vector(0)).isInstanceOf(IllegalStateException.class);
        batch.close(); // a no-op after a transfer
        assertThat(moved.toRows()).isEqualTo(copy.toRows());
        assertThat(other.getAllocatedMemory()).isPositive();
        moved.close();
      }
    }
  }

  @Test
  void aNullInANotNullColumnAndAWrongJavaTypeAreRefused() {
    Schema schema = Schema.of(Field.notNull("n", SqlType.BIGINT));
    try (BatchBuilder builder = new BatchBuilder(schema, allocator, 10)) {
      assertThatThrownBy(() -> builder.add(Row.of((Object) null)))
          .hasMessageContaining("NOT NULL column 'n'");
      assertThatThrownBy(() -> builder.add(Row.of("x")))
          .hasMessageContaining("cannot be stored in column 'n' of type BIGINT");
    }
    Schema binary = Schema.of(Field.nullable("b", SqlType.VARBINARY));
    try (BatchBuilder builder = new BatchBuilder(binary, allocator, 10)) {
      assertThatThrownBy(() -> builder.add(Row.of("0AFF")))
          .hasMessageContaining("cannot be stored in column 'b' of type VARBINARY");
    }
  }

  @Test
  void rowsCompareBinaryValuesByContentAndPrintThemAsHexLiterals() {
    Row row = Row.of(1L, new byte[] {0x0A, (byte) 0xFF}, new byte[0]);

    assertThat(row).isEqualTo(Row.of(1L, new byte[] {0x0A, (byte) 0xFF}, new byte[0]));
    assertThat(row).hasSameHashCodeAs(Row.of(1L, new byte[] {0x0A, (byte) 0xFF}, new byte[0]));
    assertThat(row).isNotEqualTo(Row.of(1L, new byte[] {0x0A}, new byte[0]));
    assertThat(row).hasToString("[1, X'0AFF', X'']");
  }
}
