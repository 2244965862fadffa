package dev.sluice.state;

/**
 * How a {@link StateStoreProvider} lays out a store's versions on disk. Immutable.
 *
 * @param snapshotInterval a commit writes a full snapshot when at least this many versions were
 *     committed since the newest snapshot (default {@value #DEFAULT_SNAPSHOT_INTERVAL}); between
 *     snapshots a commit writes only a delta of its changes
 * @param retainedVersions how many of the most recent versions stay loadable (default {@value
 *     #DEFAULT_RETAINED_VERSIONS}); files needed only by older versions are deleted. Crash recovery
 *     re-runs the last batch from the version before it, so a query needs at least 2.
 */
public record StateStoreOptions(int snapshotInterval, int retainedVersions) {
  /** The default {@link #snapshotInterval()}. */
  public static final int DEFAULT_SNAPSHOT_INTERVAL = 10;

  /** The default {@link #retainedVersions()}. */
  public static final int DEFAULT_RETAINED_VERSIONS = 20;

  /**
   * @throws IllegalArgumentException if either value is below 1
   */
  public StateStoreOptions {
    if (snapshotInterval < 1) {
      throw new IllegalArgumentException(
          "snapshotInterval must be at least 1, but was " + snapshotInterval);
    }
    if (retainedVersions < 1) {
      throw new IllegalArgumentException(
          "retainedVersions must be at least 1, but was " + retainedVersions);
    }
  }

  /**
   * Snapshot every {@value #DEFAULT_SNAPSHOT_INTERVAL}, retain {@value #DEFAULT_RETAINED_VERSIONS}.
   */
  public static StateStoreOptions defaults() {
    return new StateStoreOptions(DEFAULT_SNAPSHOT_INTERVAL, DEFAULT_RETAINED_VERSIONS);
  }
}
