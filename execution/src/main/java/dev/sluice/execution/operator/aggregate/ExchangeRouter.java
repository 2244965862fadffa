package dev.sluice.execution.operator.aggregate;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.operator.key.KeyEncoder;
import dev.sluice.execution.plan.ExchangeSpec;
import dev.sluice.execution.type.SqlType;
import dev.sluice.state.KeyGroups;
import dev.sluice.state.encoding.BinaryWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * Picks the partition that owns each row's key: the key (the exchange's first columns) is encoded
 * exactly as the aggregation stores it, hashed to a key group, and the key group's owner is the
 * partition whose contiguous key-group range contains it.
 */
public final class ExchangeRouter {
  private final List<SqlType> keyTypes = new ArrayList<>();
  private final KeyGroups keyGroups;
  private final int partitions;

  public ExchangeRouter(ExchangeSpec exchange, KeyGroups keyGroups, int partitions) {
    for (int i = 0; i < exchange.keyCount(); i++) {
      keyTypes.add(exchange.schema().field(i).type());
    }
    this.keyGroups = keyGroups;
    this.partitions = partitions;
  }

  /** The owning partition of every row of {@code batch}. Thread-safe. */
  public int[] partitions(Batch batch) {
    int[] owners = new int[batch.rowCount()];
    KeyEncoder encoder = new KeyEncoder(keyTypes);
    FieldVector[] columns = batch.vectorArray();
    for (int row = 0; row < owners.length; row++) {
      BinaryWriter key = encoder.encode(columns, row);
      int keyGroup = keyGroups.keyGroupOf(key.buffer(), 0, key.size());
      owners[row] = keyGroups.partitionOf(keyGroup, partitions);
    }
    return owners;
  }
}
