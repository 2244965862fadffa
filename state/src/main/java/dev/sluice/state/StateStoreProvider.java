package dev.sluice.state;

/**
 * Opens the {@link StateStore}s of one query, kept under one root directory (the {@code state/}
 * directory of the query's checkpoint), and maintains their files.
 *
 * <p>A provider is thread-safe: partitions running in parallel open, commit and close their stores
 * through the same provider. One provider instance owns a root directory; two providers (or two
 * processes) writing to the same root corrupt it, and preventing that is the driver's job (it owns
 * the checkpoint).
 */
public interface StateStoreProvider extends AutoCloseable {

  /**
   * Opens store {@code id} loaded as of {@code version}: from the newest snapshot at or before
   * {@code version} plus the deltas after it. Version 0 is the empty store and needs no files.
   *
   * <p>At most one store per id is open at a time in a provider; close it before opening the id
   * again (for example to go back to an older version).
   *
   * @throws StateCorruptedException if a file needed for {@code version} is missing, truncated,
   *     corrupt or belongs to another store or version; no store is returned
   * @throws IllegalArgumentException if {@code version} is negative
   * @throws IllegalStateException if a store of {@code id} is already open, or the provider is
   *     closed
   * @throws java.io.UncheckedIOException if a file cannot be read
   */
  StateStore open(StoreId id, long version);

  /**
   * Commits several open stores of one operator at once, as {@link StateStore#commit()} does each,
   * but into one file: the stores' deltas as sections of one bundle, written, fsynced and renamed
   * once. Operators commit a task's whole key-group range this way at the end of a batch, so a
   * batch costs one durable file per operator and task, not one per key group. Snapshots are still
   * written per store when their interval is due.
   *
   * @param stores stores of one operator, at the same version, of consecutive key groups (in any
   *     order), opened by this provider
   * @return the new version, {@code version() + 1} of every store
   * @throws IllegalArgumentException if the stores are empty, of several operators or versions, not
   *     of consecutive key groups, or not this provider's
   * @throws java.io.UncheckedIOException if a file cannot be written; the stores keep their changes
   *     and may be aborted or committed again
   */
  long commitAll(java.util.List<StateStore> stores);

  /**
   * Writes a snapshot for every store under the root whose newest version has none (so that the
   * next load reads one file), and deletes files that no retained version needs. Works from the
   * files, not from open stores, so it may run on a background thread while stores are in use; it
   * waits for a commit of the same store in progress, and a commit waits for it.
   *
   * <p>"Newest version" is the newest on disk. Retention counts back from it.
   *
   * @throws StateCorruptedException if a file it must read is corrupt
   * @throws java.io.UncheckedIOException if a file cannot be read, written or deleted
   */
  void doMaintenance();

  /** Releases the provider. Stores already open stay usable until they are closed. */
  @Override
  void close();
}
