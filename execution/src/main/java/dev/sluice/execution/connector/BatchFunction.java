package dev.sluice.execution.connector;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.type.Schema;
import java.util.List;

/**
 * The engine-level form of a {@code foreachBatch} function: the rows of one committed micro-batch.
 * The API wraps it so users receive a DataFrame.
 */
@FunctionalInterface
public interface BatchFunction {
  void accept(long batchId, Schema schema, List<Row> rows) throws Exception;
}
