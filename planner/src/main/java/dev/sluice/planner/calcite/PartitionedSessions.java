package dev.sluice.planner.calcite;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Rewrites {@code SESSION(TABLE t PARTITION BY k1, k2, DESCRIPTOR(ts), gap)} into {@code
 * SESSION(TABLE t, DESCRIPTOR(ts), DESCRIPTOR(k1, k2), gap)} before validation. Calcite 1.42 parses
 * the first form, but its SQL-to-rel conversion of a partitioned (set-semantics) table argument
 * loses the table when another argument is a DESCRIPTOR: the scan gets no input and the time column
 * becomes a correlation variable. The second form is Calcite's own spelling of the same thing and
 * converts to a scan over the table, the keys in the call.
 */
final class PartitionedSessions extends SqlShuttle {
  static SqlNode apply(SqlNode query) {
    return query.accept(new PartitionedSessions());
  }

  @Override
  public SqlNode visit(SqlCall call) {
    if (!call.getOperator().getName().equalsIgnoreCase("SESSION")
        || call.operandCount() != 3
        || call.operand(0).getKind() != SqlKind.SET_SEMANTICS_TABLE) {
      return super.visit(call);
    }
    SqlCall table = call.operand(0);
    SqlNodeList keys = table.operand(1);
    SqlNodeList order = table.operand(2);
    if (!order.isEmpty()) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_FEATURE,
          "SESSION takes no ORDER BY in its table argument"
              + WindowTableFunction.position(order.getParserPosition())
              + ": sessions are ordered by their time column; remove it");
    }
    List<SqlNode> operands = new ArrayList<>();
    operands.add(table.operand(0).accept(this));
    operands.add(call.operand(1));
    operands.add(
        new SqlBasicCall(SqlStdOperatorTable.DESCRIPTOR, keys.getList(), keys.getParserPosition()));
    operands.add(call.operand(2));
    return new SqlBasicCall(
        call.getOperator(), operands, call.getParserPosition(), call.getFunctionQuantifier());
  }
}
