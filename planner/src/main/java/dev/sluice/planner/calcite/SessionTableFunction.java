package dev.sluice.planner.calcite;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalTableFunctionScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWindowTableFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandMetadata;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code SESSION(TABLE t, DESCRIPTOR(ts), DESCRIPTOR(key [, key2...]), gap)}, in place of Calcite's
 * SESSION: its row type appends {@code window_start}, {@code window_end} and {@code window_time}
 * like the other window functions, and the time column, the keys and the gap are checked where they
 * are written. The spelling with {@code TABLE t PARTITION BY key} is rewritten into this one before
 * validation ({@link PartitionedSessions}).
 */
public final class SessionTableFunction extends SqlWindowTableFunction {
  public static final SessionTableFunction INSTANCE = new SessionTableFunction();

  private SessionTableFunction() {
    super("SESSION", new Operands());
  }

  @Override
  public SqlReturnTypeInference getRowTypeInference() {
    return binding ->
        WindowTableFunction.rowType(binding.getTypeFactory(), binding.getOperandType(0));
  }

  /**
   * The same logical node the SQL form produces: a table function scan of SESSION over {@code
   * input}, with time column {@code timeColumn}, partition keys {@code keys} and the gap (for the
   * DataFrame API).
   */
  public static RelNode scan(RelNode input, int timeColumn, List<Integer> keys, long gapMillis) {
    RexBuilder rex = input.getCluster().getRexBuilder();
    List<RexNode> keyRefs =
        keys.stream().<RexNode>map(key -> rex.makeInputRef(input, key)).toList();
    List<RexNode> operands =
        List.of(
            rex.makeCall(SqlStdOperatorTable.DESCRIPTOR, rex.makeInputRef(input, timeColumn)),
            rex.makeCall(SqlStdOperatorTable.DESCRIPTOR, keyRefs),
            rex.makeIntervalLiteral(
                BigDecimal.valueOf(gapMillis),
                new SqlIntervalQualifier(TimeUnit.SECOND, null, SqlParserPos.ZERO)));
    RelDataType rowType = WindowTableFunction.rowType(rex.getTypeFactory(), input.getRowType());
    RexNode call = rex.makeCall(rowType, INSTANCE, operands);
    return LogicalTableFunctionScan.create(
        input.getCluster(), List.of(input), call, null, rowType, null);
  }

  private static final class Operands implements SqlOperandMetadata {
    private static final List<String> NAMES = List.of("DATA", "TIMECOL", "KEY", "GAP");

    @Override
    public List<RelDataType> paramTypes(RelDataTypeFactory typeFactory) {
      return Collections.nCopies(NAMES.size(), typeFactory.createSqlType(SqlTypeName.ANY));
    }

    @Override
    public List<String> paramNames() {
      return NAMES;
    }

    @Override
    public SqlOperandCountRange getOperandCountRange() {
      // Three arguments (no keys) reach checkOperandTypes, which says what is missing.
      return SqlOperandCountRanges.between(NAMES.size() - 1, NAMES.size());
    }

    @Override
    public boolean isOptional(int i) {
      return i == 2;
    }

    @Override
    public String getAllowedSignatures(SqlOperator op, String opName) {
      return "SESSION(TABLE table PARTITION BY key, DESCRIPTOR(time_column), gap INTERVAL)"
          + " or SESSION(TABLE table, DESCRIPTOR(time_column), DESCRIPTOR(key), gap INTERVAL)";
    }

    @Override
    public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
      if (binding.getOperandCount() < NAMES.size()) {
        throw new SluiceException(
            ErrorCode.UNSUPPORTED_FEATURE,
            "SESSION needs partition keys"
                + WindowTableFunction.position(binding.getCall().getParserPosition())
                + ": sessions are kept per key, e.g. SESSION(TABLE t PARTITION BY user_id,"
                + " DESCRIPTOR(ts), INTERVAL '10' SECOND)");
      }
      RelDataType table = binding.getValidator().getValidatedNodeType(binding.operand(0));
      if (table.getSqlTypeName() != SqlTypeName.ROW
          || binding.operand(1).getKind() != SqlKind.DESCRIPTOR
          || binding.operand(2).getKind() != SqlKind.DESCRIPTOR) {
        if (throwOnFailure) {
          throw binding.newValidationSignatureError();
        }
        return false;
      }
      WindowTableFunction.Operands.checkTimeColumn("SESSION", (SqlCall) binding.operand(1), table);
      for (SqlNode key : ((SqlCall) binding.operand(2)).getOperandList()) {
        WindowTableFunction.Operands.checkColumn("SESSION", (SqlIdentifier) key, table, "the keys");
      }
      long gap = WindowTableFunction.Operands.intervalMillis("SESSION", binding.operand(3), "gap");
      if (gap <= 0) {
        throw new SluiceException(
            ErrorCode.INVALID_ARGUMENT,
            "the gap of SESSION must be a positive duration, not "
                + binding.operand(3)
                + WindowTableFunction.position(binding.operand(3).getParserPosition()));
      }
      return true;
    }
  }
}
