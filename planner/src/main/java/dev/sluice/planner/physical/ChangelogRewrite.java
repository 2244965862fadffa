package dev.sluice.planner.physical;

import dev.sluice.execution.batch.RowKind;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.expression.ColumnRef;
import dev.sluice.execution.expression.Expression;
import dev.sluice.execution.expression.Literal;
import dev.sluice.execution.plan.AggregateSpec;
import dev.sluice.execution.plan.CalcSpec;
import dev.sluice.execution.plan.PlanSpec;
import dev.sluice.execution.plan.QuerySpec;
import dev.sluice.execution.plan.SessionAggregateSpec;
import dev.sluice.execution.plan.UnionSpec;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites a streaming plan so that it emits its result as a changelog: every row gets a kind (+I,
 * -U, +U, -D) in a leading {@code op} column.
 *
 * <p>Inside the plan the kind travels as a trailing column, so the column indexes of existing
 * expressions stay valid: an aggregation emits it ({@link AggregateSpec#asChangelog}), a calc
 * passes it through, a subtree without an aggregation marks its rows +I. A filter directly above an
 * aggregation (HAVING) moves into the aggregation, which tests it on a group's old and new row and
 * so turns a group entering or leaving the result into +I or -D. Any other filter or projection
 * over a changelog is applied row by row, which keeps the changelog exact: removing a row that no
 * longer passes is still a removal. A final projection moves {@code op} to the front.
 */
final class ChangelogRewrite {
  private static final Field KIND = Field.notNull(RowKind.COLUMN, SqlType.VARCHAR);

  private ChangelogRewrite() {}

  static QuerySpec apply(QuerySpec query) {
    Schema result = query.root().schema();
    if (result.indexOf(RowKind.COLUMN).isPresent()) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_OUTPUT_MODE,
          "changelog output adds a column '"
              + RowKind.COLUMN
              + "' holding each row's kind, but the result already has a column named '"
              + result.field(result.indexOf(RowKind.COLUMN).get()).name()
              + "'; rename it (e.g. AS "
              + RowKind.COLUMN
              + "_) or use update mode");
    }
    return new QuerySpec(kindFirst(withKind(query.root())), query.sources());
  }

  /** {@code spec} with the kind as an extra last column. */
  private static PlanSpec withKind(PlanSpec spec) {
    if (!updating(spec)) {
      List<Expression> projections = columns(spec.schema(), 0, spec.schema().size());
      projections.add(new Literal(RowKind.INSERT.shortString(), SqlType.VARCHAR));
      return new CalcSpec(spec, null, projections, plusKind(spec.schema()));
    }
    if (spec instanceof AggregateSpec aggregate) {
      return aggregate.asChangelog(null);
    }
    if (spec instanceof SessionAggregateSpec sessions) {
      return sessions.asChangelog();
    }
    if (spec instanceof CalcSpec calc) {
      PlanSpec input;
      Expression condition = calc.condition();
      if (calc.input() instanceof AggregateSpec aggregate && condition != null) {
        input = aggregate.asChangelog(condition);
        condition = null;
      } else {
        input = withKind(calc.input());
      }
      List<Expression> projections = new ArrayList<>(calc.projections());
      projections.add(new ColumnRef(input.schema().size() - 1, SqlType.VARCHAR));
      return new CalcSpec(input, condition, projections, plusKind(calc.schema()));
    }
    if (spec instanceof UnionSpec union) {
      return new UnionSpec(
          union.inputs().stream().map(ChangelogRewrite::withKind).toList(),
          plusKind(union.schema()));
    }
    throw new SluiceException(
        ErrorCode.UNSUPPORTED_OUTPUT_MODE,
        "changelog output is not supported for "
            + spec.getClass().getSimpleName().replace("Spec", "")
            + " after an aggregation; use update or complete mode");
  }

  private static boolean updating(PlanSpec spec) {
    return spec instanceof AggregateSpec
        || spec instanceof SessionAggregateSpec
        || spec.inputs().stream().anyMatch(ChangelogRewrite::updating);
  }

  private static PlanSpec kindFirst(PlanSpec spec) {
    int width = spec.schema().size();
    List<Expression> projections = new ArrayList<>();
    projections.add(new ColumnRef(width - 1, SqlType.VARCHAR));
    projections.addAll(columns(spec.schema(), 0, width - 1));
    List<Field> fields = new ArrayList<>();
    fields.add(KIND);
    fields.addAll(spec.schema().fields().subList(0, width - 1));
    return new CalcSpec(spec, null, projections, new Schema(fields));
  }

  private static List<Expression> columns(Schema schema, int from, int to) {
    List<Expression> columns = new ArrayList<>();
    for (int i = from; i < to; i++) {
      columns.add(new ColumnRef(i, schema.field(i).type()));
    }
    return columns;
  }

  private static Schema plusKind(Schema schema) {
    List<Field> fields = new ArrayList<>(schema.fields());
    fields.add(KIND);
    return new Schema(fields);
  }
}
