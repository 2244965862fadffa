package dev.sluice.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Pins {@link Murmur3} to the published MurmurHash3_x86_32 test vectors. Key groups depend on it,
 * so a change here would silently move every key of every existing checkpoint.
 */
class Murmur3Test {
  private static int hash(String s, int seed) {
    return Murmur3.hash32(s.getBytes(StandardCharsets.UTF_8), seed);
  }

  @Test
  void matchesPublishedTestVectors() {
    assertThat(hash("", 0)).isEqualTo(0);
    assertThat(hash("", 1)).isEqualTo(0x514E28B7);
    assertThat(hash("", 0xffffffff)).isEqualTo(0x81F16F39);
    assertThat(Murmur3.hash32(new byte[4], 0)).isEqualTo(0x2362F9DE);
    assertThat(hash("aaaa", 0x9747b28c)).isEqualTo(0x5A97808A);
    assertThat(hash("aaa", 0x9747b28c)).isEqualTo(0x283E0130);
    assertThat(hash("aa", 0x9747b28c)).isEqualTo(0x5D211726);
    assertThat(hash("a", 0x9747b28c)).isEqualTo(0x7FA09EA6);
    assertThat(hash("abcd", 0x9747b28c)).isEqualTo(0xF0478627);
    assertThat(hash("abc", 0x9747b28c)).isEqualTo(0xC84A62DD);
    assertThat(hash("ab", 0x9747b28c)).isEqualTo(0x74875592);
    assertThat(hash("Hello, world!", 0x9747b28c)).isEqualTo(0x24884CBA);
    assertThat(hash("ππππππππ", 0x9747b28c)).isEqualTo(0xD58063C1);
    assertThat(hash("a".repeat(256), 0x9747b28c)).isEqualTo(0x37405BDC);
    assertThat(hash("The quick brown fox jumps over the lazy dog", 0x9747b28c))
        .isEqualTo(0x2FA826CD);
    assertThat(hash("hello", 0)).isEqualTo(0x248BFA47);
    assertThat(hash("The quick brown fox jumps over the lazy dog", 0)).isEqualTo(0x2E4FF723);
  }

  @Test
  void hashOfARangeEqualsHashOfACopy() {
    Random random = new Random(7);
    for (int i = 0; i < 1000; i++) {
      byte[] bytes = new byte[random.nextInt(64) + 1];
      random.nextBytes(bytes);
      int from = random.nextInt(bytes.length);
      int to = from + random.nextInt(bytes.length - from + 1);
      assertThat(Murmur3.hash32(bytes, from, to - from, 3))
          .isEqualTo(Murmur3.hash32(Arrays.copyOfRange(bytes, from, to), 3));
    }
  }
}
