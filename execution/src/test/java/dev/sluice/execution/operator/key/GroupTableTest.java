package dev.sluice.execution.operator.key;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.state.KeyGroups;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GroupTableTest {
  @Test
  void numbersNewKeysInInsertionOrderAndFindsKnownOnes() {
    GroupTable table = new GroupTable();

    assertThat(insert(table, "b")).isEqualTo(0);
    assertThat(insert(table, "a")).isEqualTo(1);
    assertThat(insert(table, "b")).isEqualTo(0);
    assertThat(insert(table, "")).isEqualTo(2);
    assertThat(insert(table, "ab")).isEqualTo(3);
    assertThat(insert(table, "a")).isEqualTo(1);

    assertThat(table.size()).isEqualTo(4);
    assertThat(table.key(3)).isEqualTo(new byte[] {'a', 'b'});
    assertThat(table.key(2)).isEmpty();
    assertThat(table.hash(1)).isEqualTo(KeyGroups.hash(new byte[] {'a'}));
  }

  @Test
  void keepsEveryKeyThroughGrowthAndRestartsIdsAfterClear() {
    GroupTable table = new GroupTable();
    int count = 100_000;
    for (int i = 0; i < count; i++) {
      assertThat(table.findOrInsert(longKey(i), 8)).isEqualTo(i);
    }
    for (int i = count - 1; i >= 0; i--) {
      assertThat(table.findOrInsert(longKey(i), 8)).isEqualTo(i);
      assertThat(table.key(i)).isEqualTo(longKey(i));
    }
    assertThat(table.size()).isEqualTo(count);

    table.clear();

    assertThat(table.size()).isZero();
    assertThat(table.findOrInsert(longKey(7), 8)).isEqualTo(0);
    assertThat(table.key(0)).isEqualTo(longKey(7));
  }

  @Test
  void shortKeysWithTheSameHashStayDistinctGroups() {
    checkCollidingKeysStayDistinct(7, 0);
  }

  @Test
  void longKeysWithTheSameHashAndTheSameFirstBytesStayDistinctGroups() {
    checkCollidingKeysStayDistinct(12, 7);
  }

  /**
   * Finds two random keys of {@code length} bytes, the first {@code sharedBytes} of them zero, with
   * the same murmur3 hash (32 bits collide after about 80,000 keys), and inserts both.
   */
  private static void checkCollidingKeysStayDistinct(int length, int sharedBytes) {
    Map<Integer, byte[]> seen = new HashMap<>();
    Random random = new Random(3);
    byte[] first = null;
    byte[] second = null;
    while (first == null) {
      byte[] candidate = new byte[length];
      random.nextBytes(candidate);
      Arrays.fill(candidate, 0, sharedBytes, (byte) 0);
      byte[] earlier = seen.putIfAbsent(KeyGroups.hash(candidate), candidate);
      if (earlier != null && !Arrays.equals(earlier, candidate)) {
        first = earlier;
        second = candidate;
      }
    }
    GroupTable table = new GroupTable();
    table.findOrInsert(first, length);
    table.findOrInsert(second, length);

    assertThat(table.size()).isEqualTo(2);
    assertThat(table.hash(0)).isEqualTo(table.hash(1));
    assertThat(table.findOrInsert(second.clone(), length)).isEqualTo(1);
    assertThat(table.findOrInsert(first.clone(), length)).isEqualTo(0);
  }

  @Test
  void readsOnlyTheGivenLengthOfTheBuffer() {
    GroupTable table = new GroupTable();
    int group = table.findOrInsert(new byte[] {1, 2, 3, 99}, 3);

    assertThat(table.findOrInsert(new byte[] {1, 2, 3, 42, 42}, 3)).isEqualTo(group);
    assertThat(table.key(group)).isEqualTo(new byte[] {1, 2, 3});
  }

  private static int insert(GroupTable table, String key) {
    byte[] bytes = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return table.findOrInsert(bytes, bytes.length);
  }

  private static byte[] longKey(long value) {
    return ByteBuffer.allocate(8).putLong(value).array();
  }
}
