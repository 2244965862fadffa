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
import dev.sluice.execution.plan.WindowPanes;
import dev.sluice.execution.type.SqlType;
import dev.sluice.state.StateEntry;
import dev.sluice.state.StateStore;
import dev.sluice.state.encoding.BinaryReader;
import dev.sluice.state.encoding.BinaryWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

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
 * At the end of the input, one scan of each store's panes, in pane order (so floating-point sums
 * add up the same way every time), merges each pane into the windows that need a result this batch:
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

  /** A pane key ends with the pane's start and end: a null flag and 8 bytes each. */
  private static final int PANE_BYTES = 18;

  private final AggregateSpec spec;
  private final WindowPanes panes;
  private final List<SqlType> keyTypes = new ArrayList<>();
  private final KeyEncoder keyEncoder;
  private final GroupAccumulator[] accumulators;
  private final int[] stateColumns;

  /** Panes changed in this batch, numbered in first-change order. */
  private final GroupTable changed = new GroupTable();

  /** Each changed pane's encoded state before the batch (null for a new pane), by pane id. */
  private final List<byte[]> before = new ArrayList<>();

  private OperatorContext context;
  private Output output;
  private StateContext state;
  private StateStore[] stores;
  private long watermark;
  private GroupChangelog changelog;

  public PaneWindowAggregateOperator(AggregateSpec spec) {
    this.spec = spec;
    this.panes = spec.panes();
    for (int i = 0; i < spec.keyCount(); i++) {
      keyTypes.add(spec.input().schema().field(i).type());
    }
    keyEncoder = new KeyEncoder(keyTypes);
    List<AggregateCall> calls = spec.calls();
    accumulators = calls.stream().map(GroupAccumulator::of).toArray(GroupAccumulator[]::new);
    stateColumns = new int[calls.size()];
    int column = spec.keyCount();
    for (int c = 0; c < calls.size(); c++) {
      stateColumns[c] = column;
      column += Aggregates.stateWidth(calls.get(c));
    }
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
          StateStore store = store(keyGroupOf(key.buffer(), key.size()));
          byte[] stored = store.get(entryKey(PANE, key.buffer(), key.size()));
          before.add(stored);
          for (int c = 0; c < accumulators.length; c++) {
            accumulators[c].start(pane);
            if (stored != null) {
              accumulators[c].load(pane, decode(stored)[c]);
            }
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
    boolean emitClosing =
        changelog == null && (mode == OutputMode.APPEND || spec.finalRowOnClose());
    boolean changes = changelog != null || mode == OutputMode.UPDATE;
    Windows windows = new Windows();
    for (int pane = 0; pane < changed.size(); pane++) {
      byte[] key = changed.key(pane);
      store(keyGroupOf(key, key.length)).put(entryKey(PANE, key, key.length), encode(pane));
      if (changes) {
        long paneEnd = paneEnd(key);
        for (int w = 0; w < panes.panesPerWindow(); w++) {
          long windowEnd = paneEnd + w * panes.slideMillis();
          if (windowEnd > watermark) {
            windows.add(windowKey(key, windowEnd));
          }
        }
      }
    }
    try (BatchBuilder out =
        new BatchBuilder(spec.schema(), context.allocator(), context.maxRowsPerBatch())) {
      if (complete) {
        // Before this batch freezes the windows it closes.
        state.keyGroupRange().keyGroups().forEach(group -> emitClosedWindows(store(group), out));
      }
      state
          .keyGroupRange()
          .keyGroups()
          .forEach(group -> mergePanes(store(group), windows, complete, emitClosing || complete));
      for (int w = 0; w < windows.size(); w++) {
        Row row = resultRow(windows.key(w), windows.current(w));
        if (windows.closing(w)) {
          if (complete) {
            byte[] key = windows.key(w);
            store(keyGroupOf(key, key.length))
                .put(entryKey(CLOSED_WINDOW, key, key.length), encode(windows.current(w)));
          }
          out.add(row);
        } else if (changelog != null) {
          Object[][] old = windows.old(w);
          changelog.add(old == null ? null : resultRow(windows.key(w), old), row);
        } else {
          out.add(row);
        }
      }
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
   * Merges the panes of {@code store}, in pane order, into the windows that need a result this
   * batch (see the class comment), adding those that close now when {@code closing} is set, and
   * removes the panes whose last window has closed. Every pane but those whose windows all closed
   * in earlier batches contributes.
   */
  private void mergePanes(StateStore store, Windows windows, boolean allOpen, boolean closing) {
    long closedThrough = closedThrough(store);
    List<StateEntry> paneEntries = new ArrayList<>();
    Iterator<StateEntry> scan = store.unorderedScan(new byte[] {PANE});
    long lastWindowAfter = panes.sizeMillis() - panes.slideMillis();
    int removed = 0;
    while (scan.hasNext()) {
      StateEntry entry = scan.next();
      paneEntries.add(entry);
      if (paneEnd(entry.key()) + lastWindowAfter <= watermark) {
        scan.remove();
        removed++;
      }
    }
    paneEntries.sort(Comparator.comparingLong(entry -> paneEnd(entry.key())));
    for (StateEntry entry : paneEntries) {
      byte[] key = Arrays.copyOfRange(entry.key(), 1, entry.key().length);
      int changedPane = changed.find(key, key.length);
      Object[][] current = decode(entry.value());
      Object[][] previous =
          changedPane < 0
              ? current
              : before.get(changedPane) == null ? null : decode(before.get(changedPane));
      long paneEnd = paneEnd(key);
      for (int w = 0; w < panes.panesPerWindow(); w++) {
        long windowEnd = paneEnd + w * panes.slideMillis();
        if (windowEnd <= closedThrough) {
          continue; // closed in an earlier batch
        }
        byte[] windowKey = windowKey(key, windowEnd);
        if (windowEnd <= watermark) {
          if (closing && previous != null) {
            windows.mergeClosing(windowKey, previous);
          }
        } else if (allOpen) {
          windows.mergeOpen(windowKey, current);
        } else {
          windows.mergeChanged(windowKey, current, previous);
        }
      }
    }
    boolean panesLeft = paneEntries.size() > removed;
    if (panesLeft && watermark > closedThrough) {
      store.put(CLOSED_THROUGH, new BinaryWriter().writeLong(watermark).toByteArray());
    } else if (!panesLeft && closedThrough != Long.MIN_VALUE) {
      // Without panes nothing is left to close; a pane added later starts its own record.
      store.remove(CLOSED_THROUGH);
    }
  }

  /** Emits the windows complete mode froze when they closed. */
  private void emitClosedWindows(StateStore store, BatchBuilder out) {
    Iterator<StateEntry> frozen = store.prefixScan(new byte[] {CLOSED_WINDOW});
    while (frozen.hasNext()) {
      StateEntry entry = frozen.next();
      out.add(
          resultRow(Arrays.copyOfRange(entry.key(), 1, entry.key().length), decode(entry.value())));
    }
  }

  /** The watermark through which {@code store}'s windows have closed, or the minimum if none. */
  private static long closedThrough(StateStore store) {
    byte[] value = store.get(CLOSED_THROUGH);
    return value == null ? Long.MIN_VALUE : new BinaryReader(value).readLong();
  }

  /** The result row of a window, its keys in the order the query wrote them. */
  private Row resultRow(byte[] windowKey, Object[][] states) {
    Object[] keys = ValueCodec.decodeKey(keyTypes, windowKey);
    Object[] values = new Object[spec.resultSchema().size()];
    for (int k = 0; k < spec.keyCount(); k++) {
      values[k] = keys[spec.inputKey(k)];
    }
    for (int c = 0; c < spec.calls().size(); c++) {
      values[spec.keyCount() + c] = Aggregates.result(spec.calls().get(c), states[c]);
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
    int keyGroup = state.keyGroups().keyGroupOf(key, 0, length - PANE_BYTES);
    if (!state.keyGroupRange().contains(keyGroup)) {
      throw new SluiceException(
          ErrorCode.INTERNAL_ERROR,
          "key group " + keyGroup + " reached the partition owning " + state.keyGroupRange());
    }
    return keyGroup;
  }

  private StateStore store(int keyGroup) {
    StateStore store = stores[keyGroup];
    if (store == null) {
      store = state.store(spec.operatorId(), keyGroup);
      stores[keyGroup] = store;
    }
    return store;
  }

  private static byte[] entryKey(byte kind, byte[] key, int length) {
    byte[] entry = new byte[1 + length];
    entry[0] = kind;
    System.arraycopy(key, 0, entry, 1, length);
    return entry;
  }

  private byte[] encode(int pane) {
    Object[][] states = new Object[accumulators.length][];
    for (int c = 0; c < states.length; c++) {
      states[c] = accumulators[c].state(pane);
    }
    return encode(states);
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
    clearChanges();
  }

  private void clearChanges() {
    changed.clear();
    before.clear();
    for (GroupAccumulator accumulator : accumulators) {
      accumulator.clear();
    }
  }

  /**
   * The windows given a result this batch, numbered by key, each with its states merged from its
   * panes so far: as of now, and for a changelog as of before the batch.
   */
  private final class Windows {
    private final GroupTable keys = new GroupTable();
    private final List<Object[][]> current = new ArrayList<>();
    private final List<Object[][]> old = new ArrayList<>();
    private final List<Boolean> closing = new ArrayList<>();

    int size() {
      return keys.size();
    }

    byte[] key(int window) {
      return keys.key(window);
    }

    Object[][] current(int window) {
      return current.get(window);
    }

    /** The window's states before the batch, or null if none of its panes existed. */
    Object[][] old(int window) {
      return old.get(window);
    }

    boolean closing(int window) {
      return closing.get(window);
    }

    /** Adds a window whose panes changed in this batch. */
    void add(byte[] windowKey) {
      find(windowKey, false);
    }

    /** Merges a pane into a window that closes in this batch, adding the window. */
    void mergeClosing(byte[] windowKey, Object[][] states) {
      merge(current, find(windowKey, true), states);
    }

    /** Merges a pane into an open window, adding the window. */
    void mergeOpen(byte[] windowKey, Object[][] states) {
      merge(current, find(windowKey, false), states);
    }

    /** Merges a pane into a window added because a pane of it changed; ignores other windows. */
    void mergeChanged(byte[] windowKey, Object[][] states, Object[][] previous) {
      int window = keys.find(windowKey, windowKey.length);
      if (window >= 0) {
        merge(current, window, states);
        if (previous != null) {
          merge(old, window, previous);
        }
      }
    }

    private int find(byte[] windowKey, boolean isClosing) {
      int known = keys.size();
      int window = keys.findOrInsert(windowKey, windowKey.length);
      if (window == known) {
        current.add(null);
        old.add(null);
        closing.add(isClosing);
      }
      return window;
    }

    private void merge(List<Object[][]> states, int window, Object[][] pane) {
      Object[][] merged = states.get(window);
      if (merged == null) {
        merged = new Object[spec.calls().size()][];
        for (int c = 0; c < merged.length; c++) {
          merged[c] = Aggregates.initial(spec.calls().get(c));
        }
        states.set(window, merged);
      }
      for (int c = 0; c < merged.length; c++) {
        AggregateCall call = spec.calls().get(c);
        Aggregates.merge(call, merged[c], Aggregates.partialValues(call, pane[c]));
      }
    }
  }
}
