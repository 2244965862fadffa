package dev.sluice.execution.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs a batch's partition tasks on the pool and waits for every one of them to finish — also when
 * the waiting thread is interrupted — so nothing still uses the batch's memory when the caller
 * releases it.
 *
 * @param results the results of the tasks that succeeded, in task order
 * @param failure the first task failure, or null
 * @param interrupted whether the waiting thread was interrupted (its flag is set again)
 * @param sourceRows the rows the batch read from its sources (for a plan with an exchange, what the
 *     lower stage read, not what crossed the exchange)
 */
record TaskOutcomes(
    List<PartitionTask.Result> results, Throwable failure, boolean interrupted, long sourceRows) {
  static TaskOutcomes runAll(ExecutorService pool, List<PartitionTask> tasks) {
    List<Future<PartitionTask.Result>> futures = new ArrayList<>(tasks.size());
    for (PartitionTask task : tasks) {
      futures.add(pool.submit(task));
    }
    List<PartitionTask.Result> results = new ArrayList<>();
    Throwable failure = null;
    boolean interrupted = false;
    for (Future<PartitionTask.Result> future : futures) {
      while (true) {
        try {
          results.add(future.get());
          break;
        } catch (InterruptedException e) {
          interrupted = true; // keep waiting: the task is bounded and holds the batch's memory
        } catch (ExecutionException e) {
          failure = failure == null ? e.getCause() : failure;
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    long sourceRows = results.stream().mapToLong(PartitionTask.Result::inputRows).sum();
    return new TaskOutcomes(results, failure, interrupted, sourceRows);
  }

  /** The same outcomes, counting {@code rows} as read from the sources. */
  TaskOutcomes readingFromSources(long rows) {
    return new TaskOutcomes(results, failure, interrupted, rows);
  }

  List<dev.sluice.execution.connector.WriterCommitMessage> messages() {
    return results.stream().map(PartitionTask.Result::message).toList();
  }
}
