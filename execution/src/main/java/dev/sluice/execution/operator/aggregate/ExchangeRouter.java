package dev.sluice.execution.operator.aggregate;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.plan.ExchangeSpec;
import dev.sluice.execution.type.SqlType;
import dev.sluice.state.KeyGroups;
import java.util.ArrayList;
import java.util.List;

/**
 * Routes rows to the partition owning their key: the key (the exchange's first columns) is encoded
 * exactly as the aggregation stores it, hashed to a key group, and the key group's owner is the
 * partition whose contiguous key-group range contains it.
 */
public final class ExchangeRouter {
  private ExchangeRouter() {}

  public static List<List<Row>> route(
      List<Row> rows, ExchangeSpec exchange, KeyGroups keyGroups, int partitions) {
    List<SqlType> keyTypes = new ArrayList<>();
    for (int i = 0; i < exchange.keyCount(); i++) {
      keyTypes.add(exchange.schema().field(i).type());
    }
    List<List<Row>> routed = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      routed.add(new ArrayList<>());
    }
    Object[] key = new Object[exchange.keyCount()];
    for (Row row : rows) {
      for (int k = 0; k < key.length; k++) {
        key[k] = row.get(k);
      }
      int keyGroup = keyGroups.keyGroupOf(ValueCodec.encodeKey(keyTypes, key));
      routed.get(keyGroups.partitionOf(keyGroup, partitions)).add(row);
    }
    return routed;
  }
}
