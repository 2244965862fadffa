package dev.sluice.state.memory;

import static dev.sluice.state.memory.StateTesting.bytes;
import static dev.sluice.state.memory.StateTesting.contents;
import static dev.sluice.state.memory.StateTesting.drain;
import static dev.sluice.state.memory.StateTesting.entries;
import static dev.sluice.state.memory.StateTesting.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.state.StateEntry;
import dev.sluice.state.StateStore;
import dev.sluice.state.StateStoreMetrics;
import dev.sluice.state.StateStoreOptions;
import dev.sluice.state.StoreId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InMemoryStateStoreTest {
  private static final StoreId ID = new StoreId("agg-1", 7);

  @TempDir Path root;

  private InMemoryStateStoreProvider provider() {
    return new InMemoryStateStoreProvider(root, new StateStoreOptions(3, 100));
  }

  @Test
  void putGetRemoveAndOverwrite() {
    try (StateStore store = provider().open(ID, 0)) {
      assertThat(store.version()).isZero();
      assertThat(store.id()).isEqualTo(ID);
      assertThat(store.get(bytes("a"))).isNull();
      store.put(bytes("a"), bytes("1"));
      store.put(bytes("b"), bytes("2"));
      store.put(new byte[0], bytes("empty key"));
      store.put(bytes("c"), new byte[0]);
      assertThat(store.get(bytes("a"))).isEqualTo(bytes("1"));
      assertThat(store.get(new byte[0])).isEqualTo(bytes("empty key"));
      assertThat(store.get(bytes("c"))).isEmpty();
      assertThat(store.numKeys()).isEqualTo(4);
      store.put(bytes("a"), bytes("one, longer"));
      assertThat(store.get(bytes("a"))).isEqualTo(bytes("one, longer"));
      store.remove(bytes("b"));
      store.remove(bytes("never there"));
      assertThat(store.get(bytes("b"))).isNull();
      assertThat(store.numKeys()).isEqualTo(3);
    }
  }

  @Test
  void storeCopiesWhatItIsGivenAndWhatItReturns() {
    try (StateStore store = provider().open(ID, 0)) {
      byte[] key = bytes("k");
      byte[] value = bytes("v");
      store.put(key, value);
      key[0] = 'x';
      value[0] = 'x';
      assertThat(store.get(bytes("k"))).isEqualTo(bytes("v"));
      store.get(bytes("k"))[0] = 'z';
      assertThat(store.get(bytes("k"))).isEqualTo(bytes("v"));
      StateEntry entry = store.iterator().next();
      entry.key()[0] = 'q';
      assertThat(store.get(bytes("k"))).isEqualTo(bytes("v"));
    }
  }

  @Test
  void nullArgumentsAreRefused() {
    try (StateStore store = provider().open(ID, 0)) {
      assertThatThrownBy(() -> store.put(null, bytes("v")))
          .isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> store.put(bytes("k"), null))
          .isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> store.get(null)).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> store.remove(null)).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> store.prefixScan(null)).isInstanceOf(NullPointerException.class);
    }
  }

  @Test
  void iterationIsSortedUnsignedAndPrefixScanSelects() {
    try (StateStore store = provider().open(ID, 0)) {
      byte[][] keys = {
        {(byte) 0xff}, {0x01, 0x02}, {}, {0x01}, {(byte) 0x80, 0}, {0x01, (byte) 0xff}, {0x7f}
      };
      for (byte[] key : keys) {
        store.put(key, key);
      }
      TreeMap<byte[], byte[]> reference = StateTesting.newReference();
      for (byte[] key : keys) {
        reference.put(key, key);
      }
      assertThat(contents(store)).containsExactlyElementsOf(entries(reference));
      assertThat(drain(store.prefixScan(new byte[] {0x01})))
          .containsExactly(
              new StateEntry(new byte[] {0x01}, new byte[] {0x01}),
              new StateEntry(new byte[] {0x01, 0x02}, new byte[] {0x01, 0x02}),
              new StateEntry(new byte[] {0x01, (byte) 0xff}, new byte[] {0x01, (byte) 0xff}));
      assertThat(drain(store.prefixScan(new byte[0]))).hasSize(keys.length);
      assertThat(drain(store.prefixScan(new byte[] {0x02}))).isEmpty();
    }
  }

  @Test
  void unorderedScanSelectsThePrefixRemovesThroughTheIteratorAndFailsFast() {
    InMemoryStateStoreProvider provider = provider();
    try (StateStore store = provider.open(ID, 0)) {
      for (int i = 0; i < 1_000; i++) {
        store.put(new byte[] {(byte) (i % 3), (byte) (i >> 8), (byte) i}, bytes("v" + i));
      }
      store.commit();
      List<StateEntry> selected = drain(store.unorderedScan(new byte[] {1}));
      assertThat(selected)
          .containsExactlyInAnyOrderElementsOf(drain(store.prefixScan(new byte[] {1})));
      assertThat(selected).hasSize(333);

      Iterator<StateEntry> scan = store.unorderedScan(new byte[] {1});
      while (scan.hasNext()) {
        scan.next();
        scan.remove(); // removes a committed key: it must reach the next delta as a remove
      }
      assertThat(drain(store.prefixScan(new byte[] {1}))).isEmpty();
      assertThat(store.numKeys()).isEqualTo(667);
      store.commit();

      Iterator<StateEntry> stale = store.unorderedScan(new byte[0]);
      store.put(bytes("new"), bytes("x"));
      assertThatThrownBy(stale::hasNext).isInstanceOf(ConcurrentModificationException.class);
      assertThatThrownBy(() -> store.unorderedScan(null)).isInstanceOf(NullPointerException.class);
    }
    try (StateStore reloaded = provider.open(ID, 2)) {
      assertThat(reloaded.numKeys()).isEqualTo(667);
      assertThat(drain(reloaded.prefixScan(new byte[] {1}))).isEmpty();
    }
  }

  @Test
  void iteratorsFailFastAndRemoveThroughTheIterator() {
    try (StateStore store = provider().open(ID, 0)) {
      for (int i = 0; i < 10; i++) {
        store.put(new byte[] {(byte) i}, new byte[] {(byte) i});
      }
      Iterator<StateEntry> it = store.iterator();
      assertThatThrownBy(it::remove).isInstanceOf(IllegalStateException.class);
      while (it.hasNext()) {
        if (it.next().key()[0] % 2 == 0) {
          it.remove();
        }
      }
      assertThat(store.numKeys()).isEqualTo(5);
      assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);

      Iterator<StateEntry> scan = store.prefixScan(new byte[0]);
      scan.next();
      store.put(bytes("new"), bytes("x"));
      assertThatThrownBy(scan::hasNext).isInstanceOf(ConcurrentModificationException.class);
      Iterator<StateEntry> other = store.iterator();
      store.remove(bytes("new"));
      assertThatThrownBy(other::next).isInstanceOf(ConcurrentModificationException.class);
    }
  }

  @Test
  void commitMakesAVersionAndAbortDropsOnlyUncommittedChanges() {
    InMemoryStateStoreProvider provider = provider();
    try (StateStore store = provider.open(ID, 0)) {
      assertThat(store.hasUncommittedChanges()).isFalse();
      store.put(bytes("keep"), bytes("1"));
      store.put(bytes("change"), bytes("2"));
      store.put(bytes("remove"), bytes("3"));
      store.put(bytes("remove-readd"), bytes("4"));
      assertThat(store.hasUncommittedChanges()).isTrue();
      assertThat(store.commit()).isEqualTo(1);
      assertThat(store.version()).isEqualTo(1);
      assertThat(store.hasUncommittedChanges()).isFalse();
      List<StateEntry> committed = contents(store);

      store.put(bytes("change"), bytes("two, longer"));
      store.put(bytes("change"), bytes("2b"));
      store.remove(bytes("remove"));
      store.remove(bytes("remove-readd"));
      store.put(bytes("remove-readd"), bytes("back"));
      store.put(bytes("added"), bytes("5"));
      store.put(bytes("added-removed"), bytes("6"));
      store.remove(bytes("added-removed"));
      for (int i = 0; i < 2000; i++) {
        store.put(bytes("bulk" + i), new byte[i % 50]); // forces resizes and compactions
      }
      store.abort();
      assertThat(store.version()).isEqualTo(1);
      assertThat(store.hasUncommittedChanges()).isFalse();
      assertThat(contents(store)).containsExactlyElementsOf(committed);

      // The store stays usable: the next commit holds only the new change.
      store.put(bytes("after-abort"), bytes("7"));
      assertThat(store.commit()).isEqualTo(2);
    }
    try (StateStore reloaded = provider.open(ID, 2)) {
      assertThat(reloaded.numKeys()).isEqualTo(5);
      assertThat(reloaded.get(bytes("change"))).isEqualTo(bytes("2"));
      assertThat(reloaded.get(bytes("remove"))).isEqualTo(bytes("3"));
      assertThat(reloaded.get(bytes("after-abort"))).isEqualTo(bytes("7"));
      assertThat(reloaded.get(bytes("added"))).isNull();
    }
  }

  @Test
  void deltaHoldsTheNetChangeOfAVersion() throws Exception {
    InMemoryStateStoreProvider provider = provider();
    try (StateStore store = provider.open(ID, 0)) {
      store.put(bytes("a"), bytes("1"));
      store.put(bytes("b"), bytes("2"));
      store.commit();
      store.put(bytes("a"), bytes("x"));
      store.put(bytes("a"), bytes("1")); // changed back: still written, harmless
      store.remove(bytes("b"));
      store.put(bytes("c"), bytes("3"));
      store.remove(bytes("c")); // new and gone again: not written
      store.commit();
      assertThat(store.metrics().lastCommitBytesWritten())
          .isEqualTo(Files.size(root.resolve("agg-1/7/2.delta")));
    }
    // Header 38 + "agg-1", put a=1 (op, length, a, length, 1), remove b (op, length, b), CRC.
    assertThat(Files.size(root.resolve("agg-1/7/2.delta"))).isEqualTo(43 + 5 + 3 + 4);
  }

  @Test
  void commitsWriteDeltasAndPeriodicSnapshots() {
    InMemoryStateStoreProvider provider = provider();
    try (StateStore store = provider.open(ID, 0)) {
      for (int v = 1; v <= 7; v++) {
        store.put(bytes("k" + v), bytes("v" + v));
        assertThat(store.commit()).isEqualTo(v);
      }
    }
    assertThat(files(root))
        .containsExactly(
            "agg-1/7/1.delta",
            "agg-1/7/2.delta",
            "agg-1/7/3.delta",
            "agg-1/7/3.snapshot",
            "agg-1/7/4.delta",
            "agg-1/7/5.delta",
            "agg-1/7/6.delta",
            "agg-1/7/6.snapshot",
            "agg-1/7/7.delta");
  }

  @Test
  void metricsReportSizesAndIo() throws Exception {
    InMemoryStateStoreProvider provider = provider();
    try (StateStore store = provider.open(ID, 0)) {
      StateStoreMetrics empty = store.metrics();
      assertThat(empty.numKeys()).isZero();
      assertThat(empty.lastCommitBytesWritten()).isZero();
      assertThat(empty.totalBytesWritten()).isZero();
      assertThat(empty.loadBytesRead()).isZero();
      assertThat(empty.memoryBytes()).isPositive().isLessThan(2_000);
      for (int i = 0; i < 1000; i++) {
        store.put(bytes("key" + i), new byte[100]);
      }
      StateStoreMetrics filled = store.metrics();
      assertThat(filled.numKeys()).isEqualTo(1000);
      assertThat(filled.memoryBytes()).isBetween(1000L * 107, 1000L * 107 * 2);
      store.commit();
      long delta1 = Files.size(root.resolve("agg-1/7/1.delta"));
      assertThat(store.metrics().lastCommitBytesWritten()).isEqualTo(delta1);
      assertThat(store.metrics().lastCommitNanos()).isPositive();
      store.commit();
      store.commit(); // version 3: delta and snapshot
      long delta2 = Files.size(root.resolve("agg-1/7/2.delta"));
      long delta3 = Files.size(root.resolve("agg-1/7/3.delta"));
      long snapshot3 = Files.size(root.resolve("agg-1/7/3.snapshot"));
      StateStoreMetrics after = store.metrics();
      assertThat(after.version()).isEqualTo(3);
      assertThat(after.lastCommitBytesWritten()).isEqualTo(delta3 + snapshot3);
      assertThat(after.totalBytesWritten()).isEqualTo(delta1 + delta2 + delta3 + snapshot3);
      store.put(bytes("x"), bytes("y"));
      store.commit();
    }
    try (StateStore reloaded = provider.open(ID, 4)) {
      long expected =
          Files.size(root.resolve("agg-1/7/3.snapshot"))
              + Files.size(root.resolve("agg-1/7/4.delta"));
      assertThat(reloaded.metrics().loadBytesRead()).isEqualTo(expected);
      assertThat(reloaded.metrics().loadNanos()).isPositive();
      assertThat(reloaded.metrics().numKeys()).isEqualTo(1001);
    }
  }

  @Test
  void closedStoresRefuseUseAndIdsOpenOnce() {
    InMemoryStateStoreProvider provider = provider();
    StateStore store = provider.open(ID, 0);
    assertThatThrownBy(() -> provider.open(ID, 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("agg-1/7 is already open");
    StateStore other = provider.open(new StoreId("agg-1", 8), 0);
    other.close();
    Iterator<StateEntry> it = store.iterator();
    store.close();
    store.close();
    assertThatThrownBy(() -> store.get(bytes("a")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("agg-1/7 is closed");
    assertThatThrownBy(store::commit).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(it::hasNext).isInstanceOf(IllegalStateException.class);
    provider.open(ID, 0).close();
    provider.close();
    assertThatThrownBy(() -> provider.open(ID, 0)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> provider().open(ID, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aStoreThatFailedToLoadCanBeOpenedAgain() {
    InMemoryStateStoreProvider provider = provider();
    assertThatThrownBy(() -> provider.open(ID, 5))
        .isInstanceOf(dev.sluice.state.StateCorruptedException.class);
    provider.open(ID, 0).close();
  }
}
