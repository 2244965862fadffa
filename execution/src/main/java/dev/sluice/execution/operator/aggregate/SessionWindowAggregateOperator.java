package dev.sluice.execution.operator.aggregate;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.batch.BatchBuilder;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.batch.VectorValues;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.eventtime.EventTimeStats;
import dev.sluice.execution.operator.Operator;
import dev.sluice.execution.operator.OperatorContext;
import dev.sluice.execution.operator.Output;
import dev.sluice.execution.operator.StateContext;
import dev.sluice.execution.operator.key.GroupTable;
import dev.sluice.execution.operator.key.KeyEncoder;
import dev.sluice.execution.operator.key.ValueCodec;
import dev.sluice.execution.plan.AggregateCall;
import dev.sluice.execution.plan.SessionAggregateSpec;
import dev.sluice.execution.type.SqlType;
import dev.sluice.state.StateEntry;
import dev.sluice.state.StateStore;
import dev.sluice.state.encoding.BinaryWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;

/**
 * The stateful operator of an aggregation over session windows.
 *
 * <p><b>State layout.</b> One state store per (operator, key group), the key groups being those of
 * the partition keys (the exchange below routed every row of a key here). Entry {@code 0x00 + key}
 * (the key encoded with {@link ValueCodec}) → the key's open sessions ({@link SessionCodec}). A key
 * has few open sessions at a time (those the watermark has not closed), so they live in one entry.
 *
 * <p><b>Per batch.</b> Rows arrive unaggregated. At a key's first row in the batch its sessions are
 * read; each row then joins, extends or merges them ({@link SessionMerger}) and its values are
 * folded into its session's states. A row without a time belongs to no session and is dropped. At
 * the end of the input the changed keys are written back; update mode emits the sessions built or
 * changed in the batch, complete mode every session. A changelog pairs a key's sessions before and
 * after the batch by their bounds ({@link GroupChangelog}): kept bounds with new rows give -U/+U, a
 * session extended or merged away -D, its replacement +I.
 *
 * <p><b>Watermark</b> (when the time column is watermarked). A session is closed once the batch's
 * watermark is at or past its end: at the end of the batch closed sessions are removed (append mode
 * emits each then, once). A row at t is <i>late</i>, dropped and counted, when its own session
 * {@code [t, t + gap)} ended at or before the watermark and it reaches none of its key's sessions
 * as they were at the start of the batch — the test looks only at stored state, so it does not
 * depend on the order of the batch's rows. A late-looking row that reaches an open session joins
 * it. A closed session is final: a later row within the gap of it starts a new session.
 */
public final class SessionWindowAggregateOperator implements Operator {
  private static final byte SESSIONS = 0;

  private final SessionAggregateSpec spec;
  private final List<SqlType> keyTypes = new ArrayList<>();
  private final KeyEncoder keyEncoder;
  private final SessionMerger merger;
  private final SessionCodec codec;
  private OperatorContext context;
  private Output output;
  private StateContext state;
  private KeyGroupStores stores;

  /** Keys with rows in this batch, numbered in first-row order. */
  private final GroupTable changed = new GroupTable();

  /** By key number: the sessions as stored at the start of the batch, and as they are now. */
  private final List<List<Session>> stored = new ArrayList<>();

  private final List<List<Session>> current = new ArrayList<>();

  private long watermark = Long.MIN_VALUE;
  private long late;

  /** Set when the operator emits a changelog. */
  private GroupChangelog changelog;

  public SessionWindowAggregateOperator(SessionAggregateSpec spec) {
    this.spec = spec;
    for (int i = 0; i < spec.keyCount(); i++) {
      keyTypes.add(spec.input().schema().field(i).type());
    }
    keyEncoder = new KeyEncoder(keyTypes);
    merger = new SessionMerger(spec.calls(), spec.gapMillis());
    codec = new SessionCodec(spec.calls());
  }

  @Override
  public void open(OperatorContext context, Output output) {
    this.context = context;
    this.output = output;
    stores = new KeyGroupStores(context, spec.operatorId());
    this.state = context.state();
    if (spec.changelog()) {
      changelog = new GroupChangelog(spec.resultSchema(), null, context);
    }
  }

  /** This batch's late rows, kept only when a late-rows sink wants them. */
  private final List<Row> lateRows = new ArrayList<>();

  @Override
  public void onBatch(int input, Batch batch) {
    try (batch) {
      FieldVector[] columns = batch.vectorArray();
      TimeStampVector times = (TimeStampVector) columns[spec.timeColumn()];
      for (int row = 0; row < batch.rowCount(); row++) {
        if (!times.isNull(row)) {
          add(columns, row, times.get(row));
        }
      }
    }
  }

  private void add(FieldVector[] columns, int row, long time) {
    BinaryWriter key = keyEncoder.encode(columns, row);
    int known = changed.size();
    int group = changed.findOrInsert(key.buffer(), key.size());
    if (group == known) {
      byte[] bytes = store(group).get(entryKey(changed.key(group)));
      stored.add(codec.decode(bytes));
      current.add(codec.decode(bytes));
    }
    if (spec.closesSessions()
        && Session.saturatedAdd(time, spec.gapMillis()) <= watermark
        && !merger.reachesAny(stored.get(group), time)) {
      late++;
      EventTimeStats stats = context.eventTime();
      if (stats != null && stats.keepsLateRows()) {
        lateRows.add(inputRow(columns, row));
      }
      return;
    }
    Session session = merger.add(current.get(group), time);
    List<AggregateCall> calls = spec.calls();
    for (int c = 0; c < calls.size(); c++) {
      AggregateCall call = calls.get(c);
      Object value =
          call.argument() < 0
              ? null
              : VectorValues.get(columns[call.argument()], call.argumentType(), row);
      Aggregates.accumulate(call, session.states[c], value);
    }
  }

  @Override
  public void onWatermark(int input, long watermarkMillis) {
    watermark = Math.max(watermark, watermarkMillis);
    output.emitWatermark(watermarkMillis);
  }

  @Override
  public void onEndOfInput(int input) {
    OutputMode mode = state.outputMode();
    try (BatchBuilder out =
        new BatchBuilder(spec.schema(), context.allocator(), context.maxRowsPerBatch())) {
      for (int group = 0; group < changed.size(); group++) {
        byte[] key = changed.key(group);
        List<Session> sessions = current.get(group);
        if (!sessions.isEmpty()) {
          store(group).put(entryKey(key), codec.encode(sessions));
        }
        if (changelog != null) {
          addChanges(key, stored.get(group), sessions);
        } else if (mode == OutputMode.UPDATE) {
          sessions.stream().filter(s -> s.changed).forEach(s -> out.add(resultRow(key, s)));
        }
      }
      if (changelog != null) {
        out.addAll(changelog.drain());
      }
      if (spec.closesSessions() && mode != OutputMode.COMPLETE && watermark != Long.MIN_VALUE) {
        boolean emit = changelog == null && (mode == OutputMode.APPEND || spec.finalRowOnClose());
        closeSessions(out, emit);
      }
      if (changelog == null && mode == OutputMode.COMPLETE) {
        forEachKey((store, key, sessions) -> sessions.forEach(s -> out.add(resultRow(key, s))));
      }
      state.commit(spec.operatorId());
      EventTimeStats stats = context.eventTime();
      if (stats != null && late > 0) {
        stats.countLate(spec.operatorId(), late);
        stats.addLateRows(lateRows);
      }
      clear();
      for (Batch batch : out.build()) {
        output.emit(batch);
      }
    }
    output.endOfInput();
  }

  /**
   * Pairs a key's sessions before and after the batch by their bounds: a session still there with
   * new rows is an update, one gone (extended or merged into another) a delete, a new one an
   * insert.
   */
  private void addChanges(byte[] key, List<Session> before, List<Session> after) {
    for (Session old : before) {
      Session same =
          after.stream()
              .filter(s -> s.start == old.start && s.end == old.end)
              .findFirst()
              .orElse(null);
      if (same == null) {
        changelog.add(resultRow(key, old), null);
      } else if (same.changed) {
        changelog.add(resultRow(key, old), resultRow(key, same));
      }
    }
    for (Session session : after) {
      if (session.changed
          && before.stream().noneMatch(s -> s.start == session.start && s.end == session.end)) {
        changelog.add(null, resultRow(key, session));
      }
    }
  }

  /** Removes the sessions the watermark closed, emitting each first if {@code emit}. */
  private void closeSessions(BatchBuilder out, boolean emit) {
    forEachKey(
        (store, key, sessions) -> {
          List<Session> open = new ArrayList<>();
          for (Session session : sessions) {
            if (session.end <= watermark) {
              if (emit) {
                out.add(resultRow(key, session));
              }
            } else {
              open.add(session);
            }
          }
          if (open.isEmpty()) {
            store.remove(entryKey(key));
          } else if (open.size() < sessions.size()) {
            store.put(entryKey(key), codec.encode(open));
          }
        });
  }

  private interface KeySessions {
    void accept(StateStore store, byte[] key, List<Session> sessions);
  }

  /** Calls {@code action} for every key of this partition's key groups, in key order. */
  private void forEachKey(KeySessions action) {
    state
        .keyGroupRange()
        .keyGroups()
        .forEach(
            keyGroup -> {
              StateStore store = stores.get(keyGroup);
              List<StateEntry> entries = new ArrayList<>();
              Iterator<StateEntry> scan = store.prefixScan(new byte[] {SESSIONS});
              scan.forEachRemaining(entries::add);
              for (StateEntry entry : entries) {
                byte[] key = Arrays.copyOfRange(entry.key(), 1, entry.key().length);
                action.accept(store, key, codec.decode(entry.value()));
              }
            });
  }

  private Row resultRow(byte[] key, Session session) {
    Object[] values = new Object[spec.resultSchema().size()];
    Object[] keyValues = ValueCodec.decodeKey(keyTypes, key);
    System.arraycopy(keyValues, 0, values, 0, keyValues.length);
    values[keyValues.length] = VectorValues.timestamp(session.start);
    values[keyValues.length + 1] = VectorValues.timestamp(session.end);
    for (int c = 0; c < spec.calls().size(); c++) {
      values[keyValues.length + 2 + c] = Aggregates.result(spec.calls().get(c), session.states[c]);
    }
    return Row.of(values);
  }

  private static byte[] entryKey(byte[] key) {
    byte[] entry = new byte[1 + key.length];
    entry[0] = SESSIONS;
    System.arraycopy(key, 0, entry, 1, key.length);
    return entry;
  }

  /** The store of changed key number {@code group}, checking that this partition owns it. */
  private StateStore store(int group) {
    return stores.get(stores.owned(state.keyGroups().keyGroupOfHash(changed.hash(group))));
  }

  @Override
  public void close() {
    clear();
  }

  private void clear() {
    changed.clear();
    stored.clear();
    current.clear();
    late = 0;
    lateRows.clear();
  }

  /** Row {@code row} of the input, for the late-rows sink. */
  private Row inputRow(FieldVector[] columns, int row) {
    Object[] values = new Object[columns.length];
    for (int c = 0; c < values.length; c++) {
      values[c] = VectorValues.get(columns[c], spec.input().schema().field(c).type(), row);
    }
    return Row.of(values);
  }
}
