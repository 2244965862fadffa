package dev.sluice.execution.operator;

import dev.sluice.execution.connector.OutputMode;
import dev.sluice.state.KeyGroupRange;
import dev.sluice.state.KeyGroups;
import dev.sluice.state.StateStore;

/**
 * What a stateful operator instance gets: the stores of the key groups its partition owns, at the
 * version of the running batch, and the query's output mode.
 */
public interface StateContext {
  /**
   * The store of ({@code operatorId}, {@code keyGroup}) as of the start of this batch. The operator
   * commits every store of its range at the end of the batch, changed or not, with {@link #commit}.
   */
  StateStore store(String operatorId, int keyGroup);

  /**
   * Commits the stores of {@code operatorId} for every key group of this partition's range (opening
   * those not used in the batch), together: one durable file for all of them.
   */
  void commit(String operatorId);

  KeyGroups keyGroups();

  /** The key groups this partition owns. */
  KeyGroupRange keyGroupRange();

  OutputMode outputMode();

  /**
   * The batch's processing time, from its offset log entry: a re-run of the batch sees the same, so
   * state TTL expires the same groups.
   */
  long batchTimestampMillis();
}
