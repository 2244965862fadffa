package dev.sluice.planner.physical;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.expression.ColumnRef;
import dev.sluice.execution.expression.Expression;
import dev.sluice.execution.plan.CalcSpec;
import dev.sluice.execution.plan.JoinKind;
import dev.sluice.execution.plan.PlanSpec;
import dev.sluice.execution.plan.QuerySpec;
import dev.sluice.execution.plan.StaticJoinSpec;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.planner.calcite.CalciteTypes;
import dev.sluice.planner.calcite.CatalogTables;
import dev.sluice.planner.catalog.CatalogEntry;
import dev.sluice.planner.catalog.TableKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;

/**
 * Translates a {@link Join} with a static side into a {@link StaticJoinSpec}: the side that reads a
 * stream (in a one-off query, the side whose unmatched rows are kept, else the left) is the input,
 * the other side is planned as a one-off query of its own and hashed once. The output is the
 * input's columns, then the table's; when the table was the left side in SQL, a projection above
 * puts the columns back in SQL order. The equality conjuncts {@code a = b} between the two sides
 * are the keys ({@link org.apache.calcite.rel.rules.CoreRules#JOIN_PUSH_EXPRESSIONS} has already
 * made columns of any expressions in them); the rest of the condition is a filter above an INNER
 * join and part of the match of a LEFT one.
 */
final class JoinTranslation {
  /** Translates the two kinds of subtree a join has. */
  interface Translator {
    /** The plan of a subtree read batch by batch. */
    PlanSpec translate(RelNode rel);

    /** A static subtree as a whole query of its own, run once. */
    QuerySpec translateStatic(RelNode rel);
  }

  private JoinTranslation() {}

  static PlanSpec translate(Join join, RexBuilder rexBuilder, Translator translator) {
    boolean leftStreams = readsStream(join.getLeft());
    boolean rightStreams = readsStream(join.getRight());
    JoinRelType type = join.getJoinType();
    if (leftStreams && rightStreams) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_FEATURE,
          "joining two streams ("
              + tables(join.getLeft())
              + " with "
              + tables(join.getRight())
              + ") is not supported yet; join a stream with a table (a stream-static join)");
    }
    if (type != JoinRelType.INNER && type != JoinRelType.LEFT && type != JoinRelType.RIGHT) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_FEATURE,
          type + " JOIN is not supported yet; INNER, LEFT and RIGHT joins with a static table are");
    }
    // The input is the streaming side, else the side a RIGHT join keeps, else the left.
    boolean swap = rightStreams || (!leftStreams && type == JoinRelType.RIGHT);
    RelNode probe = swap ? join.getRight() : join.getLeft();
    RelNode build = swap ? join.getLeft() : join.getRight();
    boolean keepsUnmatched = type != JoinRelType.INNER;
    boolean keepsInputRows = type == (swap ? JoinRelType.RIGHT : JoinRelType.LEFT);
    if (keepsUnmatched && !keepsInputRows) {
      boolean keepsLeft = type == JoinRelType.LEFT;
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_STREAMING_OPERATION,
          type
              + " JOIN keeps the unmatched rows of the "
              + (keepsLeft ? "left" : "right")
              + " side, the static "
              + tables(build)
              + ", but the stream "
              + tables(probe)
              + " on the other side can bring a match for any of them at any time, so no such"
              + " row would ever be final. Keep the stream's rows instead ("
              + (keepsLeft ? "RIGHT" : "LEFT")
              + " JOIN), or use an INNER JOIN");
    }
    JoinInfo info =
        JoinInfo.createWithStrictEquality(join.getLeft(), join.getRight(), join.getCondition());
    List<Integer> probeKeys = swap ? info.rightKeys : info.leftKeys;
    List<Integer> buildKeys = swap ? info.leftKeys : info.rightKeys;

    PlanSpec input = translator.translate(probe);
    QuerySpec table = translator.translateStatic(build);
    checkKeyTypes(input.schema(), table.root().schema(), probeKeys, buildKeys);

    int leftWidth = join.getLeft().getRowType().getFieldCount();
    int probeWidth = probe.getRowType().getFieldCount();
    int width = join.getRowType().getFieldCount();
    // SQL column i is output column toOutput[i] (input columns first, then the table's).
    int[] toOutput = new int[width];
    for (int i = 0; i < width; i++) {
      toOutput[i] = !swap ? i : i < leftWidth ? probeWidth + i : i - leftWidth;
    }
    Schema sqlSchema = CalciteTypes.toSchema(join.getRowType());
    Field[] fields = new Field[width];
    for (int i = 0; i < width; i++) {
      fields[toOutput[i]] = sqlSchema.field(i);
    }
    Schema schema = new Schema(List.of(fields));

    RexNode remaining = info.getRemaining(rexBuilder);
    Expression condition =
        remaining.isAlwaysTrue()
            ? null
            : RexToExpression.overColumns(rexBuilder, schema)
                .translate(remaining.accept(permute(toOutput)));
    boolean left = keepsUnmatched;
    PlanSpec joined =
        new StaticJoinSpec(
            input,
            table,
            left ? JoinKind.LEFT : JoinKind.INNER,
            probeKeys,
            buildKeys,
            left ? condition : null,
            schema);
    Expression filter = left ? null : condition;
    if (filter == null && !swap) {
      return joined;
    }
    List<Expression> projections = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      projections.add(new ColumnRef(toOutput[i], schema.field(toOutput[i]).type()));
    }
    return new CalcSpec(joined, filter, projections, sqlSchema);
  }

  /** Whether {@code rel} reads a stream anywhere below it. */
  private static boolean readsStream(RelNode rel) {
    return scanned(rel, new ArrayList<>()).stream()
        .anyMatch(entry -> entry.kind() == TableKind.STREAM);
  }

  /** The names of the tables and streams {@code rel} reads, for messages. */
  private static String tables(RelNode rel) {
    return scanned(rel, new ArrayList<>()).stream()
        .map(CatalogEntry::name)
        .distinct()
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /** The catalog entries the scans below {@code rel} read, in plan order. */
  private static List<CatalogEntry> scanned(RelNode rel, List<CatalogEntry> into) {
    if (rel instanceof TableScan scan) {
      into.add(CatalogTables.entryOf(scan));
    }
    rel.getInputs().forEach(input -> scanned(input, into));
    return into;
  }

  private static void checkKeyTypes(
      Schema input, Schema table, List<Integer> inputKeys, List<Integer> tableKeys) {
    for (int k = 0; k < inputKeys.size(); k++) {
      Field a = input.field(inputKeys.get(k));
      Field b = table.field(tableKeys.get(k));
      if (!a.type().equals(b.type())) {
        throw new SluiceException(
            ErrorCode.UNSUPPORTED_FEATURE,
            "the join compares "
                + a.name()
                + " ("
                + a.type()
                + ") with "
                + b.name()
                + " ("
                + b.type()
                + "); CAST one of them to the other's type in the ON clause");
      }
    }
  }

  private static RexShuttle permute(int[] toOutput) {
    return new RexShuttle() {
      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        return new RexInputRef(toOutput[ref.getIndex()], ref.getType());
      }
    };
  }
}
