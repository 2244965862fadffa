package dev.sluice.execution.operator.aggregate;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.batch.BatchBuilder;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.operator.Operator;
import dev.sluice.execution.operator.OperatorContext;
import dev.sluice.execution.operator.Output;
import dev.sluice.execution.operator.StateContext;
import dev.sluice.execution.plan.AggregateCall;
import dev.sluice.execution.plan.AggregateSpec;
import dev.sluice.execution.type.SqlType;
import dev.sluice.state.StateEntry;
import dev.sluice.state.StateStore;
import dev.sluice.state.encoding.BinaryReader;
import dev.sluice.state.encoding.BinaryWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stateful merge of a streaming aggregation.
 *
 * <p><b>State layout.</b> One state store per (operator, key group). Entry {@code 0x00 + key}: the
 * group's key values encoded with {@link ValueCodec} (the same bytes the exchange hashed to pick
 * the key group) → each call's state, encoded in call order ({@link Aggregates}). Entry {@code 0x01
 * + key + slot + value} (empty value): the group has seen this value of the slot-th DISTINCT
 * column, so DISTINCT calls over that column fold it only once.
 *
 * <p><b>Per batch.</b> Every partial row from the exchange is merged into its key's state (read,
 * merge, write back). At the end of the input the operator emits the keys it changed (update mode)
 * or every key of its key groups in key order (complete mode), then commits every store of its
 * range — also unchanged ones, so each store's version stays the batch count. A re-run of the batch
 * opens the stores at the same version again and overwrites the same next version.
 *
 * <p><b>Changelog.</b> When the spec asks for a changelog, each changed group's old result row
 * (decoded from the state read at the group's first change in the batch) and new result row go to a
 * {@link GroupChangelog}, which emits +I, -U/+U or -D rows after testing HAVING on both.
 *
 * <p><b>What bounds the state.</b> Nothing yet: one entry per distinct key, forever (TTL and
 * watermarks come with event time). Groups are never removed from state.
 */
public final class AggregateOperator implements Operator {
  private final AggregateSpec spec;
  private final List<SqlType> keyTypes = new ArrayList<>();
  private OperatorContext context;
  private Output output;
  private StateContext state;

  /** Keys changed in this batch, in first-change order. */
  private final Map<ByteBuffer, ChangedGroup> changed = new LinkedHashMap<>();

  /** Distinct values first seen in this batch (presence entries not yet written), by key group. */
  private final Map<ByteBuffer, Integer> seen = new java.util.HashMap<>();

  /** This batch's stores by key group; an instance serves one batch of one partition. */
  private StateStore[] stores;

  private int[] stateWidths;

  /** The type of each distinct value after the keys, and each call's slot among them (or -1). */
  private final List<SqlType> distinctTypes = new ArrayList<>();

  private final int[] distinctSlots;

  /** Set when the operator emits a changelog. */
  private GroupChangelog changelog;

  /**
   * A group's state as of this batch, and its encoded state before the batch (null for a new
   * group), from which a changelog derives the group's old result row.
   */
  private record ChangedGroup(Object[][] states, byte[] before) {}

  private static final byte GROUP = 0;
  private static final byte DISTINCT_VALUE = 1;

  public AggregateOperator(AggregateSpec spec) {
    this.spec = spec;
    for (int i = 0; i < spec.keyCount(); i++) {
      keyTypes.add(spec.input().schema().field(i).type());
    }
    List<Integer> distinctArguments = spec.distinctArguments();
    for (int slot = 0; slot < distinctArguments.size(); slot++) {
      distinctTypes.add(spec.input().schema().field(spec.keyCount() + slot).type());
    }
    distinctSlots =
        spec.calls().stream()
            .mapToInt(call -> call.distinct() ? distinctArguments.indexOf(call.argument()) : -1)
            .toArray();
  }

  @Override
  public void open(OperatorContext context, Output output) {
    this.context = context;
    this.output = output;
    this.state = context.state();
    if (state == null) {
      throw new IllegalStateException("aggregation runs only in a stage with state");
    }
    stores = new StateStore[state.keyGroups().count()];
    stateWidths = spec.calls().stream().mapToInt(Aggregates::stateWidth).toArray();
    if (spec.changelog()) {
      changelog = new GroupChangelog(spec.resultSchema(), spec.having(), context);
    }
  }

  @Override
  public void onBatch(int input, Batch batch) {
    try (batch) {
      for (int i = 0; i < batch.rowCount(); i++) {
        merge(batch.row(i));
      }
    }
  }

  private void merge(Row row) {
    Object[] key = new Object[spec.keyCount()];
    for (int k = 0; k < key.length; k++) {
      key[k] = row.get(k);
    }
    byte[] keyBytes = ValueCodec.encodeKey(keyTypes, key);
    int keyGroup = state.keyGroups().keyGroupOf(keyBytes);
    if (!state.keyGroupRange().contains(keyGroup)) {
      throw new SluiceException(
          ErrorCode.INTERNAL_ERROR,
          "key group " + keyGroup + " reached the partition owning " + state.keyGroupRange());
    }
    StateStore store = store(keyGroup);
    ByteBuffer changedKey = ByteBuffer.wrap(keyBytes);
    ChangedGroup group = changed.get(changedKey);
    if (group == null) {
      byte[] stored = store.get(entryKey(GROUP, keyBytes, null));
      group = new ChangedGroup(stored == null ? initialStates() : decode(stored), stored);
      changed.put(changedKey, group);
    }
    Object[][] states = group.states();
    int column = spec.keyCount();
    Object[] distinctValues = new Object[distinctTypes.size()];
    boolean[] newDistinctValue = new boolean[distinctValues.length];
    for (int slot = 0; slot < distinctValues.length; slot++) {
      distinctValues[slot] = row.get(column++);
      byte[] presence =
          entryKey(DISTINCT_VALUE, keyBytes, distinctValueBytes(slot, distinctValues[slot]));
      newDistinctValue[slot] =
          store.get(presence) == null
              && seen.putIfAbsent(ByteBuffer.wrap(presence), keyGroup) == null;
    }
    for (int c = 0; c < spec.calls().size(); c++) {
      AggregateCall call = spec.calls().get(c);
      if (call.distinct()) {
        int slot = distinctSlots[c];
        if (newDistinctValue[slot]) {
          Aggregates.accumulate(call, states[c], distinctValues[slot]);
        }
        continue;
      }
      int width = stateWidths[c];
      Object[] partial = new Object[width];
      for (int w = 0; w < width; w++) {
        partial[w] = row.get(column++);
      }
      Aggregates.merge(call, states[c], partial);
    }
  }

  /** A distinct value tagged with its column's slot, so each DISTINCT column has its own set. */
  private byte[] distinctValueBytes(int slot, Object value) {
    return ValueCodec.encodeKey(
        List.of(SqlType.INTEGER, distinctTypes.get(slot)), new Object[] {slot, value});
  }

  private static byte[] entryKey(byte kind, byte[] key, byte[] value) {
    int valueLength = value == null ? 0 : value.length;
    byte[] entry = new byte[1 + key.length + valueLength];
    entry[0] = kind;
    System.arraycopy(key, 0, entry, 1, key.length);
    if (value != null) {
      System.arraycopy(value, 0, entry, 1 + key.length, valueLength);
    }
    return entry;
  }

  @Override
  public void onWatermark(int input, long watermarkMillis) {
    output.emitWatermark(watermarkMillis);
  }

  @Override
  public void onEndOfInput(int input) {
    try (BatchBuilder out =
        new BatchBuilder(spec.schema(), context.allocator(), context.maxRowsPerBatch())) {
      for (Map.Entry<ByteBuffer, ChangedGroup> entry : changed.entrySet()) {
        byte[] key = entry.getKey().array();
        ChangedGroup group = entry.getValue();
        store(state.keyGroups().keyGroupOf(key))
            .put(entryKey(GROUP, key, null), encode(group.states()));
        if (changelog != null) {
          changelog.add(
              group.before() == null ? null : resultRow(key, decode(group.before())),
              resultRow(key, group.states()));
        } else if (state.outputMode() == OutputMode.UPDATE) {
          out.add(resultRow(key, group.states()));
        }
      }
      if (changelog != null) {
        out.addAll(changelog.drain());
      }
      for (Map.Entry<ByteBuffer, Integer> presence : seen.entrySet()) {
        store(presence.getValue()).put(presence.getKey().array(), new byte[0]);
      }
      if (changelog == null && state.outputMode() == OutputMode.COMPLETE) {
        state
            .keyGroupRange()
            .keyGroups()
            .forEach(
                group -> {
                  Iterator<StateEntry> entries = store(group).prefixScan(new byte[] {GROUP});
                  while (entries.hasNext()) {
                    StateEntry entry = entries.next();
                    byte[] key = java.util.Arrays.copyOfRange(entry.key(), 1, entry.key().length);
                    out.add(resultRow(key, decode(entry.value())));
                  }
                });
      }
      state.keyGroupRange().keyGroups().forEach(group -> store(group).commit());
      changed.clear();
      seen.clear();
      for (Batch batch : out.build()) {
        output.emit(batch);
      }
    }
    output.endOfInput();
  }

  private StateStore store(int keyGroup) {
    StateStore store = stores[keyGroup];
    if (store == null) {
      store = state.store(spec.operatorId(), keyGroup);
      stores[keyGroup] = store;
    }
    return store;
  }

  private Row resultRow(byte[] key, Object[][] states) {
    Object[] values = new Object[spec.resultSchema().size()];
    Object[] keyValues = ValueCodec.decodeKey(keyTypes, key);
    System.arraycopy(keyValues, 0, values, 0, keyValues.length);
    for (int c = 0; c < spec.calls().size(); c++) {
      values[keyValues.length + c] = Aggregates.result(spec.calls().get(c), states[c]);
    }
    return Row.of(values);
  }

  private Object[][] initialStates() {
    return spec.calls().stream().map(Aggregates::initial).toArray(Object[][]::new);
  }

  private byte[] encode(Object[][] states) {
    BinaryWriter out = new BinaryWriter();
    for (int c = 0; c < states.length; c++) {
      Aggregates.write(out, spec.calls().get(c), states[c]);
    }
    return out.toByteArray();
  }

  private Object[][] decode(byte[] bytes) {
    BinaryReader in = new BinaryReader(bytes);
    Object[][] states = new Object[spec.calls().size()][];
    for (int c = 0; c < states.length; c++) {
      states[c] = Aggregates.read(in, spec.calls().get(c));
    }
    return states;
  }

  @Override
  public void close() {
    changed.clear();
    seen.clear();
  }
}
