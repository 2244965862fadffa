package dev.sluice.execution.operator.aggregate;

import dev.sluice.execution.plan.AggregateCall;
import java.util.List;

/**
 * Adds rows to the open sessions of one key. A row at time t stands for the session {@code [t, t +
 * gap)}; it joins every open session it overlaps ({@link Session#reaches}), and when it overlaps
 * several (an out-of-order row bridging a hole) they merge into one, their states merged with
 * {@link Aggregates#merge}. A row exactly {@code gap} after a session's last row does not reach it:
 * it starts a new session, as windows are half-open everywhere in Sluice.
 *
 * <p>The sessions of a key never overlap and are kept sorted by start, so the result does not
 * depend on the order in which rows arrive (but for the rounding of floating-point sums).
 */
final class SessionMerger {
  private final List<AggregateCall> calls;
  private final long gapMillis;

  SessionMerger(List<AggregateCall> calls, long gapMillis) {
    this.calls = calls;
    this.gapMillis = gapMillis;
  }

  /**
   * Adds a row at {@code time} to {@code sessions} (sorted by start, disjoint; changed in place)
   * and returns the session it now belongs to, into whose states the caller folds the row's values.
   */
  Session add(List<Session> sessions, long time) {
    long start = time;
    long end = Session.saturatedAdd(time, gapMillis);
    Object[][] states = new Object[calls.size()][];
    for (int c = 0; c < states.length; c++) {
      states[c] = Aggregates.initial(calls.get(c));
    }
    int at = 0;
    while (at < sessions.size() && sessions.get(at).end <= time) {
      at++; // sessions that ended before the row: too early to reach it
    }
    while (at < sessions.size() && sessions.get(at).reaches(time, gapMillis)) {
      Session merged = sessions.remove(at);
      start = Math.min(start, merged.start);
      end = Math.max(end, merged.end);
      for (int c = 0; c < states.length; c++) {
        AggregateCall call = calls.get(c);
        Aggregates.merge(call, states[c], Aggregates.partialValues(call, merged.states[c]));
      }
    }
    Session session = new Session(start, end, states, true);
    sessions.add(at, session);
    return session;
  }

  /** Whether a row at {@code time} reaches one of {@code sessions}. */
  boolean reachesAny(List<Session> sessions, long time) {
    return sessions.stream().anyMatch(session -> session.reaches(time, gapMillis));
  }
}
