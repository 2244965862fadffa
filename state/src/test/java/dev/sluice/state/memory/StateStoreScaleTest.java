package dev.sluice.state.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.state.StateStore;
import dev.sluice.state.StateStoreMetrics;
import dev.sluice.state.StateStoreOptions;
import dev.sluice.state.StoreId;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One million small entries (8-byte keys, 16-byte values, 24 MB raw): the store's arrays stay under
 * twice the raw bytes, and a commit, a snapshot and a reload work at that size. Timings are
 * printed, not asserted ({@code StateFootprint} measures them properly).
 */
class StateStoreScaleTest {
  private static final int KEYS = 1_000_000;
  private static final long RAW = KEYS * 24L;

  @TempDir Path root;

  private static byte[] key(long i) {
    return ByteBuffer.allocate(8).putLong(i * 0x9E3779B97F4A7C15L).array();
  }

  private static byte[] value(long i) {
    return ByteBuffer.allocate(16).putLong(i).putLong(-i).array();
  }

  @Test
  void aMillionSmallEntriesFitInTwiceTheirRawBytesAndReload() {
    InMemoryStateStoreProvider provider =
        new InMemoryStateStoreProvider(root, new StateStoreOptions(2, 20));
    StoreId id = new StoreId("agg", 0);
    long commitNanos;
    try (StateStore store = provider.open(id, 0)) {
      for (long i = 0; i < KEYS; i++) {
        store.put(key(i), value(i));
      }
      StateStoreMetrics filled = store.metrics();
      assertThat(filled.numKeys()).isEqualTo(KEYS);
      assertThat((double) filled.memoryBytes() / RAW).isLessThan(2.0);
      store.commit(); // a delta of 1M puts
      for (long i = 0; i < KEYS; i += 100) {
        store.put(key(i), value(-i)); // 1% of the keys change
      }
      store.commit(); // a small delta and a 1M-entry snapshot
      commitNanos = store.metrics().lastCommitNanos();
      assertThat((double) store.metrics().memoryBytes() / RAW).isLessThan(2.0);
    }
    try (StateStore store = provider.open(id, 2)) {
      StateStoreMetrics loaded = store.metrics();
      assertThat(loaded.numKeys()).isEqualTo(KEYS);
      assertThat((double) loaded.memoryBytes() / RAW).isLessThan(2.0);
      assertThat(store.get(key(100))).isEqualTo(value(-100));
      assertThat(store.get(key(101))).isEqualTo(value(101));
      System.out.printf(
          "1M keys: memory %.2fx raw; commit with snapshot %d ms; load of %d bytes %d ms%n",
          (double) loaded.memoryBytes() / RAW,
          commitNanos / 1_000_000,
          loaded.loadBytesRead(),
          loaded.loadNanos() / 1_000_000);
    }
  }
}
