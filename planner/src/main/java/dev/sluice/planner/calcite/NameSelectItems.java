package dev.sluice.planner.calcite;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Names every unnamed expression of a select list after its text, as Spark does: {@code SELECT
 * price * 2} has a column {@code price * 2}, not Calcite's {@code EXPR$0}, so shell output and
 * golden files say what each column is. Long expressions keep Calcite's name.
 */
final class NameSelectItems extends SqlBasicVisitor<Void> {
  private static final int LONGEST_NAME = 64;
  private static final SqlDialect UNQUOTED =
      new SqlDialect(SqlDialect.EMPTY_CONTEXT.withIdentifierQuoteString(null));

  static SqlNode apply(SqlNode query) {
    query.accept(new NameSelectItems());
    return query;
  }

  @Override
  public Void visit(SqlCall call) {
    if (call instanceof SqlSelect select) {
      SqlNodeList items = select.getSelectList();
      for (int i = 0; i < items.size(); i++) {
        SqlNode item = items.get(i);
        if (item instanceof SqlIdentifier
            || item.getKind() == SqlKind.AS
            || item.getKind().belongsTo(SqlKind.QUERY)) {
          continue;
        }
        String text = item.toSqlString(UNQUOTED).getSql().replaceAll("\\s+", " ");
        if (text.length() <= LONGEST_NAME) {
          items.set(
              i,
              SqlStdOperatorTable.AS.createCall(
                  item.getParserPosition(),
                  item,
                  new SqlIdentifier(text, item.getParserPosition())));
        }
      }
    }
    return super.visit(call);
  }
}
