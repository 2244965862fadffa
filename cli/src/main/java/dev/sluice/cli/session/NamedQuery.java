package dev.sluice.cli.session;

import dev.sluice.api.DataFrame;
import dev.sluice.cli.statement.SourceText;
import dev.sluice.execution.driver.QueryProgress;
import dev.sluice.execution.driver.StreamingQuery;
import dev.sluice.execution.driver.Trigger;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A background query started by {@code INSERT INTO sink query} (or {@code INSERT INTO stream query}
 * over a stream), named after where it writes. It keeps what it was started with, so {@code START
 * QUERY} resumes it from its checkpoint after {@code STOP QUERY} with the same plan, options and
 * trigger.
 */
final class NamedQuery {
  final String name;

  final QueryTarget target;

  /** The query as written. */
  final SourceText query;

  /** Plans the query as it runs (for a stream, cast to the stream's columns). */
  final Supplier<DataFrame> plan;

  final Map<String, String> options;
  final String outputMode;
  final Trigger trigger;
  final Path checkpoint;
  final OutputLog output = new OutputLog();

  /** The running query; null once stopped. */
  StreamingQuery running;

  /** The last progress of an earlier run, shown until the current run has its own. */
  QueryProgress earlierProgress;

  NamedQuery(
      QueryTarget target,
      SourceText query,
      Supplier<DataFrame> plan,
      Map<String, String> options,
      String outputMode,
      Trigger trigger,
      Path checkpoint) {
    this.target = target;
    this.name = target.name();
    this.query = query;
    this.plan = plan;
    this.options = Map.copyOf(options);
    this.outputMode = outputMode;
    this.trigger = trigger;
    this.checkpoint = checkpoint;
  }

  /** The latest batch's progress, of this run or of the run before; null before any batch. */
  QueryProgress lastProgress() {
    QueryProgress progress = running == null ? null : running.lastProgress();
    return progress != null ? progress : earlierProgress;
  }

  /** Stops the running query, keeping its progress. */
  void stop() {
    if (running != null) {
      running.stop();
      QueryProgress last = running.lastProgress();
      if (last != null) {
        earlierProgress = last;
      }
      running = null;
    }
  }

  boolean isRunning() {
    return running != null && running.isActive();
  }

  /** running, stopped, or failed (with the failure's code). */
  String status() {
    if (running == null) {
      return "stopped";
    }
    if (running.isActive()) {
      return "running";
    }
    return running.exception().map(e -> "failed: [" + e.causeCode() + "]").orElse("stopped");
  }
}
