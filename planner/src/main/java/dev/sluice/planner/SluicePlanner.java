package dev.sluice.planner;

import dev.sluice.planner.calcite.SqlFrontEnd;
import dev.sluice.planner.calcite.UdfSignature;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.physical.PhysicalPlan;
import dev.sluice.planner.physical.PhysicalPlanner;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.tools.RelBuilder;

/**
 * The planner of one session: SQL or a DataFrame's logical plan in, a {@link PhysicalPlan} out.
 *
 * <p>Flow: Calcite parses and validates SQL against the catalog ({@link SqlFrontEnd}); the logical
 * plan (from SQL, or built by the DataFrame API with {@link #relBuilder()}) goes through the rule
 * phases and is translated into specs ({@link PhysicalPlanner}). Only this module sees Calcite.
 */
public final class SluicePlanner {
  private final Catalog catalog;
  private final SqlFrontEnd frontEnd;

  public SluicePlanner(Catalog catalog) {
    this.catalog = catalog;
    this.frontEnd = new SqlFrontEnd(catalog);
  }

  public Catalog catalog() {
    return catalog;
  }

  public RelNode toRel(String sql) {
    return frontEnd.toRel(sql);
  }

  /** {@link #toRel}, also telling whether the select list named two columns alike. */
  public SqlFrontEnd.Query toQuery(String sql) {
    return frontEnd.toQuery(sql);
  }

  public RelBuilder relBuilder() {
    return frontEnd.relBuilder();
  }

  public PhysicalPlan plan(RelNode logical) {
    return PhysicalPlanner.plan(logical);
  }

  public PhysicalPlan plan(String sql) {
    return plan(toRel(sql));
  }

  /** SQL expressions over the columns of a row type (for DataFrame {@code expr()}). */
  public java.util.List<org.apache.calcite.rex.RexNode> expressionsOver(
      org.apache.calcite.rel.type.RelDataType inputType, String selectList) {
    return frontEnd.expressionsOver(inputType, selectList);
  }

  public void registerUdf(UdfSignature signature) {
    frontEnd.registerUdf(signature);
  }

  public java.util.Optional<org.apache.calcite.sql.SqlOperator> udf(String name) {
    return frontEnd.udf(name);
  }

  /** The functions SQL can call, by name. */
  public java.util.Set<String> functionNames() {
    return frontEnd.functionNames();
  }

  /** The logical plan as Calcite prints it. */
  public static String explainLogical(RelNode logical) {
    return RelOptUtil.toString(logical, SqlExplainLevel.EXPPLAN_ATTRIBUTES);
  }
}
