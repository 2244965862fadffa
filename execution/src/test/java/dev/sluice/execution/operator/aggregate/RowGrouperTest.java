package dev.sluice.execution.operator.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.batch.BatchBuilder;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.operator.key.KeyEncoder;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import dev.sluice.state.encoding.BinaryWriter;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RowGrouperTest {
  /** Types whose equal encoded keys are exactly equal vector bits (no floating point). */
  private static final List<SqlType> EXACT_TYPES =
      List.of(
          SqlType.BOOLEAN,
          SqlType.TINYINT,
          SqlType.SMALLINT,
          SqlType.INTEGER,
          SqlType.BIGINT,
          SqlType.decimal(12, 3),
          SqlType.VARCHAR,
          SqlType.VARBINARY,
          SqlType.DATE,
          SqlType.TIME,
          SqlType.TIMESTAMP,
          SqlType.INTERVAL_DAY_TIME,
          SqlType.INTERVAL_YEAR_MONTH);

  private final BufferAllocator allocator = new RootAllocator();
  private final List<Batch> batches = new ArrayList<>();
  private final Random random = new Random(11);

  @AfterEach
  void closeVectors() {
    batches.forEach(Batch::close);
    allocator.close();
  }

  @Test
  void groupsRowsExactlyAsTheirEncodedKeysInFirstAppearanceOrder() {
    RowGrouper grouper = null;
    for (int round = 0; round < 40; round++) {
      List<SqlType> types = new ArrayList<>();
      int keyCount = 1 + random.nextInt(3);
      for (int k = 0; k < keyCount; k++) {
        types.add(EXACT_TYPES.get(random.nextInt(EXACT_TYPES.size())));
      }
      // few distinct values per column, so keys repeat and share hashes' parts
      int rows = random.nextInt(600);
      Batch batch = batch(types, rows, 1 + random.nextInt(6));
      grouper = RowGrouper.of(types);
      assertThat(grouper).isInstanceOf(VectorKeyGrouper.class);

      int[] groupOfRow = new int[rows];
      int groups = grouper.group(batch.vectorArray(), rows, groupOfRow);

      assertThat(groupOfRow).as("%s", types).containsExactly(expectedGroups(types, batch));
      assertThat(groups).isEqualTo(rows == 0 ? 0 : max(groupOfRow) + 1);
      for (int g = 0; g < groups; g++) {
        assertThat(groupOfRow[grouper.firstRow(g)]).isEqualTo(g);
        for (int row = 0; row < grouper.firstRow(g); row++) {
          assertThat(groupOfRow[row]).isNotEqualTo(g);
        }
      }
    }
  }

  @Test
  void aReusedGrouperForgetsThePreviousBatch() {
    List<SqlType> types = List.of(SqlType.BIGINT, SqlType.VARCHAR);
    RowGrouper grouper = RowGrouper.of(types);
    Batch big = batch(types, 500, 50);
    grouper.group(big.vectorArray(), 500, new int[500]);

    Batch small = rows(types, Row.of(7L, "a"), Row.of(8L, "a"), Row.of(7L, "a"));
    int[] groupOfRow = new int[3];

    assertThat(grouper.group(small.vectorArray(), 3, groupOfRow)).isEqualTo(2);
    assertThat(groupOfRow).containsExactly(0, 1, 0);
  }

  @Test
  void nullIsOneKeyAndDiffersFromEveryValueIncludingZeroAndEmpty() {
    List<SqlType> types = List.of(SqlType.BIGINT, SqlType.VARCHAR, SqlType.BOOLEAN);
    Batch batch =
        rows(
            types,
            Row.of(0L, "", false),
            Row.of(null, "", false),
            Row.of(0L, null, false),
            Row.of(0L, "", null),
            Row.of(null, null, null),
            Row.of(0L, "", false),
            Row.of(null, null, null));
    int[] groupOfRow = new int[7];

    assertThat(RowGrouper.of(types).group(batch.vectorArray(), 7, groupOfRow)).isEqualTo(5);
    assertThat(groupOfRow).containsExactly(0, 1, 2, 3, 4, 0, 4);
  }

  @Test
  void withoutKeysEveryRowIsOneGroup() {
    Batch batch = rows(List.of(SqlType.BIGINT), Row.of(1L), Row.of(2L));
    int[] groupOfRow = new int[2];

    assertThat(RowGrouper.of(List.of()).group(new FieldVector[0], 2, groupOfRow)).isEqualTo(1);
    assertThat(groupOfRow).containsExactly(0, 0);
    assertThat(batch.rowCount()).isEqualTo(2);
  }

  @Test
  void floatingPointKeysAreSplitOnlyWhereTheirBitsDiffer() {
    List<SqlType> types = List.of(SqlType.DOUBLE);
    Batch batch = rows(types, Row.of(1.5), Row.of(-0.0), Row.of(0.0), Row.of(1.5), Row.of(-0.0));
    int[] groupOfRow = new int[5];
    RowGrouper grouper = RowGrouper.of(types);

    grouper.group(batch.vectorArray(), 5, groupOfRow);

    assertThat(groupOfRow).containsExactly(0, 1, 2, 0, 1);
    // every group holds one encoded key, whatever the encoding makes of -0.0
    for (int row = 0; row < 5; row++) {
      assertThat(encoded(types, batch, row))
          .isEqualTo(encoded(types, batch, grouper.firstRow(groupOfRow[row])));
    }
  }

  @Test
  void listKeysAreGroupedByTheirEncoding() {
    assertThat(RowGrouper.of(List.of(SqlType.BIGINT, SqlType.array(SqlType.INTEGER))))
        .isInstanceOf(EncodedKeyGrouper.class);
    List<SqlType> types = List.of(SqlType.array(SqlType.INTEGER));
    Batch batch = rows(types, Row.of(List.of(1, 2)), Row.of(List.of(1)), Row.of(List.of(1, 2)));
    int[] groupOfRow = new int[3];

    assertThat(RowGrouper.of(types).group(batch.vectorArray(), 3, groupOfRow)).isEqualTo(2);
    assertThat(groupOfRow).containsExactly(0, 1, 0);
  }

  /** Each row's group numbered by first appearance of its encoded key. */
  private static int[] expectedGroups(List<SqlType> types, Batch batch) {
    Map<ByteBuffer, Integer> ids = new HashMap<>();
    int[] groups = new int[batch.rowCount()];
    for (int row = 0; row < groups.length; row++) {
      groups[row] = ids.computeIfAbsent(encoded(types, batch, row), key -> ids.size());
    }
    return groups;
  }

  private static ByteBuffer encoded(List<SqlType> types, Batch batch, int row) {
    BinaryWriter key = new KeyEncoder(types).encode(batch.vectorArray(), row);
    return ByteBuffer.wrap(key.toByteArray());
  }

  private static int max(int[] values) {
    int max = Integer.MIN_VALUE;
    for (int value : values) {
      max = Math.max(max, value);
    }
    return max;
  }

  private Batch batch(List<SqlType> types, int rows, int distinct) {
    List<Row> values = new ArrayList<>();
    for (int row = 0; row < rows; row++) {
      Object[] key = new Object[types.size()];
      for (int k = 0; k < key.length; k++) {
        key[k] = random.nextInt(8) == 0 ? null : value(types.get(k), random.nextInt(distinct));
      }
      values.add(Row.of(key));
    }
    return rows(types, values.toArray(new Row[0]));
  }

  private Batch rows(List<SqlType> types, Row... rows) {
    List<Field> fields = new ArrayList<>();
    for (int k = 0; k < types.size(); k++) {
      fields.add(Field.nullable("k" + k, types.get(k)));
    }
    try (BatchBuilder builder = new BatchBuilder(new Schema(fields), allocator, 100_000)) {
      for (Row row : rows) {
        builder.add(row);
      }
      List<Batch> built = builder.build();
      Batch batch = built.isEmpty() ? Batch.empty(new Schema(fields), allocator) : built.get(0);
      batches.add(batch);
      return batch;
    }
  }

  /** The {@code n}-th of a few values of {@code type}, some of them equal to 0 in their bits. */
  private static Object value(SqlType type, int n) {
    return switch (type.kind()) {
      case BOOLEAN -> n % 2 == 0;
      case TINYINT -> (byte) n;
      case SMALLINT -> (short) (n * 1000);
      case INTEGER -> n * 100_000;
      case BIGINT -> n * 10_000_000_000L;
      case DECIMAL -> BigDecimal.valueOf(n * 1001L, 3);
      case VARCHAR -> "ü".repeat(n);
      case VARBINARY -> new byte[n];
      case DATE -> LocalDate.ofEpochDay(n);
      case TIME -> LocalTime.ofSecondOfDay(n);
      case TIMESTAMP -> LocalDateTime.of(2026, 1, 1, 0, 0).plusSeconds(10L * n);
      case INTERVAL_DAY_TIME -> Duration.ofMillis(n);
      case INTERVAL_YEAR_MONTH -> Period.ofMonths(n);
      default -> throw new IllegalArgumentException(type.toString());
    };
  }
}
