package dev.sluice.planner.physical;

import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.rules.CoreRules;

/**
 * The logical rewrite phases, in order: (0) a window function over several inputs reads their UNION
 * ALL ({@link WindowInputsUnion}); (1) simplify — merge adjacent projections and filters and drop
 * trivial ones, and compute the expressions a join's equality conditions compare as columns below
 * it (so that they can be hash keys); (2) fuse — turn every filter and projection into a Calc and
 * merge adjacent Calcs, so one compiled kernel does a whole chain of stateless row work.
 */
final class RuleProgram {
  private RuleProgram() {}

  static RelNode optimize(RelNode logical) {
    HepProgram program =
        new HepProgramBuilder()
            .addMatchOrder(HepMatchOrder.BOTTOM_UP)
            .addGroupBegin()
            .addRuleInstance(CoreRules.PROJECT_MERGE)
            .addRuleInstance(CoreRules.FILTER_MERGE)
            .addRuleInstance(CoreRules.PROJECT_REMOVE)
            .addRuleInstance(CoreRules.UNION_MERGE)
            .addRuleInstance(CoreRules.JOIN_PUSH_EXPRESSIONS)
            .addGroupEnd()
            .addGroupBegin()
            .addRuleInstance(CoreRules.FILTER_TO_CALC)
            .addRuleInstance(CoreRules.PROJECT_TO_CALC)
            .addRuleInstance(CoreRules.CALC_MERGE)
            .addRuleInstance(CoreRules.CALC_REMOVE)
            .addGroupEnd()
            .build();
    HepPlanner planner = new HepPlanner(program);
    planner.setRoot(WindowInputsUnion.apply(logical));
    return planner.findBestExp();
  }
}
