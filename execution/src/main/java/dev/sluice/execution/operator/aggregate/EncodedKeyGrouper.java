package dev.sluice.execution.operator.aggregate;

import dev.sluice.execution.operator.key.GroupTable;
import dev.sluice.execution.operator.key.KeyEncoder;
import dev.sluice.execution.type.SqlType;
import dev.sluice.state.encoding.BinaryWriter;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * Groups rows by their encoded key bytes ({@link KeyEncoder}, {@link GroupTable}): works for every
 * key type, so keys equal as SQL values (also VARBINARY keys, which are distinct arrays, or lists)
 * fold together.
 */
final class EncodedKeyGrouper implements RowGrouper {
  private final KeyEncoder keyEncoder;
  private final GroupTable groups = new GroupTable();
  private int[] firstRows = new int[64];

  EncodedKeyGrouper(List<SqlType> keyTypes) {
    keyEncoder = new KeyEncoder(keyTypes);
  }

  @Override
  public int group(FieldVector[] keyColumns, int rows, int[] groupOfRow) {
    groups.clear();
    for (int row = 0; row < rows; row++) {
      BinaryWriter key = keyEncoder.encode(keyColumns, row);
      int known = groups.size();
      int group = groups.findOrInsert(key.buffer(), key.size());
      if (group == known) {
        if (group == firstRows.length) {
          firstRows = Arrays.copyOf(firstRows, 2 * group);
        }
        firstRows[group] = row;
      }
      groupOfRow[row] = group;
    }
    return groups.size();
  }

  @Override
  public int firstRow(int group) {
    return firstRows[group];
  }
}
