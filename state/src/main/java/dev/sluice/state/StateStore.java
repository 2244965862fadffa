package dev.sluice.state;

import java.util.ConcurrentModificationException;
import java.util.Iterator;

/**
 * The versioned key-value state of one stateful operator for one key group ({@link StoreId}).
 *
 * <p>Keys and values are byte arrays; the operator encodes its SQL keys and accumulators (see
 * {@code dev.sluice.state.encoding}). Keys compare by content, and the empty array is a valid key
 * (a global aggregate has one). The store copies what it is given and returns copies, so callers
 * may reuse their arrays.
 *
 * <h2>Versions and the call protocol</h2>
 *
 * A store is obtained from {@link StateStoreProvider#open(StoreId, long)} loaded as of a committed
 * version {@code n} (version 0 is the empty store). It is meant to live as long as the query runs
 * in this process, one micro-batch after the other:
 *
 * <ol>
 *   <li>the operator reads and changes it ({@link #get}, {@link #put}, {@link #remove}, {@link
 *       #iterator}, {@link #prefixScan}); changes are visible to reads at once;
 *   <li>at the end of the batch the driver calls {@link #commit()}, which makes the changes durable
 *       as version {@code n + 1} and returns it (the suggested mapping is version = batch id + 1);
 *       or, if the batch failed, {@link #abort()}, which drops every change since the last commit;
 *   <li>either way the store is usable for the next batch; {@link #close()} when the query stops.
 * </ol>
 *
 * Every version must be committed, even when nothing changed: a version without a file cannot be
 * loaded later. An operator therefore commits every store of its key-group range at the end of
 * every batch. Committing version {@code n + 1} again (after opening version {@code n} on a restart
 * that re-runs a batch) replaces what an earlier run wrote for {@code n + 1} and discards any newer
 * versions of that abandoned run.
 *
 * <h2>Iteration order</h2>
 *
 * {@link #iterator()} and {@link #prefixScan(byte[])} return entries sorted by key bytes compared
 * unsigned-lexicographically ({@link java.util.Arrays#compareUnsigned(byte[], byte[])}; a proper
 * prefix sorts first), so results do not depend on hashing or on the order of inserts. They see
 * uncommitted changes. Both sort the selected keys when called, which costs {@code O(n log n)}:
 * they are meant for commit-time and end-of-input scans, not for every row; {@link
 * #unorderedScan(byte[])} selects without sorting.
 *
 * <h2>Thread safety</h2>
 *
 * A store is <b>not</b> thread-safe: one thread at a time uses it. It may be handed from one thread
 * to another with a happens-before edge (an executor hand-off does that). Stores of different
 * {@link StoreId}s are independent and may be used in parallel.
 */
public interface StateStore extends AutoCloseable {

  /** The store's id. */
  StoreId id();

  /**
   * The version the store holds: the version it was loaded at, or the last one committed. Changes
   * made since then are not part of it.
   */
  long version();

  /**
   * The value of {@code key}, or null if the store holds no such key.
   *
   * @return a fresh copy of the value
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalStateException if the store is closed
   */
  byte[] get(byte[] key);

  /**
   * Sets the value of {@code key}, adding the key if it is absent. Both arrays are copied.
   *
   * @throws NullPointerException if {@code key} or {@code value} is null
   * @throws IllegalStateException if the store is closed
   */
  void put(byte[] key, byte[] value);

  /**
   * Removes {@code key} if present; does nothing otherwise.
   *
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalStateException if the store is closed
   */
  void remove(byte[] key);

  /**
   * All entries, sorted by key (unsigned lexicographic byte order).
   *
   * <p>The iterator is fail-fast: a {@link #put} or {@link #remove} on the store while it is in use
   * makes its next call throw {@link ConcurrentModificationException}. Its own {@link
   * Iterator#remove()} is supported and removes the last returned key from the store, so "scan and
   * evict" needs no second pass.
   *
   * @throws IllegalStateException if the store is closed
   */
  Iterator<StateEntry> iterator();

  /**
   * The entries whose key starts with {@code prefix}, sorted by key like {@link #iterator()}, with
   * the same fail-fast and removal behaviour. An empty prefix selects every entry.
   *
   * <p>The in-memory store finds them by a full scan of its index, so the cost is proportional to
   * the store's size, not to the number of matches.
   *
   * @throws NullPointerException if {@code prefix} is null
   * @throws IllegalStateException if the store is closed
   */
  Iterator<StateEntry> prefixScan(byte[] prefix);

  /**
   * The entries whose key starts with {@code prefix}, like {@link #prefixScan} but in no particular
   * order: two stores holding the same entries may return them differently, so a caller must not
   * let the order show in a result. It sorts nothing, so it costs a pass over the store instead of
   * a sort of the selected keys; meant for scans that select a few entries to evict or emit (and
   * sort those, if they must), with the same fail-fast and removal behaviour.
   *
   * @throws NullPointerException if {@code prefix} is null
   * @throws IllegalStateException if the store is closed
   */
  Iterator<StateEntry> unorderedScan(byte[] prefix);

  /** The number of keys, including uncommitted changes. */
  long numKeys();

  /** Whether anything was put or removed since the last commit, abort or load. */
  boolean hasUncommittedChanges();

  /**
   * Makes the changes since the last commit durable as the next version and returns it ({@link
   * #version()} + 1). Writes a delta file of the changed keys; every {@link
   * StateStoreOptions#snapshotInterval()} versions also a full snapshot; then deletes files that no
   * retained version needs. When it returns, the files are on disk (fsynced).
   *
   * @return the new version
   * @throws java.io.UncheckedIOException if a file cannot be written; the store then still holds
   *     the uncommitted changes at the old version, and the caller may retry the commit or abort
   * @throws IllegalStateException if the store is closed
   */
  long commit();

  /**
   * Drops every change since the last commit (or the load); the store is then as of {@link
   * #version()} again and stays usable.
   *
   * @throws IllegalStateException if the store is closed
   */
  void abort();

  /**
   * The store's current size and I/O counters.
   *
   * @throws IllegalStateException if the store is closed
   */
  StateStoreMetrics metrics();

  /**
   * Releases the store's memory and lets the provider open its id again. Uncommitted changes are
   * dropped. Further calls other than {@code close()} throw {@link IllegalStateException}.
   */
  @Override
  void close();
}
