package dev.sluice.execution.operator.aggregate;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.batch.BatchBuilder;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.operator.stateless.StatelessOperator;
import dev.sluice.execution.plan.AggregateCall;
import dev.sluice.execution.plan.PartialAggregateSpec;
import dev.sluice.execution.type.TypeKind;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds each chunk's rows by key into one partial row per key (keys, then each call's partial
 * state), so the exchange moves one row per key and chunk instead of every input row. Keeps nothing
 * between chunks.
 */
public final class PartialAggregateOperator extends StatelessOperator {
  private final PartialAggregateSpec spec;

  /**
   * Which keys are VARBINARY. A {@code byte[]} equals only itself, so these keys are grouped as
   * {@link ByteBuffer}s, which compare and hash by content.
   */
  private final boolean[] binaryKeys;

  public PartialAggregateOperator(PartialAggregateSpec spec) {
    this.spec = spec;
    this.binaryKeys = new boolean[spec.groupKeys().size()];
    for (int k = 0; k < binaryKeys.length; k++) {
      binaryKeys[k] = spec.schema().field(k).type().kind() == TypeKind.VARBINARY;
    }
  }

  @Override
  public void onBatch(int input, Batch batch) {
    Map<List<Object>, Object[][]> groups = new LinkedHashMap<>();
    try (batch) {
      List<AggregateCall> calls = spec.calls();
      for (int i = 0; i < batch.rowCount(); i++) {
        Row row = batch.row(i);
        Object[] key = new Object[spec.groupKeys().size()];
        for (int k = 0; k < key.length; k++) {
          Object value = row.get(spec.groupKeys().get(k));
          key[k] = binaryKeys[k] && value != null ? ByteBuffer.wrap((byte[]) value) : value;
        }
        Object[][] states =
            groups.computeIfAbsent(
                Arrays.asList(key),
                unused -> calls.stream().map(Aggregates::initial).toArray(Object[][]::new));
        for (int c = 0; c < calls.size(); c++) {
          AggregateCall call = calls.get(c);
          Aggregates.accumulate(
              call, states[c], call.argument() < 0 ? null : row.get(call.argument()));
        }
      }
    }
    try (BatchBuilder out =
        new BatchBuilder(spec.schema(), context.allocator(), context.maxRowsPerBatch())) {
      for (Map.Entry<List<Object>, Object[][]> group : groups.entrySet()) {
        Object[] values = new Object[spec.schema().size()];
        int next = 0;
        for (Object key : group.getKey()) {
          values[next++] = key instanceof ByteBuffer bytes ? bytes.array() : key;
        }
        Object[][] states = group.getValue();
        for (int c = 0; c < states.length; c++) {
          for (Object value : Aggregates.partialValues(spec.calls().get(c), states[c])) {
            values[next++] = value;
          }
        }
        out.add(Row.of(values));
      }
      for (Batch partial : out.build()) {
        output.emit(partial);
      }
    }
  }
}
