package dev.sluice.execution.driver;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.state.KeyGroups;
import dev.sluice.state.StateCorruptedException;
import dev.sluice.state.StateStore;
import dev.sluice.state.StateStoreProvider;
import dev.sluice.state.StoreId;
import dev.sluice.state.memory.InMemoryStateStoreProvider;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The state stores of one running query, under {@code <checkpoint>/state}. A store stays open
 * across batches; batch b uses every store at version b (what batches 0..b-1 committed) and its
 * operators commit version b + 1. Different partitions own different key groups, so a store is only
 * ever used by one task at a time.
 */
final class StateManager implements AutoCloseable {
  private final StateStoreProvider provider;
  private final KeyGroups keyGroups;
  private final Map<StoreId, StateStore> open = new HashMap<>();

  StateManager(Path root, KeyGroups keyGroups) {
    this.provider = new InMemoryStateStoreProvider(root);
    this.keyGroups = keyGroups;
  }

  KeyGroups keyGroups() {
    return keyGroups;
  }

  synchronized StateStore store(String operatorId, int keyGroup, long version) {
    StoreId id = new StoreId(operatorId, keyGroup);
    StateStore store = open.get(id);
    if (store != null && store.version() == version) {
      return store; // the batch's own changes so far stay in it until the operator commits
    }
    if (store != null) {
      store.close(); // at another version: load the requested one from its files
    }
    try {
      store = provider.open(id, version);
    } catch (StateCorruptedException e) {
      throw new SluiceException(
          ErrorCode.CHECKPOINT_CORRUPT,
          "state of operator "
              + operatorId
              + ", key group "
              + keyGroup
              + " cannot be loaded: "
              + e.getMessage(),
          e);
    }
    open.put(id, store);
    return store;
  }

  /**
   * Commits version {@code version + 1} of every store of {@code operatorId} in {@code range} as
   * one bundle.
   */
  void commit(String operatorId, dev.sluice.state.KeyGroupRange range, long version) {
    java.util.List<StateStore> stores = new java.util.ArrayList<>();
    range.keyGroups().forEach(keyGroup -> stores.add(store(operatorId, keyGroup, version)));
    provider.commitAll(stores);
  }

  /** Each operator's state metrics, summed over its open key-group stores, by operator id. */
  synchronized java.util.List<QueryProgress.StateOperatorProgress> progress() {
    Map<String, long[]> sums = new java.util.TreeMap<>();
    for (StateStore store : open.values()) {
      var metrics = store.metrics();
      long[] sum = sums.computeIfAbsent(store.id().operatorId(), unused -> new long[4]);
      sum[0] += metrics.numKeys();
      sum[1] += metrics.memoryBytes();
      sum[2] += metrics.lastCommitBytesWritten();
      sum[3] += metrics.lastCommitNanos();
    }
    java.util.List<QueryProgress.StateOperatorProgress> progress = new java.util.ArrayList<>();
    sums.forEach(
        (operator, sum) ->
            progress.add(
                new QueryProgress.StateOperatorProgress(
                    operator, sum[0], sum[1], sum[2], sum[3] / 1_000_000)));
    return progress;
  }

  @Override
  public synchronized void close() {
    open.values().forEach(StateStore::close);
    open.clear();
    provider.close();
  }
}
