package dev.sluice.execution.operator.aggregate;

import dev.sluice.execution.plan.AggregateCall;
import dev.sluice.state.encoding.BinaryReader;
import dev.sluice.state.encoding.BinaryWriter;
import java.util.List;

/**
 * The states of an aggregation's calls as its state stores hold them: each call's state in call
 * order, as {@link Aggregates#write} lays it out. Shared by the aggregations that store one entry
 * per group or per pane.
 */
final class StoredStates {
  private final List<AggregateCall> calls;

  StoredStates(List<AggregateCall> calls) {
    this.calls = List.copyOf(calls);
  }

  /** Each call's state of group {@code group} of the accumulators. */
  Object[][] of(GroupAccumulator[] accumulators, int group) {
    Object[][] states = new Object[accumulators.length][];
    for (int c = 0; c < states.length; c++) {
      states[c] = accumulators[c].state(group);
    }
    return states;
  }

  /** Group {@code group}'s states as stored, written by the accumulators themselves. */
  byte[] encode(GroupAccumulator[] accumulators, int group) {
    BinaryWriter out = new BinaryWriter();
    for (int c = 0; c < accumulators.length; c++) {
      accumulators[c].writeStored(out, calls.get(c), group);
    }
    return out.toByteArray();
  }

  /** Loads stored states into started group {@code group} of the accumulators. */
  void load(GroupAccumulator[] accumulators, int group, byte[] bytes) {
    BinaryReader in = new BinaryReader(bytes);
    for (int c = 0; c < accumulators.length; c++) {
      accumulators[c].readStored(in, calls.get(c), group);
    }
  }

  byte[] encode(Object[][] states) {
    BinaryWriter out = new BinaryWriter();
    for (int c = 0; c < states.length; c++) {
      Aggregates.write(out, calls.get(c), states[c]);
    }
    return out.toByteArray();
  }

  Object[][] decode(byte[] bytes) {
    BinaryReader in = new BinaryReader(bytes);
    Object[][] states = new Object[calls.size()][];
    for (int c = 0; c < states.length; c++) {
      states[c] = Aggregates.read(in, calls.get(c));
    }
    return states;
  }
}
