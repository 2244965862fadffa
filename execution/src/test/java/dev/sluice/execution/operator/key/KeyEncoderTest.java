package dev.sluice.execution.operator.key;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.batch.BatchBuilder;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.batch.VectorValues;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import dev.sluice.state.encoding.BinaryWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyEncoderTest {
  private static final List<SqlType> TYPES =
      List.of(
          SqlType.BOOLEAN,
          SqlType.TINYINT,
          SqlType.SMALLINT,
          SqlType.INTEGER,
          SqlType.BIGINT,
          SqlType.FLOAT,
          SqlType.DOUBLE,
          SqlType.decimal(12, 3),
          SqlType.VARCHAR,
          SqlType.VARBINARY,
          SqlType.DATE,
          SqlType.TIME,
          SqlType.TIMESTAMP,
          SqlType.INTERVAL_DAY_TIME,
          SqlType.INTERVAL_YEAR_MONTH,
          SqlType.array(SqlType.INTEGER));

  private static final String[] STRING_PIECES = {"", "a", "Z", " ", "é", "日本", "😀", "\u0000"};

  private final BufferAllocator allocator = new RootAllocator();
  private final Random random = new Random(42);

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  @Test
  void randomRowsOfEveryTypeEncodeToTheBytesOfTheBoxedCodec() {
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < TYPES.size(); i++) {
      fields.add(Field.nullable("c" + i, TYPES.get(i)));
    }
    Schema schema = new Schema(fields);
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < 5_000; r++) {
      rows.add(Row.of(TYPES.stream().map(this::randomValueOrNull).toArray()));
    }
    KeyEncoder encoder = new KeyEncoder(TYPES);
    try (BatchBuilder builder = new BatchBuilder(schema, allocator, 1024)) {
      for (Batch batch : builder.addAll(rows).build()) {
        try (batch) {
          FieldVector[] columns = batch.vectorArray();
          for (int row = 0; row < batch.rowCount(); row++) {
            Object[] values = new Object[TYPES.size()];
            for (int k = 0; k < values.length; k++) {
              values[k] = VectorValues.get(columns[k], TYPES.get(k), row);
            }
            assertThat(bytes(encoder.encode(columns, row)))
                .as("row %s", Arrays.toString(values))
                .isEqualTo(ValueCodec.encodeKey(TYPES, values));
          }
        }
      }
    }
  }

  @Test
  void keyDecoderSetsEveryTypeBackIntoVectorsAsTheBoxedCodecReadsIt() {
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < TYPES.size(); i++) {
      fields.add(Field.nullable("c" + i, TYPES.get(i)));
    }
    Schema schema = new Schema(fields);
    List<byte[]> keys = new ArrayList<>();
    for (int r = 0; r < 3_000; r++) {
      keys.add(ValueCodec.encodeKey(TYPES, TYPES.stream().map(this::randomValueOrNull).toArray()));
    }
    KeyDecoder decoder = new KeyDecoder(TYPES);
    try (BatchBuilder builder = new BatchBuilder(schema, allocator, 1024)) {
      for (byte[] key : keys) {
        // framed by other bytes, as a key inside a state entry is
        byte[] entry = new byte[key.length + 2];
        entry[0] = 0x7F;
        System.arraycopy(key, 0, entry, 1, key.length);
        builder.add((vectors, row) -> decoder.decode(entry, 1, key.length, vectors, row));
      }
      int k = 0;
      for (Batch batch : builder.build()) {
        try (batch) {
          FieldVector[] columns = batch.vectorArray();
          for (int row = 0; row < batch.rowCount(); row++, k++) {
            Object[] values = new Object[TYPES.size()];
            for (int c = 0; c < values.length; c++) {
              values[c] = VectorValues.get(columns[c], TYPES.get(c), row);
            }
            assertThat(ValueCodec.encodeKey(TYPES, values)).as("key %d", k).isEqualTo(keys.get(k));
          }
        }
      }
      assertThat(k).isEqualTo(keys.size());
    }
  }

  @Test
  void varcharBytesEncodeLikeTheirStringAlsoWhenTheyAreNotWellFormedUtf8() {
    byte[] interesting = {
      0x00,
      0x41,
      0x7F,
      (byte) 0x80,
      (byte) 0x8F,
      (byte) 0x90,
      (byte) 0x9F,
      (byte) 0xA0,
      (byte) 0xBF,
      (byte) 0xC0,
      (byte) 0xC1,
      (byte) 0xC2,
      (byte) 0xDF,
      (byte) 0xE0,
      (byte) 0xE1,
      (byte) 0xED,
      (byte) 0xEE,
      (byte) 0xEF,
      (byte) 0xF0,
      (byte) 0xF3,
      (byte) 0xF4,
      (byte) 0xF5,
      (byte) 0xFF
    };
    List<SqlType> types = List.of(SqlType.VARCHAR);
    KeyEncoder encoder = new KeyEncoder(types);
    try (VarCharVector vector = new VarCharVector("s", allocator)) {
      int rows = 20_000;
      vector.allocateNew(rows);
      for (int row = 0; row < rows; row++) {
        byte[] value = new byte[random.nextInt(6)];
        for (int i = 0; i < value.length; i++) {
          value[i] =
              random.nextBoolean()
                  ? interesting[random.nextInt(interesting.length)]
                  : (byte) random.nextInt(256);
        }
        vector.setSafe(row, value);
      }
      vector.setValueCount(rows);
      FieldVector[] columns = {vector};
      for (int row = 0; row < rows; row++) {
        String decoded = new String(vector.get(row), StandardCharsets.UTF_8);
        assertThat(bytes(encoder.encode(columns, row)))
            .as("bytes %s", Arrays.toString(vector.get(row)))
            .isEqualTo(ValueCodec.encodeKey(types, new Object[] {decoded}));
      }
    }
  }

  private static byte[] bytes(BinaryWriter writer) {
    return Arrays.copyOf(writer.buffer(), writer.size());
  }

  private Object randomValueOrNull(SqlType type) {
    return random.nextInt(5) == 0 ? null : randomValue(type);
  }

  private Object randomValue(SqlType type) {
    return switch (type.kind()) {
      case BOOLEAN -> random.nextBoolean();
      case TINYINT -> (byte) random.nextInt();
      case SMALLINT -> (short) random.nextInt();
      case INTEGER -> random.nextBoolean() ? random.nextInt() : random.nextInt(200) - 100;
      case BIGINT ->
          switch (random.nextInt(4)) {
            case 0 -> Long.MIN_VALUE;
            case 1 -> Long.MAX_VALUE;
            case 2 -> (long) random.nextInt(200) - 100;
            default -> random.nextLong();
          };
      case FLOAT ->
          switch (random.nextInt(5)) {
            case 0 -> Float.NaN;
            case 1 -> -0f;
            case 2 -> Float.NEGATIVE_INFINITY;
            default -> Float.intBitsToFloat(random.nextInt());
          };
      case DOUBLE ->
          switch (random.nextInt(5)) {
            case 0 -> Double.NaN;
            case 1 -> -0d;
            case 2 -> Double.POSITIVE_INFINITY;
            default -> Double.longBitsToDouble(random.nextLong());
          };
      case DECIMAL -> BigDecimal.valueOf(random.nextLong() % 1_000_000_000L, 3);
      case VARCHAR -> {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(5); i > 0; i--) {
          text.append(STRING_PIECES[random.nextInt(STRING_PIECES.length)]);
        }
        yield text.toString();
      }
      case VARBINARY -> {
        byte[] bytes = new byte[random.nextInt(5)];
        random.nextBytes(bytes);
        yield bytes;
      }
      case DATE -> LocalDate.ofEpochDay(random.nextInt(2_000_000) - 1_000_000);
      case TIME -> LocalTime.ofNanoOfDay(random.nextInt(86_400_000) * 1_000_000L);
      case TIMESTAMP -> VectorValues.timestamp(random.nextLong() % 100_000_000_000_000L);
      case INTERVAL_DAY_TIME -> Duration.ofMillis(random.nextLong() % 1_000_000_000_000L);
      case INTERVAL_YEAR_MONTH -> Period.ofMonths(random.nextInt(20_000) - 10_000).normalized();
      case ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          list.add(randomValueOrNull(type.elementType()));
        }
        yield list;
      }
      case NULL -> null;
    };
  }
}
