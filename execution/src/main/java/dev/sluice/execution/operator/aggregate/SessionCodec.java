package dev.sluice.execution.operator.aggregate;

import dev.sluice.execution.plan.AggregateCall;
import dev.sluice.state.encoding.BinaryReader;
import dev.sluice.state.encoding.BinaryWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The state value of one key of a session aggregation: the number of open sessions, then per
 * session (in start order) its start and end (epoch milliseconds) and each call's state as {@link
 * Aggregates} writes it.
 */
final class SessionCodec {
  private final List<AggregateCall> calls;

  SessionCodec(List<AggregateCall> calls) {
    this.calls = calls;
  }

  byte[] encode(List<Session> sessions) {
    BinaryWriter out = new BinaryWriter().writeUnsignedVarInt(sessions.size());
    for (Session session : sessions) {
      out.writeVarLong(session.start).writeVarLong(session.end);
      for (int c = 0; c < calls.size(); c++) {
        Aggregates.write(out, calls.get(c), session.states[c]);
      }
    }
    return out.toByteArray();
  }

  /** The sessions stored in {@code bytes} (none if null), as unchanged in this batch. */
  List<Session> decode(byte[] bytes) {
    List<Session> sessions = new ArrayList<>();
    if (bytes == null) {
      return sessions;
    }
    BinaryReader in = new BinaryReader(bytes);
    int count = in.readUnsignedVarInt();
    for (int s = 0; s < count; s++) {
      long start = in.readVarLong();
      long end = in.readVarLong();
      Object[][] states = new Object[calls.size()][];
      for (int c = 0; c < states.length; c++) {
        states[c] = Aggregates.read(in, calls.get(c));
      }
      sessions.add(new Session(start, end, states, false));
    }
    return sessions;
  }
}
