package dev.sluice.state.memory;

import dev.sluice.state.StateCorruptedException;
import java.nio.file.Path;

/**
 * Builds a {@link BytesTable} as of a version from a store's files: the newest snapshot at or
 * before it, then each delta after it in order (the store's own delta file, or its section of a
 * {@link DeltaBundle}). After every file it checks that the table holds the number of keys the file
 * announces, which catches a file applied to the wrong base.
 */
final class StoreLoader {
  private StoreLoader() {}

  /** The loaded table and how many file bytes it took. */
  record Loaded(BytesTable table, long bytesRead) {}

  /** Loads {@code version}; the caller holds the directory's lock and has refreshed it. */
  static Loaded load(StoreDirectory directory, long version) {
    long base = directory.checkLoadable(version);
    BytesTable table = new BytesTable();
    TableApplier applier = new TableApplier(table);
    long bytesRead = 0;
    if (base > 0) {
      Path file = directory.snapshotPath(base);
      StateFileReader.Summary summary =
          StateFileReader.read(
              file,
              StateFiles.KIND_SNAPSHOT,
              directory.id,
              base,
              (entries, keys) -> table.presize(entries),
              applier);
      checkKeys(file, table, summary);
      bytesRead += summary.fileBytes();
    }
    for (long v = base + 1; v <= version; v++) {
      Path bundle = directory.bundleFor(v);
      Path file = bundle != null ? bundle : directory.deltaPath(v);
      StateFileReader.Summary summary =
          bundle != null
              ? DeltaBundle.readSection(bundle, directory.id, v, (entries, keys) -> {}, applier)
              : StateFileReader.read(
                  file, StateFiles.KIND_DELTA, directory.id, v, (entries, keys) -> {}, applier);
      checkKeys(file, table, summary);
      bytesRead += summary.fileBytes();
    }
    return new Loaded(table, bytesRead);
  }

  private static void checkKeys(Path file, BytesTable table, StateFileReader.Summary summary) {
    if (table.size() != summary.totalKeys()) {
      throw new StateCorruptedException(
          file,
          "does not fit the files before it: once applied the store holds "
              + table.size()
              + " keys, but the file says "
              + summary.totalKeys());
    }
  }

  /** Applies snapshot entries and delta changes to a table; new keys get no flags. */
  static final class TableApplier implements StateFileReader.Visitor {
    private final BytesTable table;
    private final BytesTable.Record scratch = new BytesTable.Record();

    TableApplier(BytesTable table) {
      this.table = table;
    }

    @Override
    public void put(byte[] bytes, int keyOffset, int keyLength, int valueOffset, int valueLength) {
      int hash = BytesTable.hash(bytes, keyOffset, keyLength);
      int slot = table.find(bytes, keyOffset, keyLength, hash);
      if (slot >= 0) {
        table.setValue(slot, bytes, valueOffset, valueLength, scratch);
      } else {
        table.insert(bytes, keyOffset, keyLength, bytes, valueOffset, valueLength, 0, hash);
      }
    }

    @Override
    public void remove(byte[] bytes, int keyOffset, int keyLength) {
      int slot = table.find(bytes, keyOffset, keyLength);
      if (slot >= 0) {
        table.removeAt(slot, scratch);
      }
    }
  }
}
