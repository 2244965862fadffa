package dev.sluice.cli.session;

import dev.sluice.cli.session.StatementResult.BatchRows;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.type.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What a query's memory sink received, by batch id. A batch delivered again (re-run after a
 * restart) replaces the earlier delivery, so the log holds each batch once, as an idempotent sink
 * would. Written by the query's thread, read by the session's.
 */
final class OutputLog {
  private final ConcurrentSkipListMap<Long, List<Row>> batches = new ConcurrentSkipListMap<>();
  private volatile Schema schema;

  void record(long batchId, Schema schema, List<Row> rows) {
    this.schema = schema;
    batches.put(batchId, List.copyOf(rows));
  }

  /**
   * The schema of the rows delivered, once a batch was (a changelog adds a column to the query's).
   */
  Optional<Schema> schema() {
    return Optional.ofNullable(schema);
  }

  List<BatchRows> batches() {
    List<BatchRows> all = new ArrayList<>();
    batches.forEach((id, rows) -> all.add(new BatchRows(id, rows)));
    return all;
  }
}
