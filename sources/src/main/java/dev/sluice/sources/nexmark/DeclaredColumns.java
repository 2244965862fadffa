package dev.sluice.sources.nexmark;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import java.util.Optional;

/**
 * The columns a {@code nexmark} source emits: all of its table's columns, or the ones the user
 * declared ({@code CREATE STREAM bids (auction BIGINT, price BIGINT, date_time TIMESTAMP(3)) WITH
 * (connector = 'nexmark')}), which must be table columns of the same type, named in any case and
 * order. A source that emits only the declared columns never writes the others.
 *
 * @param schema the schema of the batches the source produces
 * @param tableColumns for each field of {@code schema}, its column in the {@link
 *     NexmarkTable#schema()}
 */
record DeclaredColumns(Schema schema, int[] tableColumns) {
  DeclaredColumns {
    requireNonNull(schema, "schema is null");
    requireNonNull(tableColumns, "tableColumns is null");
  }

  /**
   * @throws SluiceException UNKNOWN_COLUMN for a declared column the table does not have,
   *     TYPE_MISMATCH for one of another type, DUPLICATE_OBJECT for one declared twice
   */
  static DeclaredColumns resolve(NexmarkTable table, Optional<Schema> declared) {
    Schema all = table.schema();
    if (declared.isEmpty()) {
      int[] columns = new int[all.size()];
      for (int i = 0; i < columns.length; i++) {
        columns[i] = i;
      }
      return new DeclaredColumns(all, columns);
    }
    Schema schema = declared.get();
    int[] columns = new int[schema.size()];
    boolean[] seen = new boolean[all.size()];
    for (int i = 0; i < columns.length; i++) {
      Field field = schema.field(i);
      int column =
          all.indexOf(field.name())
              .orElseThrow(
                  () ->
                      new SluiceException(
                          ErrorCode.UNKNOWN_COLUMN,
                          "nexmark table '"
                              + table.optionValue()
                              + "' has no column '"
                              + field.name()
                              + "'; its columns are "
                              + all));
      Field actual = all.field(column);
      if (actual.type().kind() != field.type().kind()) {
        throw new SluiceException(
            ErrorCode.TYPE_MISMATCH,
            "column '"
                + field.name()
                + "' of nexmark table '"
                + table.optionValue()
                + "' is "
                + actual.type()
                + " but is declared "
                + field.type()
                + "; its columns are "
                + all);
      }
      if (seen[column]) {
        throw new SluiceException(
            ErrorCode.DUPLICATE_OBJECT,
            "column '"
                + field.name()
                + "' of nexmark table '"
                + table.optionValue()
                + "' is declared twice");
      }
      seen[column] = true;
      columns[i] = column;
    }
    return new DeclaredColumns(schema, columns);
  }
}
