package dev.sluice.state.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BytesTableTest {
  private final BytesTable.Record scratch = new BytesTable.Record();

  private static void put(BytesTable table, byte[] key, byte[] value, BytesTable.Record scratch) {
    int hash = BytesTable.hash(key, 0, key.length);
    int slot = table.find(key, 0, key.length, hash);
    if (slot >= 0) {
      table.setValue(slot, value, 0, value.length, scratch);
    } else {
      table.insert(key, 0, key.length, value, 0, value.length, 0, hash);
    }
  }

  private byte[] get(BytesTable table, byte[] key) {
    int slot = table.find(key, 0, key.length);
    return slot < 0 ? null : table.value(slot, scratch);
  }

  private boolean remove(BytesTable table, byte[] key) {
    int slot = table.find(key, 0, key.length);
    if (slot < 0) {
      return false;
    }
    table.removeAt(slot, scratch);
    return true;
  }

  private static byte[] key(int i) {
    return ByteBuffer.allocate(4).putInt(i).array();
  }

  private List<byte[]> sortedKeys(BytesTable table, byte[] prefix) {
    List<byte[]> keys = new ArrayList<>();
    for (long address : table.sortedAddresses(prefix, 0)) {
      BytesTable.Record r = table.read(address, scratch);
      keys.add(Arrays.copyOfRange(r.page, r.keyOffset, r.keyOffset + r.keyLength));
    }
    return keys;
  }

  @Test
  void randomOperationsMatchAHashMap() {
    Random random = new Random(11);
    BytesTable table = new BytesTable();
    Map<ByteBuffer, byte[]> reference = new HashMap<>();
    for (int op = 0; op < 300_000; op++) {
      byte[] key = key(random.nextInt(5_000));
      int choice = random.nextInt(10);
      if (choice < 6) {
        byte[] value = new byte[random.nextInt(3) == 0 ? random.nextInt(300) : 8];
        random.nextBytes(value);
        put(table, key, value, scratch);
        reference.put(ByteBuffer.wrap(key), value);
      } else if (choice < 9) {
        assertThat(remove(table, key)).isEqualTo(reference.remove(ByteBuffer.wrap(key)) != null);
      } else {
        byte[] expected = reference.get(ByteBuffer.wrap(key));
        assertThat(get(table, key)).isEqualTo(expected);
      }
      if (op % 50_000 == 0) {
        table.maintain();
      }
    }
    assertThat(table.size()).isEqualTo(reference.size());
    for (Map.Entry<ByteBuffer, byte[]> e : reference.entrySet()) {
      assertThat(get(table, e.getKey().array())).isEqualTo(e.getValue());
    }
    // Churn with changing value sizes produced garbage that compaction kept bounded.
    assertThat(table.garbageBytes()).isLessThanOrEqualTo(Math.max(4096, table.liveBytes() / 4));
  }

  @Test
  void growsAndShrinksAndStillFindsEverything() {
    BytesTable table = new BytesTable();
    for (int i = 0; i < 100_000; i++) {
      put(table, key(i), key(-i), scratch);
    }
    assertThat(table.size()).isEqualTo(100_000);
    assertThat((double) table.size() / table.capacity()).isBetween(0.5, 0.75);
    for (int i = 0; i < 99_000; i++) {
      assertThat(remove(table, key(i))).isTrue();
    }
    table.maintain();
    assertThat(table.capacity()).isEqualTo(2000);
    assertThat(table.garbageBytes()).isZero();
    for (int i = 0; i < 100_000; i++) {
      assertThat(get(table, key(i))).isEqualTo(i < 99_000 ? null : key(-i));
    }
  }

  @Test
  void sameLengthValuesAreOverwrittenInPlace() {
    BytesTable table = new BytesTable();
    put(table, key(1), new byte[16], scratch);
    long live = table.liveBytes();
    for (int i = 0; i < 1000; i++) {
      byte[] value = new byte[16];
      value[15] = (byte) i;
      put(table, key(1), value, scratch);
      assertThat(get(table, key(1))).isEqualTo(value);
    }
    assertThat(table.liveBytes()).isEqualTo(live);
    assertThat(table.garbageBytes()).isZero();
    put(table, key(1), new byte[17], scratch);
    assertThat(table.garbageBytes()).isEqualTo(live);
  }

  @Test
  void flagsSurviveValueChangesResizesAndCompaction() {
    BytesTable table = new BytesTable();
    for (int i = 0; i < 1000; i++) {
      byte[] k = key(i);
      table.insert(k, 0, 4, k, 0, 4, i % 4, BytesTable.hash(k, 0, 4));
    }
    for (int i = 0; i < 1000; i++) {
      int slot = table.find(key(i), 0, 4);
      table.setValue(slot, new byte[100 + i % 7], 0, 100 + i % 7, scratch);
    }
    table.compact();
    for (int i = 0; i < 1000; i++) {
      int slot = table.find(key(i), 0, 4);
      assertThat(table.flags(slot)).isEqualTo(i % 4);
      assertThat(table.value(slot, scratch)).hasSize(100 + i % 7);
    }
    assertThat(table.addressesWithFlags(2)).hasSize(500);
    assertThat(table.sortedAddresses(null, 1)).hasSize(500);
    table.clearFlags();
    assertThat(table.addressesWithFlags(3)).isEmpty();
  }

  @Test
  void sortsUnsignedLexicographicallyIncludingLongCommonPrefixes() {
    Random random = new Random(5);
    BytesTable table = new BytesTable();
    TreeMap<byte[], byte[]> reference = new TreeMap<>(Arrays::compareUnsigned);
    for (int i = 0; i < 20_000; i++) {
      // Keys share long prefixes (e.g. a window start) and differ in sign bits and length.
      byte[] k = new byte[random.nextInt(14)];
      for (int j = 0; j < k.length; j++) {
        k[j] = j < 9 && random.nextInt(8) != 0 ? 0x7f : (byte) random.nextInt(256);
      }
      put(table, k, k, scratch);
      reference.put(k, k);
    }
    assertThat(sortedKeys(table, null)).containsExactlyElementsOf(reference.keySet());
    byte[] prefix = {0x7f, 0x7f};
    List<byte[]> expected = new ArrayList<>();
    for (byte[] k : reference.keySet()) {
      if (k.length >= 2 && k[0] == 0x7f && k[1] == 0x7f) {
        expected.add(k);
      }
    }
    assertThat(sortedKeys(table, prefix)).containsExactlyElementsOf(expected);
  }

  @Test
  void sortsKeysThatAreZeroPaddedPrefixesOfEachOtherAcrossWords() {
    Random random = new Random(11);
    BytesTable table = new BytesTable();
    TreeMap<byte[], byte[]> reference = new TreeMap<>(Arrays::compareUnsigned);
    byte[] alphabet = {0, 0, 0, 1, (byte) 0xff};
    for (int i = 0; i < 20_000; i++) {
      // Lengths cross several 8-byte words; mostly zeros, so a key and the same key with more zero
      // bytes (equal once zero-padded) must still sort shorter first.
      byte[] k = new byte[random.nextInt(40)];
      for (int j = 0; j < k.length; j++) {
        k[j] = alphabet[random.nextInt(alphabet.length)];
      }
      put(table, k, k, scratch);
      reference.put(k, k);
    }
    byte[] longA = new byte[10_000];
    byte[] longB = Arrays.copyOf(longA, 10_001);
    byte[] longC = longA.clone();
    longC[9_999] = 1;
    for (byte[] k : List.of(longC, longB, longA)) {
      put(table, k, k, scratch);
      reference.put(k, k);
    }
    assertThat(sortedKeys(table, null)).containsExactlyElementsOf(reference.keySet());
  }

  @Test
  void keysInsertedInAnotherTablesIndexOrderDoNotCluster() {
    BytesTable first = new BytesTable();
    for (int i = 0; i < 100_000; i++) {
      put(first, key(i), new byte[0], scratch);
    }
    // An unordered scan that moves what it reads elsewhere (a store's removed-keys table).
    BytesTable second = new BytesTable();
    long[] addresses = first.addresses(null, 0);
    for (int i = 0; i < addresses.length; i++) {
      first.read(addresses[i], scratch);
      byte[] k =
          Arrays.copyOfRange(
              scratch.page, scratch.keyOffset, scratch.keyOffset + scratch.keyLength);
      put(second, k, new byte[0], scratch);
      if (i == addresses.length / 2) {
        // At most 3/4 full with scattered homes, runs stay short. Had the second table the first
        // one's home order, the first half of its keys would all home in the first half of its
        // slots and pile up in one run that every insert walks.
        assertThat(second.longestRun()).isLessThan(1_000);
      }
    }
    assertThat(second.size()).isEqualTo(100_000);
  }

  @Test
  void sortsAdversarialOrdersInNLogN() {
    BytesTable table = new BytesTable();
    // Insert keys whose sort order equals, reverses, and interleaves insertion order.
    for (int i = 0; i < 50_000; i++) {
      put(table, key(i), new byte[0], scratch);
      put(table, key(-i - 1), new byte[0], scratch);
    }
    List<byte[]> keys = sortedKeys(table, null);
    assertThat(keys).hasSize(100_000);
    for (int i = 1; i < keys.size(); i++) {
      assertThat(Arrays.compareUnsigned(keys.get(i - 1), keys.get(i))).isNegative();
    }
  }

  @Test
  void emptyKeysEmptyValuesAndBigRecords() {
    BytesTable table = new BytesTable();
    byte[] big = new byte[3 << 20];
    Arrays.fill(big, (byte) 9);
    put(table, new byte[0], new byte[0], scratch);
    put(table, key(1), big, scratch);
    put(table, big, key(2), scratch);
    assertThat(get(table, new byte[0])).isEmpty();
    assertThat(get(table, key(1))).isEqualTo(big);
    assertThat(get(table, big)).isEqualTo(key(2));
    assertThat(sortedKeys(table, null)).containsExactly(new byte[0], key(1), big);
    assertThat(remove(table, key(1))).isTrue();
    put(table, key(3), new byte[10_000], scratch); // triggers compaction of the big garbage
    assertThat(table.garbageBytes()).isZero();
    // The 3 MiB key plus at most 1/8 of the live bytes of page slack.
    assertThat(table.memoryBytes()).isLessThan((long) (((3 << 20) + 10_000) * 1.15));
    assertThat(get(table, big)).isEqualTo(key(2));
  }

  @Test
  void memoryStaysUnderTwiceTheRawBytesForSmallEntries() {
    BytesTable table = new BytesTable();
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      byte[] k = ByteBuffer.allocate(8).putLong(i * 7919L).array();
      put(table, k, new byte[16], scratch);
    }
    long raw = n * 24L;
    assertThat((double) table.memoryBytes() / raw).isLessThan(2.0);
  }
}
