package dev.sluice.state;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * Names one state store: the state of one stateful operator for one key group.
 *
 * <p>An operator that needs several stores (a stream-stream join keeps one per side) uses one
 * operator id per store, e.g. {@code "7-left"} and {@code "7-right"}. The id becomes a directory
 * name, so it is restricted to ASCII letters, digits, {@code '_'} and {@code '-'}.
 *
 * @param operatorId the operator's id in the physical plan, stable across restarts of the query
 * @param keyGroup the key group, in {@code [0, KeyGroups.MAX_COUNT)}
 */
public record StoreId(String operatorId, int keyGroup) {
  private static final Pattern OPERATOR_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

  /**
   * @throws NullPointerException if {@code operatorId} is null
   * @throws IllegalArgumentException if {@code operatorId} is not 1 to 100 characters of {@code
   *     [A-Za-z0-9_-]} or {@code keyGroup} is outside {@code [0, KeyGroups.MAX_COUNT)}
   */
  public StoreId {
    requireNonNull(operatorId, "operatorId is null");
    if (!OPERATOR_ID.matcher(operatorId).matches()) {
      throw new IllegalArgumentException(
          "operator id '"
              + operatorId
              + "' must be 1 to 100 characters of A-Z, a-z, 0-9, '_' and '-'");
    }
    if (keyGroup < 0 || keyGroup >= KeyGroups.MAX_COUNT) {
      throw new IllegalArgumentException(
          "key group " + keyGroup + " is outside [0, " + KeyGroups.MAX_COUNT + ")");
    }
  }

  /** {@code operatorId/keyGroup}, as in the store's directory. */
  @Override
  public String toString() {
    return operatorId + "/" + keyGroup;
  }
}
