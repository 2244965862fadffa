package dev.sluice.planner.calcite;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.SqlWindowTableFunction;
import org.apache.calcite.sql.validate.SqlNameMatcher;

/**
 * An operator table without the window table functions that {@link WindowTableFunction} and {@link
 * SessionTableFunction} replace (Calcite's TUMBLE, HOP and SESSION), so a name resolves to exactly
 * one function.
 */
final class WithoutCalciteWindows implements SqlOperatorTable {
  private final SqlOperatorTable delegate;

  WithoutCalciteWindows(SqlOperatorTable delegate) {
    this.delegate = delegate;
  }

  @Override
  public void lookupOperatorOverloads(
      SqlIdentifier name,
      SqlFunctionCategory category,
      SqlSyntax syntax,
      List<SqlOperator> operators,
      SqlNameMatcher matcher) {
    List<SqlOperator> found = new ArrayList<>();
    delegate.lookupOperatorOverloads(name, category, syntax, found, matcher);
    found.removeIf(WithoutCalciteWindows::replaced);
    operators.addAll(found);
  }

  @Override
  public List<SqlOperator> getOperatorList() {
    List<SqlOperator> operators = new ArrayList<>(delegate.getOperatorList());
    operators.removeIf(WithoutCalciteWindows::replaced);
    return operators;
  }

  private static boolean replaced(SqlOperator operator) {
    return operator instanceof SqlWindowTableFunction
        && !(operator instanceof WindowTableFunction)
        && !(operator instanceof SessionTableFunction);
  }
}
