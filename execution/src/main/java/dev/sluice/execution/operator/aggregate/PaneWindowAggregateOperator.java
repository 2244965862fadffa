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
import dev.sluice.execution.operator.key.KeyEncoder;
import dev.sluice.execution.operator.key.ValueCodec;
import dev.sluice.execution.plan.AggregateCall;
import dev.sluice.execution.plan.AggregateSpec;
import dev.sluice.execution.plan.WindowPanes;
import dev.sluice.execution.type.SqlType;
import dev.sluice.state.StateEntry;
import dev.sluice.state.StateStore;
import dev.sluice.state.encoding.BinaryReader;
import dev.sluice.state.encoding.BinaryWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMilliVector;

/**
 * The stateful merge of an aggregation over HOP windows, keeping one state per group and pane
 * ({@link WindowPanes}): a row changes one pane's state, and a window's result is merged from its
 * {@code size / slide} panes when it is emitted, so state, exchange and merge cost what a TUMBLE of
 * the slide costs, whatever the ratio of size to slide.
 *
 * <p><b>State layout.</b> One store per (operator, key group); the key group comes from the group
 * keys other than the window's, so all panes of a group share a store. Entry {@code 0x00 + pane
 * key} (the other keys, the pane's start and end, encoded with {@link ValueCodec} as the exchange
 * encoded them) → each call's state, as {@link AggregateOperator} encodes it. Entry {@code 0x03},
 * in a store that holds panes → the watermark up to which its windows have closed (8 bytes), so no
 * window is emitted twice, also after a restart; a store without panes has nothing to close and
 * drops it. In complete mode, entry {@code 0x04 + window key} → a closed window's final states: no
 * row can change it any more, so its panes can go.
 *
 * <p><b>Per batch.</b> Partial rows merge into their pane's state as in {@link AggregateOperator}.
 * At the end of the input, one sorted scan of each store's panes brings each key's panes together,
 * in pane order (so floating-point sums add up the same way every time), and merges them into that
 * key's windows that need a result this batch — a small map per key, not a table of every window:
 *
 * <ul>
 *   <li>windows closing now (their end after the last close, at or before the watermark): emitted
 *       in append mode, with EMIT EVERY's final row, or frozen in complete mode. A pane changed in
 *       this batch counts with its state from before the batch, since the batch's rows are late for
 *       a window the watermark has passed;
 *   <li>in update and changelog mode, the still open windows of every pane the batch changed (for a
 *       changelog also from the panes' states before the batch, for the old row);
 *   <li>in complete mode, every open window.
 * </ul>
 *
 * A pane whose last window has closed is then removed.
 */
public final class PaneWindowAggregateOperator implements Operator {
  private static final byte PANE = 0;
  private static final byte[] CLOSED_THROUGH = {3};
  private static final byte CLOSED_WINDOW = 4;

  /** A pane whose id among the changed panes was not looked up yet. */
  private static final int NOT_LOOKED_UP = -2;

  /** A pane key ends with the pane's start and end: a null flag and 8 bytes each. */
  private static final int PANE_BYTES = 18;

  private final AggregateSpec spec;
  private final WindowPanes panes;
  private final List<SqlType> keyTypes = new ArrayList<>();
  private final KeyEncoder keyEncoder;
  private final GroupAccumulator[] accumulators;
  private final int[] stateColumns;

  private final StoredStates storedStates;

  /** The calls, and where each result key is among the input keys. */
  private final AggregateCall[] calls;

  private final int[] inputKeys;

  /** Panes changed in this batch, numbered in first-change order. */
  private final GroupTable changed = new GroupTable();

  /** Each changed pane's encoded state before the batch (null for a new pane), by pane id. */
  private final List<byte[]> before = new ArrayList<>();

  private OperatorContext context;
  private Output output;
  private StateContext state;
  private KeyGroupStores stores;
  private long watermark;
  private GroupChangelog changelog;

  public PaneWindowAggregateOperator(AggregateSpec spec) {
    this.spec = spec;
    this.panes = spec.panes();
    for (int i = 0; i < spec.keyCount(); i++) {
      keyTypes.add(spec.input().schema().field(i).type());
    }
    keyEncoder = new KeyEncoder(keyTypes);
    calls = spec.calls().toArray(AggregateCall[]::new);
    inputKeys = new int[spec.keyCount()];
    for (int k = 0; k < inputKeys.length; k++) {
      inputKeys[k] = spec.inputKey(k);
    }
    accumulators = spec.calls().stream().map(GroupAccumulator::of).toArray(GroupAccumulator[]::new);
    storedStates = new StoredStates(spec.calls());
    stateColumns = new int[calls.length];
    int column = spec.keyCount();
    for (int c = 0; c < calls.length; c++) {
      stateColumns[c] = column;
      column += Aggregates.stateWidth(calls[c]);
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
        BinaryWriter key = keyEncoder.encode(columns, row);
        int known = changed.size();
        int pane = changed.findOrInsert(key.buffer(), key.size());
        if (pane == known) {
          StateStore store = stores.get(keyGroupOf(key.buffer(), key.size()));
          byte[] stored = store.get(entryKey(PANE, key.buffer(), key.size()));
          before.add(stored);
          for (GroupAccumulator accumulator : accumulators) {
            accumulator.start(pane);
          }
          if (stored != null) {
            storedStates.load(accumulators, pane, stored);
          }
        }
        for (int c = 0; c < accumulators.length; c++) {
          accumulators[c].merge(columns, stateColumns[c], row, pane);
        }
      }
    }
  }

  @Override
  public void onWatermark(int input, long watermarkMillis) {
    output.emitWatermark(watermarkMillis);
  }

  @Override
  public void onEndOfInput(int input) {
    OutputMode mode = state.outputMode();
    boolean complete = mode == OutputMode.COMPLETE && changelog == null;
    Emit emit =
        new Emit(
            complete,
            changelog == null && (mode == OutputMode.APPEND || spec.finalRowOnClose()) || complete,
            changelog != null || mode == OutputMode.UPDATE);
    for (int pane = 0; pane < changed.size(); pane++) {
      byte[] key = changed.key(pane);
      stores
          .get(keyGroupOf(key, key.length))
          .put(entryKey(PANE, key, key.length), storedStates.encode(accumulators, pane));
    }
    try (BatchBuilder out =
        new BatchBuilder(spec.schema(), context.allocator(), context.maxRowsPerBatch())) {
      if (complete) {
        // Before this batch freezes the windows it closes.
        state
            .keyGroupRange()
            .keyGroups()
            .forEach(group -> emitClosedWindows(stores.get(group), out));
      }
      state.keyGroupRange().keyGroups().forEach(group -> mergePanes(stores.get(group), emit, out));
      if (changelog != null) {
        out.addAll(changelog.drain());
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
   * What this batch emits: every open window ({@code allOpen}, complete mode), the windows closing
   * now ({@code closing}), the open windows of changed panes ({@code changes}, update and changelog
   * mode).
   */
  private record Emit(boolean allOpen, boolean closing, boolean changes) {}

  /**
   * Emits what {@code emit} asks for from the panes of {@code store}, read in key order so that
   * each key's panes come together and in pane order, and removes the panes whose last window has
   * closed.
   */
  private void mergePanes(StateStore store, Emit emit, BatchBuilder out) {
    long closedThrough = closedThrough(store);
    List<StateEntry> keyPanes = new ArrayList<>();
    Iterator<StateEntry> scan = store.prefixScan(new byte[] {PANE});
    long lastWindowAfter = panes.sizeMillis() - panes.slideMillis();
    boolean panesLeft = false;
    while (scan.hasNext()) {
      StateEntry entry = scan.next();
      if (!keyPanes.isEmpty() && !sameKey(keyPanes.get(0).key(), entry.key())) {
        mergeKey(keyPanes, closedThrough, emit, store, out);
        keyPanes.clear();
      }
      keyPanes.add(entry);
      if (paneEnd(entry.key()) + lastWindowAfter <= watermark) {
        scan.remove();
      } else {
        panesLeft = true;
      }
    }
    if (!keyPanes.isEmpty()) {
      mergeKey(keyPanes, closedThrough, emit, store, out);
    }
    if (panesLeft && watermark > closedThrough) {
      store.put(CLOSED_THROUGH, new BinaryWriter().writeLong(watermark).toByteArray());
    } else if (!panesLeft && closedThrough != Long.MIN_VALUE) {
      // Without panes nothing is left to close; a pane added later starts its own record.
      store.remove(CLOSED_THROUGH);
    }
  }

  /** Whether two pane entries belong to the same key (they differ at most in the pane). */
  private static boolean sameKey(byte[] a, byte[] b) {
    return a.length == b.length
        && Arrays.equals(a, 0, a.length - PANE_BYTES, b, 0, b.length - PANE_BYTES);
  }

  /**
   * Merges the panes of one key (its state entries, in pane order) into the windows this batch
   * emits, and emits them. A pane changed in this batch counts in a window closing now with its
   * state from before the batch: its new rows are late for that window.
   */
  private void mergeKey(
      List<StateEntry> keyPanes,
      long closedThrough,
      Emit emit,
      StateStore store,
      BatchBuilder out) {
    int count = keyPanes.size();
    long[] ends = new long[count];
    for (int p = 0; p < count; p++) {
      ends[p] = paneEnd(keyPanes.get(p).key());
    }
    // Looked up only where needed: in append mode, a batch that closes no window needs none.
    int[] changedPanes = new int[count];
    Arrays.fill(changedPanes, NOT_LOOKED_UP);
    long[] changedEnds = emit.changes() ? changedPaneEnds(keyPanes, ends, changedPanes) : null;
    // A pane's states are decoded only if a window needs them: most panes of a stream's batch feed
    // no window that closes or changes.
    PaneStates[] paneStates = new PaneStates[count];
    TreeMap<Long, WindowStates> windows = new TreeMap<>();
    for (int p = 0; p < count; p++) {
      for (int w = 0; w < panes.panesPerWindow(); w++) {
        long windowEnd = ends[p] + w * panes.slideMillis();
        if (windowEnd <= closedThrough) {
          continue; // closed in an earlier batch
        }
        boolean closing = windowEnd <= watermark;
        if (closing
            ? !emit.closing()
            : !emit.allOpen() && !(emit.changes() && containsWindow(changedEnds, windowEnd))) {
          continue;
        }
        if (paneStates[p] == null) {
          paneStates[p] =
              new PaneStates(keyPanes.get(p).value(), changedPane(keyPanes, changedPanes, p));
        }
        if (closing) {
          if (paneStates[p].previous != null) {
            windows
                .computeIfAbsent(windowEnd, end -> new WindowStates(true))
                .add(paneStates[p].previous, null);
          }
        } else {
          windows
              .computeIfAbsent(windowEnd, end -> new WindowStates(false))
              .add(paneStates[p].current, changelog == null ? null : paneStates[p].previous);
        }
      }
    }
    if (windows.isEmpty()) {
      return;
    }
    byte[] entryKey = keyPanes.get(0).key();
    byte[] paneKey = Arrays.copyOfRange(entryKey, 1, entryKey.length);
    Object[] otherKeys =
        ValueCodec.decodeKey(
            keyTypes.subList(0, keyTypes.size() - 2),
            Arrays.copyOf(paneKey, paneKey.length - PANE_BYTES));
    windows.forEach(
        (windowEnd, states) -> {
          if (states.closing && emit.allOpen()) {
            byte[] windowKey = windowKey(paneKey, windowEnd);
            store.put(
                entryKey(CLOSED_WINDOW, windowKey, windowKey.length),
                storedStates.encode(states.current));
          }
          if (changelog != null && !states.closing) {
            changelog.add(
                states.old == null ? null : resultRow(otherKeys, windowEnd, states.old),
                resultRow(otherKeys, windowEnd, states.current));
          } else {
            addResult(out, otherKeys, windowEnd, states.current);
          }
        });
  }

  /**
   * The ends of the key's panes changed in this batch, ascending (the panes are in pane order);
   * records every pane's id among the changed panes in {@code changedPanes}.
   */
  private long[] changedPaneEnds(List<StateEntry> keyPanes, long[] ends, int[] changedPanes) {
    long[] changedEnds = new long[ends.length];
    int n = 0;
    for (int p = 0; p < ends.length; p++) {
      if (changedPane(keyPanes, changedPanes, p) >= 0) {
        changedEnds[n++] = ends[p];
      }
    }
    return Arrays.copyOf(changedEnds, n);
  }

  /** Whether a pane ending in {@code changedEnds} (ascending) is one of a window's panes. */
  private boolean containsWindow(long[] changedEnds, long windowEnd) {
    // The window's panes end from windowEnd - size + slide to windowEnd.
    int at = Arrays.binarySearch(changedEnds, windowEnd - panes.sizeMillis() + panes.slideMillis());
    int first = at >= 0 ? at : -at - 1;
    return first < changedEnds.length && changedEnds[first] <= windowEnd;
  }

  /** Pane {@code p}'s id among the changed panes, or -1 if unchanged; looked up once. */
  private int changedPane(List<StateEntry> keyPanes, int[] changedPanes, int p) {
    if (changedPanes[p] == NOT_LOOKED_UP) {
      byte[] key = keyPanes.get(p).key();
      changedPanes[p] = changed.size() == 0 ? -1 : changed.find(key, 1, key.length - 1);
    }
    return changedPanes[p];
  }

  /** Emits the windows complete mode froze when they closed. */
  private void emitClosedWindows(StateStore store, BatchBuilder out) {
    Iterator<StateEntry> frozen = store.prefixScan(new byte[] {CLOSED_WINDOW});
    while (frozen.hasNext()) {
      StateEntry entry = frozen.next();
      out.add(
          resultRow(
              Arrays.copyOfRange(entry.key(), 1, entry.key().length),
              storedStates.decode(entry.value())));
    }
  }

  /** The watermark through which {@code store}'s windows have closed, or the minimum if none. */
  private static long closedThrough(StateStore store) {
    byte[] value = store.get(CLOSED_THROUGH);
    return value == null ? Long.MIN_VALUE : new BinaryReader(value).readLong();
  }

  /** The result row of a frozen window, from its key. */
  private Row resultRow(byte[] windowKey, Object[][] states) {
    Object[] keys = ValueCodec.decodeKey(keyTypes, windowKey);
    return resultRow(
        Arrays.copyOf(keys, keys.length - 2),
        ValueCodec.readOrderedLong(windowKey, windowKey.length - 8),
        states);
  }

  /**
   * Adds a window's result row, set straight into the output vectors: its keys in the order the
   * query wrote them, the window's bounds among them, then each call's result.
   */
  private void addResult(BatchBuilder out, Object[] otherKeys, long windowEnd, Object[][] states) {
    int windowStartKey = spec.keyCount() - 2;
    out.add(
        (vectors, row) -> {
          for (int k = 0; k < inputKeys.length; k++) {
            int key = inputKeys[k];
            if (key >= windowStartKey) {
              long bound = key == windowStartKey ? windowEnd - panes.sizeMillis() : windowEnd;
              ((TimeStampMilliVector) vectors[k]).setSafe(row, bound);
            } else {
              VectorValues.set(vectors[k], keyTypes.get(key), row, otherKeys[key]);
            }
          }
          for (int c = 0; c < calls.length; c++) {
            VectorValues.set(
                vectors[inputKeys.length + c],
                calls[c].resultType(),
                row,
                Aggregates.result(calls[c], states[c]));
          }
        });
  }

  /** The result row of a window, its keys in the order the query wrote them. */
  private Row resultRow(Object[] otherKeys, long windowEnd, Object[][] states) {
    Object[] keys = Arrays.copyOf(otherKeys, spec.keyCount());
    keys[spec.keyCount() - 2] = VectorValues.timestamp(windowEnd - panes.sizeMillis());
    keys[spec.keyCount() - 1] = VectorValues.timestamp(windowEnd);
    Object[] values = new Object[inputKeys.length + calls.length];
    for (int k = 0; k < inputKeys.length; k++) {
      values[k] = keys[inputKeys[k]];
    }
    for (int c = 0; c < calls.length; c++) {
      values[inputKeys.length + c] = Aggregates.result(calls[c], states[c]);
    }
    return Row.of(values);
  }

  /** The key of the window ending at {@code windowEnd}: the pane key with the window's bounds. */
  private byte[] windowKey(byte[] paneKey, long windowEnd) {
    BinaryWriter out = new BinaryWriter(paneKey.length);
    out.writeRaw(paneKey, 0, paneKey.length - PANE_BYTES);
    SqlType time = keyTypes.get(keyTypes.size() - 1);
    ValueCodec.writeOrdered(out.writeNullFlag(false), time, windowEnd - panes.sizeMillis());
    ValueCodec.writeOrdered(out.writeNullFlag(false), time, windowEnd);
    return out.toByteArray();
  }

  /** The end of a pane from its key (or its state entry key: the end is its last 8 bytes). */
  private static long paneEnd(byte[] key) {
    return ValueCodec.readOrderedLong(key, key.length - 8);
  }

  /** The key group of a pane or window key: that of the keys other than the window's. */
  private int keyGroupOf(byte[] key, int length) {
    return stores.owned(state.keyGroups().keyGroupOf(key, 0, length - PANE_BYTES));
  }

  private static byte[] entryKey(byte kind, byte[] key, int length) {
    byte[] entry = new byte[1 + length];
    entry[0] = kind;
    System.arraycopy(key, 0, entry, 1, length);
    return entry;
  }

  @Override
  public void close() {
    clearChanges();
  }

  private void clearChanges() {
    changed.clear();
    before.clear();
    for (GroupAccumulator accumulator : accumulators) {
      accumulator.clear();
    }
  }

  /** A pane's states now and before the batch (null for a pane new in it). */
  private final class PaneStates {
    final Object[][] current;
    final Object[][] previous;

    /** From the pane's stored value and its id among the changed panes (-1 if unchanged). */
    PaneStates(byte[] stored, int changedPane) {
      current = storedStates.decode(stored);
      if (changedPane < 0) {
        previous = current;
      } else {
        byte[] old = before.get(changedPane);
        previous = old == null ? null : storedStates.decode(old);
      }
    }
  }

  /** A window's states merged from its panes: as of now, and before the batch (changelog). */
  private final class WindowStates {
    final boolean closing;
    Object[][] current;
    Object[][] old;

    WindowStates(boolean closing) {
      this.closing = closing;
    }

    void add(Object[][] pane, Object[][] paneBefore) {
      current = merge(current, pane);
      if (paneBefore != null) {
        old = merge(old, paneBefore);
      }
    }

    private Object[][] merge(Object[][] merged, Object[][] pane) {
      if (merged == null) {
        merged = new Object[calls.length][];
        for (int c = 0; c < merged.length; c++) {
          merged[c] = Aggregates.initial(calls[c]);
        }
      }
      for (int c = 0; c < merged.length; c++) {
        AggregateCall call = calls[c];
        Aggregates.merge(call, merged[c], Aggregates.partialValues(call, pane[c]));
      }
      return merged;
    }
  }
}
