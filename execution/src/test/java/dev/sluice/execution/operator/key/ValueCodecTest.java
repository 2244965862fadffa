package dev.sluice.execution.operator.key;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.execution.type.SqlType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueCodecTest {
  private static final List<SqlType> TWO_BINARY_KEYS =
      List.of(SqlType.VARBINARY, SqlType.VARBINARY);

  @Test
  void equalBinaryValuesEncodeEquallyAndDecodeToTheirBytes() {
    byte[] key = ValueCodec.encodeKey(TWO_BINARY_KEYS, new Object[] {new byte[] {0x0A}, null});

    assertThat(ValueCodec.encodeKey(TWO_BINARY_KEYS, new Object[] {new byte[] {0x0A}, null}))
        .isEqualTo(key);
    assertThat(ValueCodec.decodeKey(TWO_BINARY_KEYS, key)).containsExactly(new byte[] {0x0A}, null);
  }

  @Test
  void theLengthPrefixKeepsKeysApartThatConcatenateToTheSameBytes() {
    byte[] first =
        ValueCodec.encodeKey(TWO_BINARY_KEYS, new Object[] {new byte[] {1}, new byte[0]});
    byte[] second =
        ValueCodec.encodeKey(TWO_BINARY_KEYS, new Object[] {new byte[0], new byte[] {1}});

    assertThat(first).isNotEqualTo(second);
    assertThat(ValueCodec.decodeKey(TWO_BINARY_KEYS, second))
        .containsExactly(new byte[0], new byte[] {1});
  }

  @Test
  void integerLikeKeysSortAsTheirValuesWithNullFirst() {
    for (SqlType type :
        List.of(SqlType.TINYINT, SqlType.SMALLINT, SqlType.INTEGER, SqlType.BIGINT)) {
      List<Object> values = new java.util.ArrayList<>();
      values.add(null);
      for (long v : new long[] {-128, -2, -1, 0, 1, 2, 127}) {
        values.add(
            switch (type.kind()) {
              case TINYINT -> (byte) v;
              case SMALLINT -> (short) (v * 200);
              case INTEGER -> (int) v * 16_000_000;
              default -> v * 70_000_000_000_000L;
            });
      }
      List<byte[]> encoded =
          values.stream()
              .map(v -> ValueCodec.encodeKey(List.of(type), new Object[] {v}))
              .collect(java.util.stream.Collectors.toList());
      for (int i = 1; i < encoded.size(); i++) {
        assertThat(java.util.Arrays.compareUnsigned(encoded.get(i - 1), encoded.get(i)))
            .as("%s: %s before %s", type, values.get(i - 1), values.get(i))
            .isNegative();
      }
      for (int i = 0; i < encoded.size(); i++) {
        assertThat(encoded.get(i)).hasSize(1 + ValueCodec.fixedWidth(type));
        assertThat(ValueCodec.decodeKey(List.of(type), encoded.get(i)))
            .containsExactly(values.get(i));
      }
    }
  }

  @Test
  void aColumnAfterFixedWidthKeysIsAtAFixedOffsetEvenAfterNulls() {
    List<SqlType> types = List.of(SqlType.TIMESTAMP, SqlType.INTEGER, SqlType.TIMESTAMP);
    java.time.LocalDateTime end = java.time.LocalDateTime.of(2026, 11, 21, 10, 0, 10);
    int offset = ValueCodec.fixedOffset(types, 2);

    assertThat(offset).isEqualTo(1 + 8 + 1 + 4 + 1);
    for (Object[] key :
        List.of(new Object[] {end.minusSeconds(10), 7, end}, new Object[] {null, null, end})) {
      byte[] bytes = ValueCodec.encodeKey(types, key);
      assertThat(ValueCodec.readOrderedLong(bytes, offset))
          .isEqualTo(end.toInstant(java.time.ZoneOffset.UTC).toEpochMilli());
    }
    assertThat(ValueCodec.fixedOffset(List.of(SqlType.VARCHAR, SqlType.TIMESTAMP), 1))
        .isEqualTo(-1);
  }

  @Test
  void stateValuesWriteIntegersCompactlyAndReadThemBack() {
    Object[][] cases = {
      {SqlType.BIGINT, 3L, 2},
      {SqlType.BIGINT, -70_000_000_000L, 7},
      {SqlType.INTEGER, 300, 3},
      {SqlType.TIMESTAMP, java.time.LocalDateTime.of(2026, 11, 21, 10, 0), 7},
      {SqlType.BIGINT, null, 9},
      {SqlType.VARCHAR, "x", 3}
    };
    for (Object[] c : cases) {
      SqlType type = (SqlType) c[0];
      dev.sluice.state.encoding.BinaryWriter out = new dev.sluice.state.encoding.BinaryWriter();
      ValueCodec.writeCompact(out, type, c[1]);
      assertThat(out.size()).as("%s %s", type, c[1]).isEqualTo((int) c[2]);
      assertThat(
              ValueCodec.readCompact(
                  new dev.sluice.state.encoding.BinaryReader(out.toByteArray()), type))
          .isEqualTo(c[1]);
    }
  }
}
