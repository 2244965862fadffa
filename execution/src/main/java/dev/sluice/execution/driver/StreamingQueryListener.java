package dev.sluice.execution.driver;

import java.util.Optional;

/**
 * Receives the life events of streaming queries. Called on the query's own thread, in order; a
 * listener that throws is logged and skipped, never the cause of a query failure. Keep it quick:
 * the next batch waits for it.
 */
public interface StreamingQueryListener {
  default void onQueryStarted(QueryStartedEvent event) {}

  default void onQueryProgress(QueryProgressEvent event) {}

  /** The query looked for new data and found none. */
  default void onQueryIdle(QueryIdleEvent event) {}

  default void onQueryTerminated(QueryTerminatedEvent event) {}

  record QueryStartedEvent(String id, String runId, String name, long timestampMillis) {}

  record QueryProgressEvent(QueryProgress progress) {}

  record QueryIdleEvent(String id, String runId, long timestampMillis) {}

  /** {@code exception} is the failure's message when the query failed. */
  record QueryTerminatedEvent(String id, String runId, Optional<String> exception) {}
}
