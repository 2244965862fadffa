package dev.sluice.execution.operator.aggregate;

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
}
