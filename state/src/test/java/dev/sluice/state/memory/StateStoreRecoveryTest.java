package dev.sluice.state.memory;

import static dev.sluice.state.memory.StateTesting.bytes;
import static dev.sluice.state.memory.StateTesting.contents;
import static dev.sluice.state.memory.StateTesting.entries;
import static dev.sluice.state.memory.StateTesting.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.state.StateCorruptedException;
import dev.sluice.state.StateEntry;
import dev.sluice.state.StateStore;
import dev.sluice.state.StateStoreOptions;
import dev.sluice.state.StoreId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reloading versions from snapshots and deltas, retention, corruption, re-runs, maintenance. */
class StateStoreRecoveryTest {
  private static final StoreId ID = new StoreId("agg", 3);

  @TempDir Path root;

  private Path dir() {
    return root.resolve("agg/3");
  }

  /** Random changes of one batch, applied to the store and to the reference. */
  private static void randomBatch(
      Random random, StateStore store, TreeMap<byte[], byte[]> reference, int keySpace) {
    int operations = random.nextInt(60);
    for (int i = 0; i < operations; i++) {
      byte[] key = bytes("k" + random.nextInt(keySpace));
      if (random.nextInt(4) == 0) {
        store.remove(key);
        reference.remove(key);
      } else {
        byte[] value = new byte[random.nextInt(4) == 0 ? random.nextInt(200) : 8];
        random.nextBytes(value);
        store.put(key, value);
        reference.put(key, value);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void everyVersionReloadsFromSnapshotsAndDeltas(long seed) {
    Random random = new Random(seed);
    int interval = 1 + random.nextInt(5);
    InMemoryStateStoreProvider provider =
        new InMemoryStateStoreProvider(root, new StateStoreOptions(interval, 1000));
    List<List<StateEntry>> versions = new ArrayList<>();
    TreeMap<byte[], byte[]> reference = StateTesting.newReference();
    versions.add(List.of());
    try (StateStore store = provider.open(ID, 0)) {
      for (int v = 1; v <= 40; v++) {
        randomBatch(random, store, reference, 100);
        if (random.nextInt(5) == 0) {
          // A failed batch: abort, then the reference goes back too.
          store.abort();
          reference.clear();
          for (StateEntry e : versions.get(v - 1)) {
            reference.put(e.key(), e.value());
          }
          randomBatch(random, store, reference, 100);
        }
        assertThat(contents(store)).containsExactlyElementsOf(entries(reference));
        assertThat(store.commit()).isEqualTo(v);
        versions.add(entries(reference));
      }
    }
    for (int v = 0; v <= 40; v++) {
      try (StateStore store = provider.open(ID, v)) {
        assertThat(contents(store)).as("version %d", v).isEqualTo(versions.get(v));
        assertThat(store.numKeys()).isEqualTo(versions.get(v).size());
      }
    }
    // Reopen at random versions and continue from there: the new timeline replaces the old one.
    for (int round = 0; round < 5; round++) {
      int from = random.nextInt(versions.size());
      TreeMap<byte[], byte[]> branch = StateTesting.newReference();
      versions.get(from).forEach(e -> branch.put(e.key(), e.value()));
      try (StateStore store = provider.open(ID, from)) {
        randomBatch(random, store, branch, 100);
        assertThat(store.commit()).isEqualTo(from + 1);
      }
      while (versions.size() > from + 1) {
        versions.remove(versions.size() - 1);
      }
      versions.add(entries(branch));
      try (StateStore store = provider.open(ID, from + 1)) {
        assertThat(contents(store)).isEqualTo(versions.get(from + 1));
      }
      long abandoned = from + 2;
      assertThatThrownBy(() -> provider.open(ID, abandoned))
          .isInstanceOf(StateCorruptedException.class)
          .hasMessageContaining(abandoned + ".delta is missing");
    }
  }

  @Test
  void manyKeysSurviveSnapshotAndDeltasExactly() {
    InMemoryStateStoreProvider provider =
        new InMemoryStateStoreProvider(root, new StateStoreOptions(2, 10));
    Random random = new Random(9);
    TreeMap<byte[], byte[]> reference = StateTesting.newReference();
    try (StateStore store = provider.open(ID, 0)) {
      for (int v = 1; v <= 5; v++) {
        for (int i = 0; i < 20_000; i++) {
          byte[] key = bytes("key-" + random.nextInt(50_000));
          if (random.nextInt(5) == 0) {
            store.remove(key);
            reference.remove(key);
          } else {
            byte[] value = bytes("value-" + random.nextInt());
            store.put(key, value);
            reference.put(key, value);
          }
        }
        store.commit();
      }
    }
    try (StateStore store = provider.open(ID, 5)) {
      assertThat(contents(store)).isEqualTo(entries(reference));
    }
  }

  /**
   * The files expected after committing {@code latest}: with snapshots at multiples of the interval
   * and {@code base} the newest one at or before the oldest retained version, the snapshots from
   * {@code base} on and the deltas after {@code base} or of retained versions.
   */
  private static TreeSet<String> expectedFiles(long latest, int retained, int interval) {
    long oldest = Math.max(1, latest - retained + 1);
    long base = oldest / interval * interval;
    TreeSet<String> expected = new TreeSet<>();
    for (long d = 1; d <= latest; d++) {
      if (d > base || d >= oldest) {
        expected.add("agg/3/" + d + ".delta");
      }
    }
    for (long s = interval; s <= latest; s += interval) {
      if (s >= base) {
        expected.add("agg/3/" + s + ".snapshot");
      }
    }
    return expected;
  }

  @ParameterizedTest
  @ValueSource(strings = {"3,4", "3,1", "1,1", "5,12", "10,20", "4,4", "7,2"})
  void retentionDeletesExactlyTheFilesNoRetainedVersionNeeds(String config) {
    int interval = Integer.parseInt(config.split(",")[0]);
    int retained = Integer.parseInt(config.split(",")[1]);
    InMemoryStateStoreProvider provider =
        new InMemoryStateStoreProvider(root, new StateStoreOptions(interval, retained));
    try (StateStore store = provider.open(ID, 0)) {
      for (long v = 1; v <= 45; v++) {
        store.put(bytes("k" + v), bytes("v"));
        store.commit();
        assertThat(files(root))
            .as("after version %d", v)
            .isEqualTo(expectedFiles(v, retained, interval));
      }
    }
    // Every retained version loads, with the right contents.
    for (long v = 46 - retained; v <= 45; v++) {
      try (StateStore store = provider.open(ID, v)) {
        assertThat(store.numKeys()).isEqualTo(v);
      }
    }
    // The version just before the base snapshot of the oldest retained one is gone.
    long base = (46 - retained) / interval * interval;
    if (base >= 2) {
      assertThatThrownBy(() -> provider.open(ID, base - 1))
          .isInstanceOf(StateCorruptedException.class)
          .hasMessageContaining("is missing");
    }
  }

  private void writeVersions(int count, int interval) {
    InMemoryStateStoreProvider provider =
        new InMemoryStateStoreProvider(root, new StateStoreOptions(interval, 100));
    try (StateStore store = provider.open(ID, 0)) {
      for (int v = 1; v <= count; v++) {
        store.put(bytes("key" + v), bytes("value" + v));
        store.put(bytes("shared"), bytes("v" + v));
        store.commit();
      }
    }
  }

  private StateCorruptedException loadFails(long version) {
    InMemoryStateStoreProvider provider = new InMemoryStateStoreProvider(root);
    try {
      provider.open(ID, version).close();
    } catch (StateCorruptedException e) {
      // Nothing stays open: the id can be opened again.
      provider.open(ID, 0).close();
      return e;
    }
    throw new AssertionError("loading version " + version + " did not fail");
  }

  @Test
  void truncatedDeltaIsDetected() throws Exception {
    writeVersions(4, 3);
    Path delta = dir().resolve("4.delta");
    byte[] bytes = Files.readAllBytes(delta);
    for (int cut : new int[] {1, 4, 5, bytes.length / 2, bytes.length - 10, 30, 0}) {
      Files.write(delta, java.util.Arrays.copyOf(bytes, cut));
      StateCorruptedException e = loadFails(4);
      assertThat(e.path()).isEqualTo(delta);
      assertThat(e.getMessage()).contains(delta.toString()).contains("truncated");
    }
  }

  @Test
  void everyFlippedByteInASnapshotIsDetected() throws Exception {
    writeVersions(3, 3);
    Path snapshot = dir().resolve("3.snapshot");
    byte[] good = Files.readAllBytes(snapshot);
    for (int i = 0; i < good.length; i++) {
      byte[] bad = good.clone();
      bad[i] ^= 0x10;
      Files.write(snapshot, bad);
      StateCorruptedException e = loadFails(3);
      assertThat(e.path()).isEqualTo(snapshot);
      assertThat(e.getMessage()).as("flipped byte %d", i).contains(snapshot.toString());
      if (i >= 6) {
        assertThat(e.getMessage()).as("flipped byte %d", i).contains("checksum mismatch");
      }
    }
    Files.write(snapshot, good);
    new InMemoryStateStoreProvider(root).open(ID, 3).close();
  }

  @Test
  void missingDeltaIsDetected() throws Exception {
    writeVersions(5, 3);
    Files.delete(dir().resolve("5.delta"));
    StateCorruptedException e = loadFails(5);
    assertThat(e.path()).isEqualTo(dir().resolve("5.delta"));
    assertThat(e.getMessage())
        .contains("5.delta is missing; it is needed to load version 5 of store agg/3")
        .contains("from snapshot 3")
        .contains("snapshots 3, deltas 1..4");
    Files.delete(dir().resolve("3.snapshot"));
    Files.delete(dir().resolve("2.delta"));
    assertThat(loadFails(4).getMessage())
        .contains("2.delta is missing")
        .contains("no snapshot at or before it");
    // A version beyond the newest.
    assertThat(loadFails(9).path()).isEqualTo(dir().resolve("2.delta"));
    // A store whose directory does not exist at all.
    InMemoryStateStoreProvider provider = new InMemoryStateStoreProvider(root);
    assertThatThrownBy(() -> provider.open(new StoreId("other", 0), 1))
        .isInstanceOf(StateCorruptedException.class)
        .hasMessageContaining(root.resolve("other/0").toString())
        .hasMessageContaining("is missing");
  }

  @Test
  void wrongMagicIsDetected() throws Exception {
    writeVersions(2, 3);
    Path delta = dir().resolve("2.delta");
    byte[] bytes = Files.readAllBytes(delta);
    bytes[0] = 'X';
    Files.write(delta, bytes);
    StateCorruptedException e = loadFails(2);
    assertThat(e.path()).isEqualTo(delta);
    assertThat(e.getMessage()).contains("is not a Sluice state file").contains("0x584c5354");
  }

  @Test
  void newerFormatVersionIsRefused() throws Exception {
    writeVersions(1, 3);
    Path delta = dir().resolve("1.delta");
    byte[] bytes = Files.readAllBytes(delta);
    bytes[5] = 2;
    Files.write(delta, bytes);
    assertThat(loadFails(1).getMessage())
        .contains("has format version 2, but this build reads only version 1")
        .contains("newer Sluice");
  }

  @Test
  void aFileOfAnotherVersionOrStoreIsDetected() throws Exception {
    writeVersions(3, 100);
    Files.copy(
        dir().resolve("2.delta"),
        dir().resolve("3.delta"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(loadFails(3).getMessage())
        .contains("3.delta is inconsistent: belongs to version 2 of store agg/3")
        .contains("expected version 3 of store agg/3");
    Path otherStore = root.resolve("agg/4");
    Files.createDirectories(otherStore);
    Files.copy(dir().resolve("1.delta"), otherStore.resolve("1.delta"));
    InMemoryStateStoreProvider provider = new InMemoryStateStoreProvider(root);
    assertThatThrownBy(() -> provider.open(new StoreId("agg", 4), 1))
        .isInstanceOf(StateCorruptedException.class)
        .hasMessageContaining("belongs to version 1 of store agg/3");
    // A snapshot under a delta's name.
    writeVersions(3, 3);
    Files.copy(
        dir().resolve("3.snapshot"),
        dir().resolve("2.delta"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(loadFails(2).getMessage())
        .contains("is a snapshot file")
        .contains("expected a delta");
  }

  @Test
  void bytesAfterTheLastEntryAreDetected() throws Exception {
    writeVersions(2, 100);
    Path delta = dir().resolve("2.delta");
    byte[] bytes = Files.readAllBytes(delta);
    byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 3);
    System.arraycopy(bytes, bytes.length - 4, longer, bytes.length - 1, 4);
    Files.write(delta, longer);
    assertThat(loadFails(2).getMessage()).contains("unexpected bytes after its last entry");
  }

  @Test
  void aDeltaOnTheWrongBaseIsDetected() throws Exception {
    writeVersions(3, 100);
    // Version 2's delta adds key2; pretend key1 was never added by dropping delta 1's content.
    InMemoryStateStoreProvider provider =
        new InMemoryStateStoreProvider(root.resolve("other"), new StateStoreOptions(100, 100));
    try (StateStore store = provider.open(ID, 0)) {
      store.put(bytes("shared"), bytes("v1"));
      store.commit();
    }
    Files.copy(
        root.resolve("other/agg/3/1.delta"),
        dir().resolve("1.delta"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(loadFails(2).getMessage())
        .contains("2.delta does not fit the files before it")
        .contains("holds 2 keys, but the file says 3");
  }

  @Test
  void recommittingAVersionIsIdempotent() throws Exception {
    InMemoryStateStoreProvider provider =
        new InMemoryStateStoreProvider(root, new StateStoreOptions(2, 100));
    try (StateStore store = provider.open(ID, 0)) {
      for (int v = 1; v <= 5; v++) {
        store.put(bytes("k" + v), bytes("v" + v));
        store.commit();
      }
    }
    Map<String, byte[]> before = new HashMap<>();
    for (String name : files(root)) {
      before.put(name, Files.readAllBytes(root.resolve(name)));
    }
    // A re-run of batch 3 after a crash: same input, same changes, same files.
    try (StateStore store = provider.open(ID, 2)) {
      store.put(bytes("k3"), bytes("v3"));
      store.commit();
      store.put(bytes("k4"), bytes("v4"));
      store.commit();
      store.put(bytes("k5"), bytes("v5"));
      store.commit();
    }
    assertThat(files(root)).isEqualTo(new TreeSet<>(before.keySet()));
    for (String name : files(root)) {
      assertThat(Files.readAllBytes(root.resolve(name))).as(name).isEqualTo(before.get(name));
    }
    // A re-run that differs (nondeterministic input) replaces version 3 and drops 4 and 5.
    try (StateStore store = provider.open(ID, 2)) {
      store.put(bytes("k3"), bytes("different"));
      assertThat(store.commit()).isEqualTo(3);
    }
    assertThat(files(root))
        .containsExactly("agg/3/1.delta", "agg/3/2.delta", "agg/3/2.snapshot", "agg/3/3.delta");
    try (StateStore store = provider.open(ID, 3)) {
      assertThat(store.get(bytes("k3"))).isEqualTo(bytes("different"));
    }
  }

  @Test
  void leftoverTempFilesAreIgnoredAndCleaned() throws Exception {
    writeVersions(2, 100);
    Files.write(dir().resolve(".3.delta.tmp"), new byte[] {1, 2, 3});
    InMemoryStateStoreProvider provider = new InMemoryStateStoreProvider(root);
    try (StateStore store = provider.open(ID, 2)) {
      assertThat(store.numKeys()).isEqualTo(3);
      store.commit();
    }
    assertThat(files(root)).doesNotContain("agg/3/.3.delta.tmp").contains("agg/3/3.delta");
  }

  @Test
  void maintenanceSnapshotsTheNewestVersionAndAppliesRetention() throws Exception {
    InMemoryStateStoreProvider provider =
        new InMemoryStateStoreProvider(root, new StateStoreOptions(1000, 3));
    StoreId second = new StoreId("join-left", 0);
    try (StateStore a = provider.open(ID, 0);
        StateStore b = provider.open(second, 0)) {
      for (int v = 1; v <= 6; v++) {
        a.put(bytes("a" + v), bytes("x"));
        b.put(bytes("b" + v), bytes("y"));
        a.commit();
        b.commit();
      }
      provider.doMaintenance();
      assertThat(files(root))
          .containsExactly(
              "agg/3/1.delta",
              "agg/3/2.delta",
              "agg/3/3.delta",
              "agg/3/4.delta",
              "agg/3/5.delta",
              "agg/3/6.delta",
              "agg/3/6.snapshot",
              "join-left/0/1.delta",
              "join-left/0/2.delta",
              "join-left/0/3.delta",
              "join-left/0/4.delta",
              "join-left/0/5.delta",
              "join-left/0/6.delta",
              "join-left/0/6.snapshot");
      // The stores go on; once the oldest retained version is past the snapshot, retention drops
      // the deltas before it.
      for (int v = 7; v <= 9; v++) {
        a.put(bytes("a" + v), bytes("x"));
        a.commit();
      }
      assertThat(files(root.resolve("agg")))
          .containsExactly("3/6.snapshot", "3/7.delta", "3/8.delta", "3/9.delta");
      provider.doMaintenance();
      assertThat(files(root.resolve("agg")))
          .containsExactly("3/6.snapshot", "3/7.delta", "3/8.delta", "3/9.delta", "3/9.snapshot");
    }
    try (StateStore a = provider.open(ID, 9)) {
      assertThat(a.numKeys()).isEqualTo(9);
      assertThat(a.metrics().loadBytesRead())
          .isEqualTo(Files.size(root.resolve("agg/3/9.snapshot")));
    }
    new InMemoryStateStoreProvider(root.resolve("does-not-exist")).doMaintenance();
  }

  @Test
  void maintenanceRunsConcurrentlyWithCommits() throws Exception {
    InMemoryStateStoreProvider provider =
        new InMemoryStateStoreProvider(root, new StateStoreOptions(1000, 5));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int g = 0; g < 3; g++) {
        StoreId id = new StoreId("agg", g);
        writers.add(
            pool.submit(
                () -> {
                  try (StateStore store = provider.open(id, 0)) {
                    for (int v = 1; v <= 60; v++) {
                      for (int i = 0; i < 50; i++) {
                        store.put(bytes("k" + (v * 50 + i) % 500), bytes("v" + v));
                      }
                      store.commit();
                    }
                  }
                  return null;
                }));
      }
      Future<?> maintenance =
          pool.submit(
              () -> {
                while (writers.stream().anyMatch(f -> !f.isDone())) {
                  provider.doMaintenance();
                }
                return null;
              });
      for (Future<?> writer : writers) {
        writer.get();
      }
      maintenance.get();
    } finally {
      pool.shutdownNow();
    }
    for (int g = 0; g < 3; g++) {
      for (int v = 56; v <= 60; v++) {
        try (StateStore store = provider.open(new StoreId("agg", g), v)) {
          assertThat(store.numKeys()).isEqualTo(500);
          assertThat(store.get(bytes("k" + (v * 50 + 49) % 500))).isEqualTo(bytes("v" + v));
        }
      }
    }
  }
}
