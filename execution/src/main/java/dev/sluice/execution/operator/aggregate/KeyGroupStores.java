package dev.sluice.execution.operator.aggregate;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.operator.OperatorContext;
import dev.sluice.execution.operator.StateContext;
import dev.sluice.state.StateStore;

/**
 * One stateful operator's state stores in one batch of one partition, by key group, each opened at
 * its first use. Shared by the aggregations, which all keep one store per key group.
 */
final class KeyGroupStores {
  private final StateContext state;
  private final String operatorId;
  private final StateStore[] stores;

  /**
   * The stores of {@code operatorId} in the stage of {@code context}.
   *
   * @throws IllegalStateException if the operator was planned into a stage without state
   */
  KeyGroupStores(OperatorContext context, String operatorId) {
    this.state = context.state();
    if (state == null) {
      throw new IllegalStateException(operatorId + " keeps state but runs in a stage without it");
    }
    this.operatorId = operatorId;
    this.stores = new StateStore[state.keyGroups().count()];
  }

  /** The store of {@code keyGroup}, which must be in this partition's range. */
  StateStore get(int keyGroup) {
    StateStore store = stores[keyGroup];
    if (store == null) {
      store = state.store(operatorId, keyGroup);
      stores[keyGroup] = store;
    }
    return store;
  }

  /**
   * {@code keyGroup}, checked to be in this partition's range: a key of another partition's key
   * group means the exchange routed it wrongly.
   */
  int owned(int keyGroup) {
    if (!state.keyGroupRange().contains(keyGroup)) {
      throw new SluiceException(
          ErrorCode.INTERNAL_ERROR,
          "key group " + keyGroup + " reached the partition owning " + state.keyGroupRange());
    }
    return keyGroup;
  }
}
