package dev.sluice.planner.calcite;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.implicit.TypeCoercionImpl;

/**
 * SUM and AVG take numbers only. Calcite's implicit type coercion would cast a VARCHAR argument to
 * DECIMAL, so {@code SUM(s)} planned and failed at run time on the first value that is no number;
 * this coercion leaves aggregate arguments alone, so validation refuses them with their position.
 * Everything else (comparisons, arithmetic, other functions) is coerced as Calcite does.
 */
public final class NumericAggregateArguments extends TypeCoercionImpl {
  NumericAggregateArguments(RelDataTypeFactory typeFactory, SqlValidator validator) {
    super(typeFactory, validator);
  }

  @Override
  public boolean builtinFunctionCoercion(
      SqlCallBinding binding,
      List<RelDataType> operandTypes,
      List<SqlTypeFamily> expectedFamilies) {
    if (binding.getOperator() instanceof SqlAggFunction
        && operandTypes.stream().anyMatch(type -> type.getSqlTypeName() != SqlTypeName.NULL)) {
      return false; // a column of untyped NULLs still sums to NULL
    }
    return super.builtinFunctionCoercion(binding, operandTypes, expectedFamilies);
  }

  /**
   * The error for an aggregate that sums or averages a value of {@code argumentType}, with {@code
   * where} (e.g. " (line 1, column 8)", or empty) after the first sentence.
   */
  public static SluiceException refused(String function, String argumentType, String where) {
    return new SluiceException(
        ErrorCode.TYPE_MISMATCH,
        function
            + " does not accept "
            + argumentType
            + where
            + ": it takes a number (TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL, FLOAT or DOUBLE)."
            + " CAST the argument to one, e.g. "
            + function
            + "(CAST(x AS DECIMAL(20, 2))).");
  }
}
