package dev.sluice.cli.render;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.type.Schema;
import java.io.PrintWriter;
import java.util.List;

/**
 * Prints rows in one {@link OutputFormat}. Rows of a continuous query carry their micro-batch: a
 * {@value #BATCH_COLUMN} column first in CSV and JSON, a {@code batch N:} line over each table.
 */
public interface RowPrinter {
  /** The column that machine-readable formats add to rows of a micro-batch. */
  String BATCH_COLUMN = "batch_id";

  /** A result table: a query over tables, {@code SHOW}, {@code DESCRIBE}. */
  void rows(PrintWriter out, Schema schema, List<Row> rows);

  /**
   * One micro-batch's rows.
   *
   * @param first whether it is the first batch the statement prints (CSV prints its header then)
   */
  void batch(PrintWriter out, Schema schema, long batchId, List<Row> rows, boolean first);
}
