package dev.sluice.planner.calcite;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Calcite's RexBuilder, except that a CAST of a string literal to another type, or of a number
 * literal to DECIMAL, is left to the runtime instead of being folded at planning time. Calcite's
 * folding truncates where the runtime rounds HALF_UP as Spark does ({@code CAST('12.345' AS
 * DECIMAL(5, 2))} is 12.35) and throws its own exceptions on bad text, so folding would make a
 * constant behave differently from the same value in a column.
 */
final class SluiceRexBuilder extends RexBuilder {
  SluiceRexBuilder(RelDataTypeFactory typeFactory) {
    super(typeFactory);
  }

  @Override
  public RexNode makeCast(
      SqlParserPos pos,
      RelDataType type,
      RexNode exp,
      boolean matchNullability,
      boolean safe,
      RexLiteral format) {
    if (exp instanceof RexLiteral literal
        && !literal.isNull()
        && ((SqlTypeUtil.isCharacter(literal.getType()) && !SqlTypeUtil.isCharacter(type))
            || (SqlTypeUtil.isExactNumeric(literal.getType()) && SqlTypeUtil.isDecimal(type)))) {
      RelDataType target =
          matchNullability
              ? typeFactory.createTypeWithNullability(type, exp.getType().isNullable())
              : type;
      return makeAbstractCast(pos, target, exp, safe, format);
    }
    return super.makeCast(pos, type, exp, matchNullability, safe, format);
  }
}
