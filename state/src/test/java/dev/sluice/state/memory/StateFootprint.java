package dev.sluice.state.memory;

import dev.sluice.state.KeyGroups;
import dev.sluice.state.StateStore;
import dev.sluice.state.StateStoreMetrics;
import dev.sluice.state.StateStoreOptions;
import dev.sluice.state.StoreId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Measures the real heap footprint and the timings of the in-memory store for 1M entries of 8-byte
 * keys and 16-byte values (24 MB raw), by used-heap deltas after full GCs, and compares with a
 * {@code HashMap<ByteBuffer, byte[]>}. Not a test: run it by hand, e.g.
 *
 * <pre>
 * java -Xmx4g -XX:+UseSerialGC -cp state/target/test-classes:state/target/classes \
 *     dev.sluice.state.memory.StateFootprint
 * </pre>
 *
 * The numbers are reported in {@code state/STATE.md}.
 */
public final class StateFootprint {
  private static final int KEYS = 1_000_000;
  private static final long RAW = KEYS * 24L;

  private StateFootprint() {}

  private static byte[] key(long i) {
    return ByteBuffer.allocate(8).putLong(i * 0x9E3779B97F4A7C15L).array();
  }

  private static byte[] value(long i) {
    return ByteBuffer.allocate(16).putLong(i).putLong(-i).array();
  }

  private static long usedAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
    }
    return used;
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  public static void main(String[] args) throws IOException {
    Path root = Files.createTempDirectory("sluice-state-footprint");
    try {
      run(root);
    } finally {
      try (Stream<Path> walk = Files.walk(root)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void run(Path root) {
    StoreId id = new StoreId("agg", 0);
    InMemoryStateStoreProvider provider =
        new InMemoryStateStoreProvider(root.resolve("one"), new StateStoreOptions(3, 20));

    // 1. HashMap<ByteBuffer, byte[]> for comparison.
    long before = usedAfterGc();
    Map<ByteBuffer, byte[]> map = new HashMap<>();
    for (long i = 0; i < KEYS; i++) {
      map.put(ByteBuffer.wrap(key(i)), value(i));
    }
    long hashMapBytes = usedAfterGc() - before;
    System.out.printf(
        "HashMap<ByteBuffer, byte[]>: %.1f MB = %.2fx raw%n",
        hashMapBytes / 1e6, (double) hashMapBytes / RAW);
    map = null;

    // 2. One store with 1M keys, built by puts.
    before = usedAfterGc();
    StateStore store = provider.open(id, 0);
    long start = System.nanoTime();
    for (long i = 0; i < KEYS; i++) {
      store.put(key(i), value(i));
    }
    long putNanos = System.nanoTime() - start;
    long storeBytes = usedAfterGc() - before;
    StateStoreMetrics m = store.metrics();
    System.out.printf(
        "store built by 1M puts: measured %.1f MB = %.2fx raw; metrics %.1f MB = %.2fx; puts %.0f ms"
            + " (%.0f ns/put)%n",
        storeBytes / 1e6,
        (double) storeBytes / RAW,
        m.memoryBytes() / 1e6,
        (double) m.memoryBytes() / RAW,
        ms(putNanos),
        (double) putNanos / KEYS);

    start = System.nanoTime();
    long hits = 0;
    for (long i = 0; i < KEYS; i++) {
      hits += store.get(key(i)).length;
    }
    System.out.printf("1M gets: %.0f ms (%d bytes)%n", ms(System.nanoTime() - start), hits);

    store.commit(); // version 1: delta of 1M puts
    System.out.printf(
        "commit v1 (delta of 1M puts, %.1f MB): %.0f ms%n",
        store.metrics().lastCommitBytesWritten() / 1e6, ms(store.metrics().lastCommitNanos()));
    for (long i = 0; i < KEYS; i += 100) {
      store.put(key(i), value(-i));
    }
    store.commit(); // version 2: small delta
    System.out.printf(
        "commit v2 (delta of 10k puts, %.2f MB): %.1f ms%n",
        store.metrics().lastCommitBytesWritten() / 1e6, ms(store.metrics().lastCommitNanos()));
    for (long i = 1; i < KEYS; i += 100) {
      store.put(key(i), value(-i));
    }
    store.commit(); // version 3: small delta plus snapshot of 1M
    System.out.printf(
        "commit v3 (delta of 10k puts + snapshot of 1M, %.1f MB): %.0f ms%n",
        store.metrics().lastCommitBytesWritten() / 1e6, ms(store.metrics().lastCommitNanos()));
    start = System.nanoTime();
    long n = 0;
    for (var it = store.iterator(); it.hasNext(); it.next()) {
      n++;
    }
    System.out.printf(
        "sorted iteration of %d entries: %.0f ms%n", n, ms(System.nanoTime() - start));
    for (long i = 2; i < KEYS; i += 100) {
      store.put(key(i), value(-i));
    }
    store.commit(); // version 4: delta after the snapshot
    store.close();
    store = null;

    // 3. Restart: load from the snapshot (v3) and from snapshot + delta (v4); and v2 from deltas.
    for (long version : new long[] {3, 4, 2}) {
      before = usedAfterGc();
      StateStore loaded = provider.open(id, version);
      long loadedBytes = usedAfterGc() - before;
      StateStoreMetrics lm = loaded.metrics();
      System.out.printf(
          "load v%d (%.1f MB of files): %.0f ms; measured %.1f MB = %.2fx raw; metrics %.2fx%n",
          version,
          lm.loadBytesRead() / 1e6,
          ms(lm.loadNanos()),
          loadedBytes / 1e6,
          (double) loadedBytes / RAW,
          (double) lm.memoryBytes() / RAW);
      loaded.close();
    }

    // 4. The same 1M keys spread over 128 key-group stores, as an operator holds them.
    KeyGroups groups = KeyGroups.defaults();
    InMemoryStateStoreProvider spread =
        new InMemoryStateStoreProvider(root.resolve("spread"), new StateStoreOptions(10, 20));
    before = usedAfterGc();
    List<StateStore> stores = new ArrayList<>();
    for (int g = 0; g < groups.count(); g++) {
      stores.add(spread.open(new StoreId("agg", g), 0));
    }
    start = System.nanoTime();
    for (long i = 0; i < KEYS; i++) {
      byte[] k = key(i);
      stores.get(groups.keyGroupOf(k)).put(k, value(i));
    }
    putNanos = System.nanoTime() - start;
    long spreadBytes = usedAfterGc() - before;
    long metricBytes = stores.stream().mapToLong(s -> s.metrics().memoryBytes()).sum();
    System.out.printf(
        "128 key-group stores: measured %.1f MB = %.2fx raw; metrics %.2fx; puts %.0f ms%n",
        spreadBytes / 1e6, (double) spreadBytes / RAW, (double) metricBytes / RAW, ms(putNanos));
    start = System.nanoTime();
    for (StateStore s : stores) {
      s.commit();
    }
    System.out.printf(
        "commit of 128 stores (1M puts in deltas): %.0f ms%n", ms(System.nanoTime() - start));
    start = System.nanoTime();
    for (StateStore s : stores) {
      s.commit();
    }
    System.out.printf(
        "commit of 128 unchanged stores (empty deltas): %.0f ms%n", ms(System.nanoTime() - start));
    start = System.nanoTime();
    spread.commitAll(stores.subList(0, 64));
    spread.commitAll(stores.subList(64, 128));
    System.out.printf(
        "commitAll of 128 unchanged stores (two bundles of 64): %.0f ms%n",
        ms(System.nanoTime() - start));
    for (StateStore s : stores) {
      s.close();
    }
    spread.doMaintenance();
    start = System.nanoTime();
    long loadedKeys = 0;
    for (int g = 0; g < groups.count(); g++) {
      try (StateStore s = spread.open(new StoreId("agg", g), 3)) {
        loadedKeys += s.numKeys();
      }
    }
    System.out.printf(
        "restart: load 128 stores from snapshots (%d keys): %.0f ms%n",
        loadedKeys, ms(System.nanoTime() - start));
  }
}
