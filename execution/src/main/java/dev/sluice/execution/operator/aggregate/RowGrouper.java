package dev.sluice.execution.operator.aggregate;

import dev.sluice.execution.operator.key.ValueCodec;
import dev.sluice.execution.type.SqlType;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * Numbers the distinct keys among the rows of one batch: the first row's key is group 0, the next
 * new key group 1, and so on. Rows put in one group have equal keys as the state stores them (equal
 * {@link ValueCodec#encodeKey} bytes); a grouper may split rows with equal encoded keys into
 * several groups (a partial aggregation only folds less then, the merge combines them).
 *
 * <p>Not thread-safe; one instance serves one batch at a time.
 */
interface RowGrouper {
  /**
   * The grouper for keys of {@code keyTypes}: {@link VectorKeyGrouper}, which hashes and compares
   * the vectors' values in place, when every key type allows it, else {@link EncodedKeyGrouper}.
   */
  static RowGrouper of(List<SqlType> keyTypes) {
    return VectorKeyGrouper.supports(keyTypes)
        ? new VectorKeyGrouper(keyTypes)
        : new EncodedKeyGrouper(keyTypes);
  }

  /**
   * Groups rows {@code [0, rows)} of {@code keyColumns} (one vector per key, in key order): sets
   * {@code groupOfRow[row]} to each row's group and returns the number of groups. Forgets the
   * groups of the previous call.
   */
  int group(FieldVector[] keyColumns, int rows, int[] groupOfRow);

  /** The first row of group {@code group} in the last {@link #group} call. */
  int firstRow(int group);
}
