package dev.sluice.planner.physical;

import java.util.List;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableFunctionScan;
import org.apache.calcite.rel.logical.LogicalUnion;

/**
 * Calcite turns a window function over a UNION ALL written in place, {@code TUMBLE((SELECT ...
 * UNION ALL SELECT ...), ...)}, into one table function scan with an input per branch. A window
 * function has one table argument, so this puts the branches back into one UNION ALL input:
 * translating only the first input would drop the other branches' rows.
 */
final class WindowInputsUnion {
  private WindowInputsUnion() {}

  static RelNode apply(RelNode plan) {
    return plan.accept(
        new RelHomogeneousShuttle() {
          @Override
          public RelNode visit(RelNode other) {
            RelNode visited = super.visit(other);
            if (visited instanceof TableFunctionScan scan && scan.getInputs().size() > 1) {
              RelNode union = LogicalUnion.create(scan.getInputs(), true);
              return scan.copy(
                  scan.getTraitSet(),
                  List.of(union),
                  scan.getCall(),
                  scan.getElementType(),
                  scan.getRowType(),
                  scan.getColumnMappings());
            }
            return visited;
          }
        });
  }
}
