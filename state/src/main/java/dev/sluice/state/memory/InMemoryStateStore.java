package dev.sluice.state.memory;

import static java.util.Objects.requireNonNull;

import dev.sluice.state.StateEntry;
import dev.sluice.state.StateStore;
import dev.sluice.state.StateStoreMetrics;
import dev.sluice.state.StateStoreOptions;
import dev.sluice.state.StoreId;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A {@link StateStore} that holds all its entries in memory in a {@link BytesTable} and makes each
 * version durable as a delta file, with a periodic snapshot.
 *
 * <h2>Change tracking</h2>
 *
 * Changes go straight into the table, which is always the current (uncommitted) state. Three things
 * remember how it differs from the committed version:
 *
 * <ul>
 *   <li>flags in the table: {@code DIRTY} on every key put since the last commit, {@code NEW} on
 *       those that did not exist at the last commit;
 *   <li>{@code removed}: a second table of the keys that existed at the last commit and are now
 *       absent;
 *   <li>the {@link UndoLog}: the committed value of every key that existed at the last commit and
 *       was changed or removed, logged at its first change.
 * </ul>
 *
 * {@link #commit()} writes the {@code DIRTY} keys as puts and the {@code removed} keys as removes,
 * sorted by key, to {@code <version>.delta}, then forgets all three. {@link #abort()} removes the
 * {@code NEW} keys and puts back the logged values. A batch that changes few keys costs little
 * beyond the table itself; the undo log is the only copy of data, and only of changed keys.
 *
 * <h2>Commit</h2>
 *
 * Under the store directory's lock: delete files of this or later versions left by an abandoned
 * run, write the delta, write a snapshot if {@link StateStoreOptions#snapshotInterval()} versions
 * passed since the newest one, delete files no retained version needs. Every file is written to a
 * temp file, fsynced and renamed (see {@link StateFileWriter}).
 */
final class InMemoryStateStore implements StateStore {
  private static final int DIRTY = 1;
  private static final int NEW = 2;
  private static final byte[] EMPTY = new byte[0];

  private final InMemoryStateStoreProvider provider;
  private final StoreDirectory directory;
  private final StateStoreOptions options;
  private final BytesTable.Record scratch = new BytesTable.Record();
  private final BytesTable.Record scratch2 = new BytesTable.Record();
  private BytesTable table;
  private BytesTable removed = new BytesTable();
  private UndoLog undo = new UndoLog();
  private long version;
  private boolean changed;
  private int modCount;
  private boolean closed;

  private long lastCommitBytes;
  private long totalBytes;
  private long lastCommitNanos;
  private final long loadBytes;
  private final long loadNanos;

  InMemoryStateStore(
      InMemoryStateStoreProvider provider,
      StoreDirectory directory,
      StateStoreOptions options,
      long version,
      BytesTable table,
      long loadBytes,
      long loadNanos) {
    this.provider = provider;
    this.directory = directory;
    this.options = options;
    this.version = version;
    this.table = table;
    this.loadBytes = loadBytes;
    this.loadNanos = loadNanos;
  }

  @Override
  public StoreId id() {
    return directory.id;
  }

  @Override
  public long version() {
    return version;
  }

  @Override
  public byte[] get(byte[] key) {
    requireNonNull(key, "key is null");
    checkOpen();
    int slot = table.find(key, 0, key.length);
    return slot < 0 ? null : table.value(slot, scratch);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    requireNonNull(key, "key is null");
    requireNonNull(value, "value is null");
    checkOpen();
    int hash = BytesTable.hash(key, 0, key.length);
    int slot = table.find(key, 0, key.length, hash);
    if (slot >= 0) {
      if ((table.flags(slot) & DIRTY) == 0) {
        logCommittedValue(slot);
        table.setFlags(slot, DIRTY);
      }
      table.setValue(slot, value, 0, value.length, scratch);
    } else {
      int flags = DIRTY | NEW;
      if (!removed.isEmpty()) {
        int gone = removed.find(key, 0, key.length, hash);
        if (gone >= 0) {
          removed.removeAt(gone, scratch);
          flags = DIRTY;
        }
      }
      table.insert(key, 0, key.length, value, 0, value.length, flags, hash);
    }
    changed = true;
    modCount++;
  }

  @Override
  public void remove(byte[] key) {
    requireNonNull(key, "key is null");
    checkOpen();
    int hash = BytesTable.hash(key, 0, key.length);
    int slot = table.find(key, 0, key.length, hash);
    if (slot < 0) {
      return;
    }
    int flags = table.flags(slot);
    if ((flags & DIRTY) == 0) {
      logCommittedValue(slot);
    }
    if ((flags & NEW) == 0) {
      removed.insert(key, 0, key.length, EMPTY, 0, 0, 0, hash);
    }
    table.removeAt(slot, scratch);
    changed = true;
    modCount++;
  }

  private void logCommittedValue(int slot) {
    table.read(table.addressAt(slot), scratch);
    undo.add(
        scratch.page,
        scratch.keyOffset,
        scratch.keyLength,
        scratch.valueOffset,
        scratch.valueLength);
  }

  @Override
  public Iterator<StateEntry> iterator() {
    checkOpen();
    return new AddressIterator(table.sortedAddresses(null, 0));
  }

  @Override
  public Iterator<StateEntry> prefixScan(byte[] prefix) {
    requireNonNull(prefix, "prefix is null");
    checkOpen();
    return new AddressIterator(table.sortedAddresses(prefix, 0));
  }

  @Override
  public Iterator<StateEntry> unorderedScan(byte[] prefix) {
    requireNonNull(prefix, "prefix is null");
    checkOpen();
    return new AddressIterator(table.addresses(prefix, 0));
  }

  @Override
  public long numKeys() {
    checkOpen();
    return table.size();
  }

  @Override
  public boolean hasUncommittedChanges() {
    checkOpen();
    return changed;
  }

  @Override
  public long commit() {
    checkOpen();
    long start = System.nanoTime();
    long next = version + 1;
    Delta delta = pendingDelta();
    long bytes;
    directory.lock.lock();
    try {
      directory.create();
      directory.discardFrom(next);
      try (AtomicFile file = new AtomicFile(directory.deltaPath(next))) {
        bytes = writeDelta(file, delta);
        file.commit();
      }
      directory.addedDelta(next);
      bytes += afterDeltaWritten(next);
    } finally {
      directory.lock.unlock();
    }
    committed(next, bytes, System.nanoTime() - start);
    return next;
  }

  /** The changes since the last commit: the put and the removed keys' addresses, sorted. */
  record Delta(long[] puts, long[] removes) {}

  Delta pendingDelta() {
    checkOpen();
    return new Delta(table.sortedAddresses(null, DIRTY), removed.sortedAddresses(null, 0));
  }

  StoreDirectory directory() {
    return directory;
  }

  /**
   * Under the directory's lock, once the delta of {@code next} is durable: writes a snapshot if
   * {@link StateStoreOptions#snapshotInterval()} versions passed since the newest one, and deletes
   * the files no retained version needs.
   *
   * @return the bytes written
   */
  long afterDeltaWritten(long next) {
    long bytes = 0;
    if (next - directory.baseSnapshot(next) >= options.snapshotInterval()) {
      bytes = StateFileWriter.writeSnapshot(directory, next, table);
      directory.addedSnapshot(next);
    }
    directory.retain(next, options.retainedVersions());
    return bytes;
  }

  /** Makes {@code next} the committed version, once its files are written. */
  void committed(long next, long bytes, long nanos) {
    table.clearFlags();
    removed.clear();
    undo.clear();
    version = next;
    changed = false;
    modCount++;
    table.maintain();
    lastCommitBytes = bytes;
    totalBytes += bytes;
    lastCommitNanos = nanos;
  }

  /** Writes the delta of version {@code version() + 1} as a delta file into {@code file}. */
  long writeDelta(AtomicFile file, Delta delta) {
    long[] puts = delta.puts();
    long[] removes = delta.removes();
    BytesTable.Record put = scratch;
    BytesTable.Record gone = scratch2;
    StateFileWriter writer =
        new StateFileWriter(
            file.target(),
            file.channel(),
            StateFiles.KIND_DELTA,
            directory.id,
            version + 1,
            puts.length + removes.length,
            table.size());
    int i = 0;
    int j = 0;
    while (i < puts.length || j < removes.length) {
      boolean takePut;
      if (j == removes.length) {
        takePut = true;
      } else if (i == puts.length) {
        takePut = false;
      } else {
        table.read(puts[i], put);
        removed.read(removes[j], gone);
        takePut =
            Arrays.compareUnsigned(
                    put.page,
                    put.keyOffset,
                    put.keyOffset + put.keyLength,
                    gone.page,
                    gone.keyOffset,
                    gone.keyOffset + gone.keyLength)
                < 0;
      }
      if (takePut) {
        table.read(puts[i++], put);
        writer.put(put.page, put.keyOffset, put.keyLength, put.valueOffset, put.valueLength);
      } else {
        removed.read(removes[j++], gone);
        writer.remove(gone.page, gone.keyOffset, gone.keyLength);
      }
    }
    return writer.finish();
  }

  @Override
  public void abort() {
    checkOpen();
    if (!changed) {
      return;
    }
    for (long address : table.addressesWithFlags(NEW)) {
      table.read(address, scratch);
      int slot = table.find(scratch.page, scratch.keyOffset, scratch.keyLength);
      table.removeAt(slot, scratch2);
    }
    undo.forEach(
        (bytes, keyOffset, keyLength, valueOffset, valueLength) -> {
          int hash = BytesTable.hash(bytes, keyOffset, keyLength);
          int slot = table.find(bytes, keyOffset, keyLength, hash);
          if (slot >= 0) {
            table.setValue(slot, bytes, valueOffset, valueLength, scratch);
          } else {
            table.insert(bytes, keyOffset, keyLength, bytes, valueOffset, valueLength, 0, hash);
          }
        });
    table.clearFlags();
    removed.clear();
    undo.clear();
    changed = false;
    modCount++;
    table.maintain();
  }

  @Override
  public StateStoreMetrics metrics() {
    checkOpen();
    long memory = 256 + table.memoryBytes() + removed.memoryBytes() + undo.memoryBytes();
    return new StateStoreMetrics(
        version,
        table.size(),
        memory,
        lastCommitBytes,
        totalBytes,
        lastCommitNanos,
        loadBytes,
        loadNanos);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    table = null;
    removed = null;
    undo = null;
    provider.release(directory.id);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("state store " + directory.id + " is closed");
    }
  }

  @Override
  public String toString() {
    return "InMemoryStateStore[" + directory.id + " v" + version + "]";
  }

  /** Entries at the given addresses in their order; fail-fast; supports remove. */
  private final class AddressIterator implements Iterator<StateEntry> {
    private final long[] addresses;
    private int next;
    private int expectedModCount = modCount;
    private long lastAddress = -1;

    AddressIterator(long[] addresses) {
      this.addresses = addresses;
    }

    @Override
    public boolean hasNext() {
      check();
      return next < addresses.length;
    }

    @Override
    public StateEntry next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      BytesTable.Record record = table.read(addresses[next++], scratch);
      byte[] key =
          Arrays.copyOfRange(record.page, record.keyOffset, record.keyOffset + record.keyLength);
      byte[] value =
          Arrays.copyOfRange(
              record.page, record.valueOffset, record.valueOffset + record.valueLength);
      lastAddress = addresses[next - 1];
      return new StateEntry(key, value);
    }

    @Override
    public void remove() {
      check();
      if (lastAddress < 0) {
        throw new IllegalStateException("next() was not called, or remove() was already called");
      }
      // Nothing changed since next() (else check() threw), so the record is still there.
      BytesTable.Record record = table.read(lastAddress, scratch);
      InMemoryStateStore.this.remove(
          Arrays.copyOfRange(record.page, record.keyOffset, record.keyOffset + record.keyLength));
      expectedModCount = modCount;
      lastAddress = -1;
    }

    private void check() {
      checkOpen();
      if (modCount != expectedModCount) {
        throw new ConcurrentModificationException(
            "state store " + directory.id + " changed while iterating over it");
      }
    }
  }
}
