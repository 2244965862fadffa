package dev.sluice.api;

import org.apache.calcite.rex.RexNode;
import org.apache.calcite.tools.RelBuilder;

/** What a {@link Column} is resolved against: a RelBuilder with the input pushed, and the input. */
interface ColumnContext {
  RelBuilder builder();

  /** The input column of that name (case-insensitive); fails naming the known columns. */
  RexNode field(String name);

  /** A SQL expression over the input's columns, validated by the SQL front end. */
  RexNode sqlExpression(String sql);

  /** The SQL operator of a registered UDF; fails naming the function if there is none. */
  org.apache.calcite.sql.SqlOperator udf(String name);
}
