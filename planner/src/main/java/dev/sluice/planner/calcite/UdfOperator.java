package dev.sluice.planner.calcite;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;

/**
 * A user function as Calcite sees it. It keeps its {@link UdfSignature} so the physical planner can
 * convert each argument to the declared parameter type (a UDF on BIGINT called with an INTEGER
 * literal gets a BIGINT, as its Java code expects).
 */
public final class UdfOperator extends SqlFunction {
  private final UdfSignature signature;

  UdfOperator(
      String name,
      UdfSignature signature,
      List<RelDataType> parameters,
      List<SqlTypeFamily> families,
      RelDataType returnType) {
    super(
        name,
        SqlKind.OTHER_FUNCTION,
        ReturnTypes.explicit(returnType),
        InferTypes.explicit(parameters),
        OperandTypes.family(families),
        SqlFunctionCategory.USER_DEFINED_FUNCTION);
    this.signature = signature;
  }

  public UdfSignature signature() {
    return signature;
  }
}
