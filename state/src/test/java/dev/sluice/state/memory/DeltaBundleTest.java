package dev.sluice.state.memory;

import static dev.sluice.state.memory.StateTesting.bytes;
import static dev.sluice.state.memory.StateTesting.contents;
import static dev.sluice.state.memory.StateTesting.entries;
import static dev.sluice.state.memory.StateTesting.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.state.StateCorruptedException;
import dev.sluice.state.StateStore;
import dev.sluice.state.StateStoreOptions;
import dev.sluice.state.StoreId;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Committing a task's stores together into one delta bundle, and loading them back. */
class DeltaBundleTest {
  @TempDir Path root;

  private final Random random = new Random(7);

  /** Each key group's expected contents after each version: {version -> {keyGroup -> map}}. */
  private final Map<Long, Map<Integer, TreeMap<byte[], byte[]>>> expected = new HashMap<>();

  private List<StateStore> open(InMemoryStateStoreProvider provider, int first, int last, long v) {
    return IntStream.rangeClosed(first, last)
        .mapToObj(g -> provider.open(new StoreId("agg", g), v))
        .collect(Collectors.toList());
  }

  /** Random puts and removes in every store, recorded as the expected next version. */
  private void change(List<StateStore> stores, Map<Integer, TreeMap<byte[], byte[]>> current) {
    for (StateStore store : stores) {
      TreeMap<byte[], byte[]> reference =
          current.computeIfAbsent(store.id().keyGroup(), g -> StateTesting.newReference());
      for (int i = 0; i < 30; i++) {
        byte[] key = bytes("k" + random.nextInt(40));
        if (random.nextInt(4) == 0) {
          store.remove(key);
          reference.remove(key);
        } else {
          byte[] value = bytes("v" + random.nextInt(1000) + "@" + store.id().keyGroup());
          store.put(key, value);
          reference.put(key, value);
        }
      }
    }
  }

  private void record(long version, Map<Integer, TreeMap<byte[], byte[]>> current) {
    expected.put(version, copy(current));
  }

  private void assertLoads(InMemoryStateStoreProvider provider, int groups, long version) {
    for (int g = 0; g < groups; g++) {
      try (StateStore store = provider.open(new StoreId("agg", g), version)) {
        assertThat(contents(store))
            .as("key group %d at version %d", g, version)
            .isEqualTo(entries(expected.get(version).getOrDefault(g, new TreeMap<>())));
      }
    }
  }

  @Test
  void oneBundleFilePerTaskAndVersionHoldsEveryKeyGroupOfItsRange() {
    Map<Integer, TreeMap<byte[], byte[]>> current = new HashMap<>();
    try (InMemoryStateStoreProvider provider = new InMemoryStateStoreProvider(root)) {
      List<StateStore> low = open(provider, 0, 3, 0);
      List<StateStore> high = open(provider, 4, 7, 0);
      for (long v = 1; v <= 5; v++) {
        change(low, current);
        change(high, current);
        assertThat(provider.commitAll(low)).isEqualTo(v);
        assertThat(provider.commitAll(high)).isEqualTo(v);
        record(v, current);
      }
      low.forEach(StateStore::close);
      high.forEach(StateStore::close);

      assertThat(files(root.resolve("agg/bundles")))
          .containsExactlyInAnyOrder(
              "1.0-3.bundle",
              "2.0-3.bundle",
              "3.0-3.bundle",
              "4.0-3.bundle",
              "5.0-3.bundle",
              "1.4-7.bundle",
              "2.4-7.bundle",
              "3.4-7.bundle",
              "4.4-7.bundle",
              "5.4-7.bundle");
      assertThat(files(root.resolve("agg/0"))).isEmpty();
      for (long v = 1; v <= 5; v++) {
        assertLoads(provider, 8, v);
      }
    }
  }

  @Test
  void aReRunWithAnotherSplitReplacesTheAbandonedRunsBundles() {
    Map<Integer, TreeMap<byte[], byte[]>> current = new HashMap<>();
    try (InMemoryStateStoreProvider provider = new InMemoryStateStoreProvider(root)) {
      List<StateStore> all = open(provider, 0, 3, 0);
      change(all, current);
      provider.commitAll(all);
      record(1, current);
      // An abandoned run commits versions 2 and 3 with one task owning every key group ...
      Map<Integer, TreeMap<byte[], byte[]>> abandoned = copy(current);
      change(all, abandoned);
      provider.commitAll(all);
      change(all, abandoned);
      provider.commitAll(all);
      all.forEach(StateStore::close);

      // ... and the re-run of version 2 splits them into two tasks.
      List<StateStore> low = open(provider, 0, 1, 1);
      List<StateStore> high = open(provider, 2, 3, 1);
      change(low, current);
      change(high, current);
      provider.commitAll(low);
      provider.commitAll(high);
      record(2, current);
      low.forEach(StateStore::close);
      high.forEach(StateStore::close);

      assertThat(files(root.resolve("agg/bundles")))
          .containsExactlyInAnyOrder("1.0-3.bundle", "2.0-1.bundle", "2.2-3.bundle");
      assertLoads(provider, 4, 1);
      assertLoads(provider, 4, 2);
    }
  }

  @Test
  void retentionDeletesBundlesNoRetainedVersionNeeds() {
    StateStoreOptions options = new StateStoreOptions(3, 4);
    Map<Integer, TreeMap<byte[], byte[]>> current = new HashMap<>();
    try (InMemoryStateStoreProvider provider = new InMemoryStateStoreProvider(root, options)) {
      List<StateStore> stores = open(provider, 0, 2, 0);
      for (long v = 1; v <= 10; v++) {
        change(stores, current);
        provider.commitAll(stores);
        record(v, current);
      }
      stores.forEach(StateStore::close);
      // Retained: 7..10. Version 7 loads from snapshot 6 plus the delta of 7.
      assertThat(files(root.resolve("agg/bundles")))
          .containsExactlyInAnyOrder(
              "7.0-2.bundle", "8.0-2.bundle", "9.0-2.bundle", "10.0-2.bundle");
      assertThat(files(root.resolve("agg/1")))
          .containsExactlyInAnyOrder("6.snapshot", "9.snapshot");
      for (long v = 7; v <= 10; v++) {
        assertLoads(provider, 3, v);
      }
    }
  }

  @Test
  void maintenanceDeletesBundlesOfAnOlderSplitOnceNoKeyGroupNeedsThem() {
    StateStoreOptions options = new StateStoreOptions(2, 2);
    Map<Integer, TreeMap<byte[], byte[]>> current = new HashMap<>();
    try (InMemoryStateStoreProvider provider = new InMemoryStateStoreProvider(root, options)) {
      List<StateStore> all = open(provider, 0, 3, 0);
      change(all, current);
      provider.commitAll(all);
      all.forEach(StateStore::close);
      List<StateStore> low = open(provider, 0, 1, 1);
      List<StateStore> high = open(provider, 2, 3, 1);
      for (long v = 2; v <= 6; v++) {
        change(low, current);
        change(high, current);
        provider.commitAll(low);
        provider.commitAll(high);
        record(v, current);
      }
      low.forEach(StateStore::close);
      high.forEach(StateStore::close);
      // Neither task may delete the bundle that also holds the other's key groups.
      assertThat(files(root.resolve("agg/bundles"))).contains("1.0-3.bundle");

      provider.doMaintenance();

      assertThat(files(root.resolve("agg/bundles")))
          .containsExactlyInAnyOrder(
              "5.0-1.bundle", "5.2-3.bundle", "6.0-1.bundle", "6.2-3.bundle");
      assertLoads(provider, 4, 5);
      assertLoads(provider, 4, 6);
    }
  }

  @Test
  void aDamagedSectionFailsOnlyItsKeyGroupNamingTheFileAndTheSection() throws Exception {
    Map<Integer, TreeMap<byte[], byte[]>> current = new HashMap<>();
    try (InMemoryStateStoreProvider provider = new InMemoryStateStoreProvider(root)) {
      List<StateStore> stores = open(provider, 0, 2, 0);
      change(stores, current);
      provider.commitAll(stores);
      record(1, current);
      stores.forEach(StateStore::close);
    }
    Path bundle = root.resolve("agg/bundles/1.0-2.bundle");
    // Flip a byte inside the second section (key group 1): sections follow each other from byte 0.
    long firstSectionLength;
    try (StateStore store = new InMemoryStateStoreProvider(root).open(new StoreId("agg", 0), 1)) {
      firstSectionLength = store.metrics().loadBytesRead();
    }
    try (RandomAccessFile file = new RandomAccessFile(bundle.toFile(), "rw")) {
      file.seek(firstSectionLength + 60);
      int b = file.read();
      file.seek(firstSectionLength + 60);
      file.write(b ^ 0x40);
    }
    try (InMemoryStateStoreProvider provider = new InMemoryStateStoreProvider(root)) {
      assertThatThrownBy(() -> provider.open(new StoreId("agg", 1), 1))
          .isInstanceOf(StateCorruptedException.class)
          .hasMessageContaining(bundle.toString())
          .hasMessageContaining("section for key group 1 at bytes " + firstSectionLength + "..")
          .hasMessageContaining("checksum mismatch");
      assertLoadsGroup(provider, 0, 1);
      assertLoadsGroup(provider, 2, 1);
    }
  }

  private void assertLoadsGroup(InMemoryStateStoreProvider provider, int g, long v) {
    try (StateStore store = provider.open(new StoreId("agg", g), v)) {
      assertThat(contents(store)).isEqualTo(entries(expected.get(v).get(g)));
    }
  }

  @Test
  void aDamagedIndexOrAMissingBundleIsReported() throws Exception {
    Map<Integer, TreeMap<byte[], byte[]>> current = new HashMap<>();
    try (InMemoryStateStoreProvider provider = new InMemoryStateStoreProvider(root)) {
      List<StateStore> stores = open(provider, 0, 1, 0);
      change(stores, current);
      provider.commitAll(stores);
      change(stores, current);
      provider.commitAll(stores);
      stores.forEach(StateStore::close);
    }
    Path second = root.resolve("agg/bundles/2.0-1.bundle");
    long size = Files.size(second);
    try (RandomAccessFile file = new RandomAccessFile(second.toFile(), "rw")) {
      file.seek(size - 12); // inside the index: the last section's length
      file.write(0x7f);
    }
    try (InMemoryStateStoreProvider provider = new InMemoryStateStoreProvider(root)) {
      assertThatThrownBy(() -> provider.open(new StoreId("agg", 0), 2))
          .isInstanceOf(StateCorruptedException.class)
          .hasMessageContaining(second.toString())
          .hasMessageContaining("index's checksum does not match");
    }
    Files.delete(root.resolve("agg/bundles/1.0-1.bundle"));
    try (InMemoryStateStoreProvider provider = new InMemoryStateStoreProvider(root)) {
      assertThatThrownBy(() -> provider.open(new StoreId("agg", 1), 1))
          .isInstanceOf(StateCorruptedException.class)
          .hasMessageContaining("1.delta is missing; it is needed to load version 1 of store agg/1")
          .hasMessageContaining("bundled deltas 2");
    }
  }

  @Test
  void storesCommittedTogetherMustBeOneOperatorsConsecutiveKeyGroupsAtOneVersion() {
    try (InMemoryStateStoreProvider provider = new InMemoryStateStoreProvider(root)) {
      StateStore a0 = provider.open(new StoreId("agg", 0), 0);
      StateStore a2 = provider.open(new StoreId("agg", 2), 0);
      StateStore b1 = provider.open(new StoreId("other", 1), 0);
      assertThatThrownBy(() -> provider.commitAll(List.of(a0, a2)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("consecutive key groups");
      assertThatThrownBy(() -> provider.commitAll(List.of(a0, b1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("one operator");
      assertThatThrownBy(() -> provider.commitAll(new ArrayList<>()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("no stores to commit");
    }
  }

  private static Map<Integer, TreeMap<byte[], byte[]>> copy(
      Map<Integer, TreeMap<byte[], byte[]>> maps) {
    Map<Integer, TreeMap<byte[], byte[]>> copy = new HashMap<>();
    maps.forEach(
        (g, map) -> {
          TreeMap<byte[], byte[]> m = StateTesting.newReference();
          m.putAll(map);
          copy.put(g, m);
        });
    return copy;
  }
}
