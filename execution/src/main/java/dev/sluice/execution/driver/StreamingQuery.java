package dev.sluice.execution.driver;

import java.util.List;
import java.util.Optional;

/** A handle on a running continuous query. All methods are thread-safe. */
public interface StreamingQuery {
  /** Stable across restarts from the same checkpoint. */
  String id();

  /** New on every start. */
  String runId();

  /** The name given with {@code queryName}, or null. */
  String name();

  /** Stops the query, waiting for the running batch to finish or be interrupted. Idempotent. */
  void stop();

  /**
   * Blocks until the query ends.
   *
   * @throws StreamingQueryException if it ended with a failure
   */
  void awaitTermination();

  /**
   * Blocks until the query ends or the timeout passes.
   *
   * @return true if the query ended
   * @throws StreamingQueryException if it ended with a failure
   */
  boolean awaitTermination(long timeoutMillis);

  /**
   * Blocks until everything the sources had when called is processed and committed (for tests).
   *
   * @throws StreamingQueryException if the query fails meanwhile
   */
  void processAllAvailable();

  /**
   * Runs the next micro-batch of a query started with {@link Trigger#manual()} and returns when it
   * is committed: the new data of every source, or a batch without data when the watermark moved
   * and windows are due to close.
   *
   * @return false, having run nothing, if there was nothing to run
   * @throws IllegalStateException if the query has another trigger or has stopped
   * @throws StreamingQueryException if the batch failed (the query has then ended)
   */
  boolean runBatch();

  boolean isActive();

  Optional<StreamingQueryException> exception();

  /** The last batch's progress, or null before the first. */
  QueryProgress lastProgress();

  /** The most recent progress reports, oldest first (at most 100). */
  List<QueryProgress> recentProgress();

  QueryStatus status();
}
