package dev.sluice.state;

/**
 * A point-in-time view of one store's size and I/O, for progress reports and {@code EXPLAIN}.
 * Immutable.
 *
 * @param version the store's current (last committed or loaded) version
 * @param numKeys the number of keys, including uncommitted changes
 * @param memoryBytes an estimate of the heap the store holds: the sizes of its arrays (hash index,
 *     key/value arena, change tracking) plus their object headers
 * @param lastCommitBytesWritten bytes of files written by the last {@link StateStore#commit()} (its
 *     delta, plus a snapshot if it wrote one); 0 before the first commit
 * @param totalBytesWritten bytes of files written by all commits since the store was opened
 * @param lastCommitNanos wall-clock duration of the last commit, in nanoseconds; 0 before the first
 * @param loadBytesRead bytes of files read to load the store when it was opened
 * @param loadNanos wall-clock duration of loading the store when it was opened, in nanoseconds
 */
public record StateStoreMetrics(
    long version,
    long numKeys,
    long memoryBytes,
    long lastCommitBytesWritten,
    long totalBytesWritten,
    long lastCommitNanos,
    long loadBytesRead,
    long loadNanos) {}
