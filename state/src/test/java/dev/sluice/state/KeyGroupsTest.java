package dev.sluice.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyGroupsTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bigEndian(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  /** Checkpoints depend on these: a key must land in the same key group in every version. */
  @Test
  void keyGroupsArePinned() {
    KeyGroups k128 = KeyGroups.defaults();
    assertThat(k128.count()).isEqualTo(128);
    assertThat(KeyGroups.hash(utf8("auction-1"))).isEqualTo(0x53fb3e58);
    assertThat(k128.keyGroupOf(utf8(""))).isEqualTo(0);
    assertThat(k128.keyGroupOf(utf8("a"))).isEqualTo(50);
    assertThat(k128.keyGroupOf(utf8("auction-1"))).isEqualTo(88);
    assertThat(k128.keyGroupOf(utf8("user_42"))).isEqualTo(77);
    assertThat(k128.keyGroupOf(utf8("日本"))).isEqualTo(66);
    assertThat(k128.keyGroupOf(bigEndian(0))).isEqualTo(124);
    assertThat(k128.keyGroupOf(bigEndian(1))).isEqualTo(126);
    assertThat(k128.keyGroupOf(bigEndian(-1))).isEqualTo(104);
    assertThat(k128.keyGroupOf(bigEndian(1000))).isEqualTo(73);
    KeyGroups k1024 = KeyGroups.of(1024);
    assertThat(k1024.keyGroupOf(utf8("a"))).isEqualTo(434);
    assertThat(k1024.keyGroupOf(utf8("auction-1"))).isEqualTo(600);
  }

  @Test
  void keyGroupIsTheUnsignedHashModK() {
    Random random = new Random(3);
    for (int k = 1; k <= KeyGroups.MAX_COUNT; k *= 2) {
      KeyGroups groups = KeyGroups.of(k);
      for (int i = 0; i < 100; i++) {
        byte[] key = new byte[random.nextInt(20)];
        random.nextBytes(key);
        long unsigned = Integer.toUnsignedLong(KeyGroups.hash(key));
        assertThat(groups.keyGroupOf(key)).isEqualTo((int) (unsigned % k));
        byte[] padded = new byte[key.length + 3];
        System.arraycopy(key, 0, padded, 2, key.length);
        assertThat(groups.keyGroupOf(padded, 2, key.length)).isEqualTo(groups.keyGroupOf(key));
      }
    }
  }

  @Test
  void keysSpreadEvenlyOverKeyGroups() {
    KeyGroups groups = KeyGroups.defaults();
    int[] counts = new int[128];
    for (long i = 0; i < 128_000; i++) {
      counts[groups.keyGroupOf(bigEndian(i))]++;
    }
    for (int count : counts) {
      assertThat(count).isBetween(800, 1200);
    }
  }

  @Test
  void countMustBeAPowerOfTwoInRange() {
    for (int bad : new int[] {0, -1, 3, 100, 1 << 16, Integer.MIN_VALUE}) {
      assertThatThrownBy(() -> KeyGroups.of(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("power of two")
          .hasMessageContaining(Integer.toString(bad));
    }
    assertThat(KeyGroups.of(1).count()).isEqualTo(1);
    assertThat(KeyGroups.of(KeyGroups.MAX_COUNT).count()).isEqualTo(32768);
    assertThat(KeyGroups.of(128)).isEqualTo(KeyGroups.defaults());
  }

  @Test
  void everyAssignmentCoversEachKeyGroupOnceWithBalancedContiguousRanges() {
    for (int k : new int[] {1, 2, 4, 8, 16, 64, 128, 256, 4096}) {
      KeyGroups groups = KeyGroups.of(k);
      for (int p = 1; p <= Math.min(k, 300); p++) {
        List<KeyGroupRange> ranges = groups.assign(p);
        assertThat(ranges).hasSize(p);
        int next = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int i = 0; i < p; i++) {
          KeyGroupRange range = ranges.get(i);
          assertThat(range.start()).as("K=%d P=%d partition %d", k, p, i).isEqualTo(next);
          assertThat(range).isEqualTo(groups.rangeOf(i, p));
          for (int g = range.start(); g < range.end(); g++) {
            assertThat(groups.partitionOf(g, p)).isEqualTo(i);
          }
          next = range.end();
          min = Math.min(min, range.size());
          max = Math.max(max, range.size());
        }
        assertThat(next).isEqualTo(k);
        assertThat(max - min).as("K=%d P=%d", k, p).isLessThanOrEqualTo(1);
        assertThat(min).isGreaterThanOrEqualTo(1);
      }
    }
  }

  @Test
  void assignmentExamples() {
    KeyGroups groups = KeyGroups.defaults();
    assertThat(groups.assign(3))
        .containsExactly(
            new KeyGroupRange(0, 43), new KeyGroupRange(43, 86), new KeyGroupRange(86, 128));
    assertThat(groups.rangeOf(0, 1)).isEqualTo(new KeyGroupRange(0, 128));
    assertThat(groups.rangeOf(1, 3).keyGroups().count()).isEqualTo(43);
    assertThat(groups.rangeOf(1, 3).contains(43)).isTrue();
    assertThat(groups.rangeOf(1, 3).contains(86)).isFalse();
    assertThat(groups.rangeOf(1, 3)).hasToString("[43, 86)");
  }

  @Test
  void badPartitionsAreRefused() {
    KeyGroups groups = KeyGroups.of(8);
    assertThatThrownBy(() -> groups.assign(9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 1 and the number of key groups (8), but was 9");
    assertThatThrownBy(() -> groups.assign(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> groups.rangeOf(4, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> groups.partitionOf(8, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeyGroupRange(3, 2)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void storeIdsAreValidated() {
    assertThat(new StoreId("agg-7_left", 3)).hasToString("agg-7_left/3");
    for (String bad : new String[] {"", "..", "a/b", "a b", "é", "x".repeat(101)}) {
      assertThatThrownBy(() -> new StoreId(bad, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("operator id");
    }
    assertThatThrownBy(() -> new StoreId("a", -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StoreId("a", KeyGroups.MAX_COUNT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StateStoreOptions(0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StateStoreOptions(1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(StateStoreOptions.defaults()).isEqualTo(new StateStoreOptions(10, 20));
  }
}
