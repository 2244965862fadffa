package dev.sluice.execution.driver;

/** A partition task, or a whole batch, stopped because its query is stopping; not a failure. */
final class TaskCancelledException extends RuntimeException {
  TaskCancelledException(String message) {
    super(message);
  }
}
