package dev.sluice.state.memory;

import static dev.sluice.state.memory.StateTesting.bytes;

import dev.sluice.state.StateStore;
import dev.sluice.state.StateStoreOptions;
import dev.sluice.state.StoreId;
import dev.sluice.state.encoding.BinaryWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The operations that produced the frozen state directory {@code src/test/resources/frozen/v1}:
 * store {@code agg-1/5} with 5 versions (snapshot interval 3, so a snapshot at version 3) and store
 * {@code join_left-2/0} with one version. {@link FrozenFormatTest} checks the contents literally;
 * this script only re-creates the files to compare them byte for byte.
 *
 * <p>To freeze a new format version: bump {@code StateFiles.FORMAT_VERSION}, keep the reader of the
 * old one, run {@link #main} with {@code src/test/resources/frozen/v<N>} and add a test for it.
 * Never regenerate an existing frozen directory.
 */
final class FrozenStateScript {
  static final StateStoreOptions OPTIONS = new StateStoreOptions(3, 100);
  static final StoreId AGG = new StoreId("agg-1", 5);
  static final StoreId JOIN = new StoreId("join_left-2", 0);

  private FrozenStateScript() {}

  /** A key the way an operator would encode it: (window start, group name). */
  static byte[] encodedKey(long windowStart, String group) {
    return new BinaryWriter().writeVarLong(windowStart).writeString(group).toByteArray();
  }

  /** An accumulator the way an operator would encode it: (count, sum, max or null). */
  static byte[] encodedAccumulator(long count, double sum, String max) {
    return new BinaryWriter()
        .writeVarLong(count)
        .writeDouble(sum)
        .writeNullableString(max)
        .toByteArray();
  }

  static void run(Path root) {
    InMemoryStateStoreProvider provider = new InMemoryStateStoreProvider(root, OPTIONS);
    try (StateStore store = provider.open(AGG, 0)) {
      // Version 1: empty key, empty value, bytes above 0x7f, an encoded key and accumulator.
      store.put(bytes("a"), bytes("1"));
      store.put(new byte[0], bytes("empty key"));
      store.put(bytes("b"), new byte[0]);
      store.put(new byte[] {(byte) 0xff, 0x00}, new byte[] {(byte) 0x80, 0x7f});
      store.put(encodedKey(-60_000, "ключ"), encodedAccumulator(3, 4.5, null));
      store.commit();
      // Version 2: a value that changes length, a removal, a value above 127 bytes.
      store.put(bytes("a"), bytes("one"));
      store.remove(bytes("b"));
      store.put(bytes("c"), bytes("x".repeat(200)));
      store.commit();
      // Version 3 (snapshot): same-length change, removal of an absent key, unicode, NaN.
      store.put(bytes("a"), bytes("uno"));
      store.remove(bytes("never there"));
      store.put(bytes("d"), bytes("δ ✓ 😀"));
      store.put(encodedKey(-60_000, "ключ"), encodedAccumulator(4, Double.NaN, "zz"));
      store.commit();
      // Version 4: remove and re-add, removal of the empty key.
      store.remove(bytes("a"));
      store.put(bytes("b"), bytes("back"));
      store.remove(new byte[0]);
      store.commit();
      // Version 5: no change at all (an empty delta).
      store.commit();
    }
    try (StateStore store = provider.open(JOIN, 0)) {
      store.put(encodedKey(Long.MIN_VALUE, ""), encodedAccumulator(Long.MAX_VALUE, -0.0, ""));
      store.commit();
    }
  }

  /** Writes the frozen directory; run once per format version. */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    if (Files.exists(root)) {
      throw new IllegalStateException(root + " exists; frozen formats are never regenerated");
    }
    run(root);
  }
}
