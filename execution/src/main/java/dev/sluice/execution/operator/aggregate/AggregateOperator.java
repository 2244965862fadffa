package dev.sluice.execution.operator.aggregate;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.batch.BatchBuilder;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.batch.VectorValues;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.operator.Operator;
import dev.sluice.execution.operator.OperatorContext;
import dev.sluice.execution.operator.Output;
import dev.sluice.execution.operator.StateContext;
import dev.sluice.execution.operator.key.GroupTable;
import dev.sluice.execution.operator.key.KeyDecoder;
import dev.sluice.execution.operator.key.KeyEncoder;
import dev.sluice.execution.operator.key.ValueCodec;
import dev.sluice.execution.plan.AggregateCall;
import dev.sluice.execution.plan.AggregateSpec;
import dev.sluice.execution.type.SqlType;
import dev.sluice.state.StateEntry;
import dev.sluice.state.StateStore;
import dev.sluice.state.encoding.BinaryReader;
import dev.sluice.state.encoding.BinaryWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.vector.FieldVector;

/**
 * The stateful merge of a streaming aggregation.
 *
 * <p><b>State layout.</b> One state store per (operator, key group). Entry {@code 0x00 + key}: the
 * group's key values encoded with {@link ValueCodec} (the same bytes the exchange hashed to pick
 * the key group) → each call's state, encoded in call order ({@link Aggregates}). Entry {@code 0x01
 * + key + slot + value} (empty value): the group has seen this value of the slot-th DISTINCT
 * column, so DISTINCT calls over that column fold it only once. Entry {@code 0x02 + key} (with a
 * state TTL only): the processing time of the batch that last updated the group.
 *
 * <p><b>Per batch.</b> Every partial row from the exchange is merged into its key's state: the key
 * is encoded straight from the vectors ({@link KeyEncoder}) and numbered in a {@link GroupTable} of
 * the keys changed in the batch; at a key's first change its stored state is read and loaded into
 * the calls' {@link GroupAccumulator}s, which merge the partial states typed. At the end of the
 * input the operator writes the changed states back, emits the keys it changed (update mode) or
 * every key of its key groups in key order (complete mode), then commits every store of its range —
 * also unchanged ones, so each store's version stays the batch count. A re-run of the batch opens
 * the stores at the same version again and overwrites the same next version.
 *
 * <p><b>Changelog.</b> When the spec asks for a changelog, each changed group's old result row
 * (decoded from the state read at the group's first change in the batch) and new result row go to a
 * {@link GroupChangelog}, which emits +I, -U/+U or -D rows after testing HAVING on both.
 *
 * <p><b>What bounds the state.</b> With a window-end key ({@link AggregateSpec#windowEndKey()}),
 * the watermark: at the end of each batch the groups whose window ended at or before the batch's
 * watermark are removed (and, in append mode, emitted once, then). The watermark is that of the
 * batch {@link AggregateSpec#watermarkDepth()} batches back ({@link
 * OperatorContext#watermarkAtDepth}), not the in-band one: an aggregation fed by another emitting
 * windows closed by this batch's watermark must not find its own rows late. Late rows never reach
 * this operator: the partial stage dropped them. Without one, nothing: one entry per distinct key,
 * forever.
 */
public final class AggregateOperator implements Operator {
  private final AggregateSpec spec;
  private final List<SqlType> keyTypes = new ArrayList<>();
  private final KeyEncoder keyEncoder;
  private final KeyDecoder keyDecoder;
  private final AggregateCall[] calls;
  private OperatorContext context;
  private Output output;
  private StateContext state;

  /** Keys changed in this batch, numbered in first-change order. */
  private final GroupTable changed = new GroupTable();

  /** Each call's state of the changed groups. */
  private final GroupAccumulator[] accumulators;

  /**
   * Each changed group's encoded state before the batch (null for a new group), by group id, from
   * which a changelog derives the group's old result row.
   */
  private final List<byte[]> before = new ArrayList<>();

  /** Distinct values first seen in this batch (presence entries not yet written), by key group. */
  private final Map<ByteBuffer, Integer> seen = new java.util.HashMap<>();

  /** This batch's stores by key group; an instance serves one batch of one partition. */
  private KeyGroupStores stores;

  /** The type of each distinct value after the keys, and each call's slot among them (or -1). */
  private final List<SqlType> distinctTypes = new ArrayList<>();

  private final int[] distinctSlots;

  /** The input column where each call's partial state starts (unused for DISTINCT calls). */
  private final int[] stateColumns;

  private final StoredStates storedStates;

  /** Set when the operator emits a changelog. */
  private GroupChangelog changelog;

  /** The watermark at this operator's depth: groups whose window ended at or before it close. */
  private long watermark = Long.MIN_VALUE;

  /**
   * Where the window end's null flag is in a group's state entry key, or -1 if it moves (a key
   * before it has no fixed width) or there is none.
   */
  private final int windowEndOffset;

  private static final byte GROUP = 0;
  private static final byte DISTINCT_VALUE = 1;
  private static final byte LAST_UPDATE = 2;

  public AggregateOperator(AggregateSpec spec) {
    this.spec = spec;
    for (int i = 0; i < spec.keyCount(); i++) {
      keyTypes.add(spec.input().schema().field(i).type());
    }
    keyEncoder = new KeyEncoder(keyTypes);
    keyDecoder = new KeyDecoder(keyTypes);
    // fixedOffset is where the value starts in the key; in the entry key, after its kind byte, the
    // same number is where its null flag is.
    windowEndOffset =
        spec.closesWindows() && ValueCodec.fixedWidth(keyTypes.get(spec.windowEndKey())) == 8
            ? ValueCodec.fixedOffset(keyTypes, spec.windowEndKey())
            : -1;
    List<Integer> distinctArguments = spec.distinctArguments();
    for (int slot = 0; slot < distinctArguments.size(); slot++) {
      distinctTypes.add(spec.input().schema().field(spec.keyCount() + slot).type());
    }
    List<AggregateCall> calls = spec.calls();
    distinctSlots =
        calls.stream()
            .mapToInt(call -> call.distinct() ? distinctArguments.indexOf(call.argument()) : -1)
            .toArray();
    accumulators = calls.stream().map(GroupAccumulator::of).toArray(GroupAccumulator[]::new);
    this.calls = calls.toArray(new AggregateCall[0]);
    storedStates = new StoredStates(calls);
    stateColumns = new int[calls.size()];
    int column = spec.keyCount() + distinctTypes.size();
    for (int c = 0; c < calls.size(); c++) {
      if (!calls.get(c).distinct()) {
        stateColumns[c] = column;
        column += Aggregates.stateWidth(calls.get(c));
      }
    }
  }

  @Override
  public void open(OperatorContext context, Output output) {
    this.context = context;
    this.output = output;
    stores = new KeyGroupStores(context, spec.operatorId());
    this.state = context.state();
    watermark = context.watermarkAtDepth(spec.watermarkDepth());
    if (spec.changelog()) {
      changelog = new GroupChangelog(spec.resultSchema(), spec.having(), context);
    }
  }

  @Override
  public void onBatch(int input, Batch batch) {
    try (batch) {
      FieldVector[] columns = batch.vectorArray();
      for (int row = 0; row < batch.rowCount(); row++) {
        merge(columns, row);
      }
    }
  }

  /** Merges partial row {@code row} into its key's state. */
  private void merge(FieldVector[] columns, int row) {
    BinaryWriter key = keyEncoder.encode(columns, row);
    int known = changed.size();
    int group = changed.findOrInsert(key.buffer(), key.size());
    int keyGroup = stores.owned(state.keyGroups().keyGroupOfHash(changed.hash(group)));
    StateStore store = stores.get(keyGroup);
    if (group == known) {
      startGroup(group, store.get(entryKey(GROUP, key.buffer(), key.size(), null)));
    }
    boolean[] newDistinctValue =
        distinctTypes.isEmpty() ? null : newDistinctValues(columns, row, key, store, keyGroup);
    for (int c = 0; c < accumulators.length; c++) {
      int slot = distinctSlots[c];
      if (slot < 0) {
        accumulators[c].merge(columns, stateColumns[c], row, group);
      } else if (newDistinctValue[slot]) {
        accumulators[c].accumulate(columns[spec.keyCount() + slot], row, group);
      }
    }
  }

  /** Starts a group changed first in this batch from its stored state, or empty if none. */
  private void startGroup(int group, byte[] stored) {
    before.add(stored);
    for (GroupAccumulator accumulator : accumulators) {
      accumulator.start(group);
    }
    if (stored != null) {
      storedStates.load(accumulators, group, stored);
    }
  }

  /**
   * Whether each DISTINCT column's value in row {@code row} is new to the group, neither stored nor
   * seen earlier in this batch; records it as seen.
   */
  private boolean[] newDistinctValues(
      FieldVector[] columns, int row, BinaryWriter key, StateStore store, int keyGroup) {
    boolean[] newDistinctValue = new boolean[distinctTypes.size()];
    for (int slot = 0; slot < newDistinctValue.length; slot++) {
      Object value =
          VectorValues.get(columns[spec.keyCount() + slot], distinctTypes.get(slot), row);
      byte[] presence =
          entryKey(DISTINCT_VALUE, key.buffer(), key.size(), distinctValueBytes(slot, value));
      newDistinctValue[slot] =
          store.get(presence) == null
              && seen.putIfAbsent(ByteBuffer.wrap(presence), keyGroup) == null;
    }
    return newDistinctValue;
  }

  /** A distinct value tagged with its column's slot, so each DISTINCT column has its own set. */
  private byte[] distinctValueBytes(int slot, Object value) {
    return ValueCodec.encodeKey(
        List.of(SqlType.INTEGER, distinctTypes.get(slot)), new Object[] {slot, value});
  }

  /**
   * The state entry of {@code kind} for the key in {@code key[0, keyLength)}, then {@code value}.
   */
  private static byte[] entryKey(byte kind, byte[] key, int keyLength, byte[] value) {
    int valueLength = value == null ? 0 : value.length;
    byte[] entry = new byte[1 + keyLength + valueLength];
    entry[0] = kind;
    System.arraycopy(key, 0, entry, 1, keyLength);
    if (value != null) {
      System.arraycopy(value, 0, entry, 1 + keyLength, valueLength);
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
      for (int group = 0; group < changed.size(); group++) {
        byte[] key = changed.key(group);
        StateStore store = stores.get(state.keyGroups().keyGroupOfHash(changed.hash(group)));
        store.put(entryKey(GROUP, key, key.length, null), storedStates.encode(accumulators, group));
        if (spec.stateTtlMillis() > 0) {
          store.put(
              entryKey(LAST_UPDATE, key, key.length, null),
              new BinaryWriter().writeVarLong(state.batchTimestampMillis()).toByteArray());
        }
        if (changelog != null) {
          byte[] old = before.get(group);
          changelog.add(
              old == null ? null : resultRow(key, storedStates.decode(old)),
              resultRow(key, storedStates.of(accumulators, group)));
        } else if (state.outputMode() == OutputMode.UPDATE) {
          addResult(out, key, 0, key.length, group);
        }
      }
      if (changelog != null) {
        out.addAll(changelog.drain());
      }
      for (Map.Entry<ByteBuffer, Integer> presence : seen.entrySet()) {
        stores.get(presence.getValue()).put(presence.getKey().array(), new byte[0]);
      }
      if (spec.closesWindows() && state.outputMode() != OutputMode.COMPLETE) {
        closeWindows(out);
      }
      if (spec.stateTtlMillis() > 0) {
        expireIdleGroups();
      }
      if (changelog == null && state.outputMode() == OutputMode.COMPLETE) {
        int[] emitted = {0};
        state
            .keyGroupRange()
            .keyGroups()
            .forEach(
                group -> {
                  Iterator<StateEntry> entries = stores.get(group).prefixScan(new byte[] {GROUP});
                  while (entries.hasNext()) {
                    addStoredResult(out, entries.next());
                    emitted[0]++;
                  }
                });
        if (spec.keyCount() == 0 && emitted[0] == 0) {
          emptyGlobalGroup().ifPresent(out::add);
        }
      }
      state.commit(spec.operatorId());
      clearChanges();
      for (Batch batch : out.build()) {
        output.emit(batch);
      }
    }
    output.endOfInput();
  }

  /**
   * Removes every group of this partition's key groups whose window ended at or before the
   * watermark (no row can reach it any more), with its DISTINCT values; in append mode emits its
   * final row first. Scans all groups, unsorted (a batch's rows have no order): state holds only
   * open windows, so the scan is bounded by them.
   */
  private void closeWindows(BatchBuilder out) {
    if (watermark == Long.MIN_VALUE) {
      return;
    }
    boolean emitClosed = state.outputMode() == OutputMode.APPEND || spec.finalRowOnClose();
    state
        .keyGroupRange()
        .keyGroups()
        .forEach(
            group -> {
              StateStore store = stores.get(group);
              List<byte[]> closed = new ArrayList<>();
              Iterator<StateEntry> entries = store.unorderedScan(new byte[] {GROUP});
              while (entries.hasNext()) {
                StateEntry entry = entries.next();
                if (closedBy(entry.key(), watermark)) {
                  if (emitClosed) {
                    addStoredResult(out, entry);
                  }
                  entries.remove();
                  if (!distinctTypes.isEmpty()) {
                    closed.add(java.util.Arrays.copyOfRange(entry.key(), 1, entry.key().length));
                  }
                }
              }
              removeDistinctValues(store, closed);
            });
  }

  /**
   * Whether the group of state entry {@code entryKey} ({@code 0x00 + key}) has a window end at or
   * before {@code watermark}. The end is read in place when the keys before it have a fixed width.
   */
  private boolean closedBy(byte[] entryKey, long watermark) {
    if (windowEndOffset >= 0) {
      // The null flag is 0 for NULL: a group without a window end never closes.
      return entryKey[windowEndOffset] != 0
          && ValueCodec.readOrderedLong(entryKey, windowEndOffset + 1) <= watermark;
    }
    byte[] key = java.util.Arrays.copyOfRange(entryKey, 1, entryKey.length);
    Object windowEnd = ValueCodec.decodeKey(keyTypes, key)[spec.windowEndKey()];
    return windowEnd != null && VectorValues.timestampMillis(windowEnd) <= watermark;
  }

  /**
   * Removes the groups (with their DISTINCT values) not updated for the state TTL, measured in
   * batch processing time, without output.
   */
  private void expireIdleGroups() {
    long expiredBefore = state.batchTimestampMillis() - spec.stateTtlMillis();
    state
        .keyGroupRange()
        .keyGroups()
        .forEach(
            group -> {
              StateStore store = stores.get(group);
              List<byte[]> expired = new ArrayList<>();
              store
                  .unorderedScan(new byte[] {LAST_UPDATE})
                  .forEachRemaining(
                      entry -> {
                        if (new BinaryReader(entry.value()).readVarLong() < expiredBefore) {
                          expired.add(
                              java.util.Arrays.copyOfRange(entry.key(), 1, entry.key().length));
                        }
                      });
              for (byte[] key : expired) {
                store.remove(entryKey(LAST_UPDATE, key, key.length, null));
                store.remove(entryKey(GROUP, key, key.length, null));
              }
              removeDistinctValues(store, expired);
            });
  }

  /**
   * Removes the DISTINCT values of removed groups from {@code store}. A scan reads the whole store,
   * so the values of all the groups are found in one scan, not one per group.
   */
  private void removeDistinctValues(StateStore store, List<byte[]> keys) {
    if (keys.isEmpty() || distinctTypes.isEmpty()) {
      return;
    }
    Set<ByteBuffer> gone = new HashSet<>();
    keys.forEach(key -> gone.add(ByteBuffer.wrap(key)));
    List<byte[]> values = new ArrayList<>();
    store
        .unorderedScan(new byte[] {DISTINCT_VALUE})
        .forEachRemaining(
            entry -> {
              if (gone.contains(ByteBuffer.wrap(entry.key(), 1, keyLength(entry.key())))) {
                values.add(entry.key());
              }
            });
    values.forEach(store::remove);
  }

  /** The length of the group key inside a DISTINCT-value entry ({@code 0x01 + key + ...}). */
  private int keyLength(byte[] entryKey) {
    BinaryReader in = new BinaryReader(entryKey, 1, entryKey.length - 1);
    for (SqlType type : keyTypes) {
      ValueCodec.read(in, type);
    }
    return in.position();
  }

  /**
   * Adds changed group {@code group}'s result row: its key, decoded from {@code key[offset, offset
   * + length)}, then each call's result, set straight into the output vectors.
   */
  private void addResult(BatchBuilder out, byte[] key, int offset, int length, int group) {
    out.add(
        (vectors, row) -> {
          keyDecoder.decode(key, offset, length, vectors, row);
          for (int c = 0; c < accumulators.length; c++) {
            accumulators[c].writeResult(vectors[keyTypes.size() + c], row, calls[c], group);
          }
        });
  }

  /**
   * Adds the result row of a stored group ({@code 0x00 + key} → states): its states are loaded into
   * a scratch group after the changed ones.
   */
  private void addStoredResult(BatchBuilder out, StateEntry entry) {
    int scratch = changed.size();
    for (GroupAccumulator accumulator : accumulators) {
      accumulator.start(scratch);
    }
    storedStates.load(accumulators, scratch, entry.value());
    addResult(out, entry.key(), 1, entry.key().length - 1, scratch);
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

  @Override
  public void close() {
    clearChanges();
  }

  /**
   * The row of a global aggregation (no GROUP BY) over no rows, as SQL has it ({@code COUNT(*)} 0,
   * {@code SUM} NULL), from the partition owning the empty key's key group; empty elsewhere.
   */
  private Optional<Row> emptyGlobalGroup() {
    byte[] key = new byte[0];
    int group = changed.findOrInsert(key, 0);
    if (!state.keyGroupRange().contains(state.keyGroups().keyGroupOfHash(changed.hash(group)))) {
      return Optional.empty();
    }
    startGroup(group, null);
    return Optional.of(resultRow(key, storedStates.of(accumulators, group)));
  }

  private void clearChanges() {
    changed.clear();
    before.clear();
    for (GroupAccumulator accumulator : accumulators) {
      accumulator.clear();
    }
    seen.clear();
  }
}
