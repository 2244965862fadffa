package dev.sluice.planner.calcite;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.error.TextPosition;
import dev.sluice.execution.type.SqlType;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCollectionTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Refuses a written {@code DECIMAL(p, s)} with p above {@value SqlType#MAX_DECIMAL_PRECISION}, the
 * digits Sluice stores. Calcite's type factory would clamp it to 38 without a word, so {@code
 * CAST(x AS DECIMAL(50, 2))} and a column declared so would silently hold less than asked for.
 * (Types Calcite derives, such as a product's, are still capped at 38 as documented.)
 */
final class DecimalPrecisionLimit extends SqlBasicVisitor<Void> {
  static SqlNode check(SqlNode query) {
    query.accept(new DecimalPrecisionLimit());
    return query;
  }

  @Override
  public Void visit(SqlDataTypeSpec type) {
    check(type.getTypeNameSpec());
    return null;
  }

  private static void check(SqlTypeNameSpec spec) {
    if (spec instanceof SqlCollectionTypeNameSpec collection) {
      check(collection.getElementTypeName());
    } else if (spec instanceof SqlBasicTypeNameSpec basic
        && SqlTypeName.get(basic.getTypeName().getSimple()) == SqlTypeName.DECIMAL
        && basic.getPrecision() > SqlType.MAX_DECIMAL_PRECISION) {
      SqlParserPos pos = basic.getParserPos();
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_FEATURE,
          "DECIMAL("
              + basic.getPrecision()
              + (basic.getScale() >= 0 ? ", " + basic.getScale() : "")
              + ") has more digits than the "
              + SqlType.MAX_DECIMAL_PRECISION
              + " a DECIMAL holds (line "
              + pos.getLineNum()
              + ", column "
              + pos.getColumnNum()
              + "); use a precision of at most "
              + SqlType.MAX_DECIMAL_PRECISION
              + ", or DOUBLE for larger magnitudes",
          pos.getLineNum() < 1 || pos.getColumnNum() < 1
              ? null
              : new TextPosition(pos.getLineNum(), pos.getColumnNum()),
          null);
    }
  }
}
