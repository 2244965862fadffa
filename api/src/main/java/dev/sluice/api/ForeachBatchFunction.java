package dev.sluice.api;

/**
 * Receives each committed micro-batch as a static DataFrame, with its batch id. Batch ids repeat
 * after a crash (the batch is re-run), so write idempotently by batch id.
 */
@FunctionalInterface
public interface ForeachBatchFunction {
  void call(DataFrame batch, long batchId) throws Exception;
}
