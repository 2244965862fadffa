package dev.sluice.planner.physical;

import dev.sluice.execution.expression.Call;
import dev.sluice.execution.expression.ColumnRef;
import dev.sluice.execution.expression.Expression;
import dev.sluice.execution.expression.Literal;
import dev.sluice.execution.plan.CalcSpec;
import dev.sluice.execution.plan.LateRowFilterSpec;
import dev.sluice.execution.plan.PlanSpec;
import dev.sluice.execution.plan.ScanSpec;
import dev.sluice.execution.plan.WatermarkSpec;
import dev.sluice.execution.plan.WindowAssignSpec;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Drops columns no operator above needs, as close to the scans as the plan allows. Calcite prunes
 * within its own operators but not through Sluice's (the window table function, watermarks), so a
 * HOP window would otherwise copy every column of the stream once per window. Projections, window
 * assignment, watermarks and late-row filters pass only what is needed; a scan gets a projection of
 * the needed columns; every other operator keeps all its input columns (its inputs are still pruned
 * further down).
 */
final class ColumnPruning {
  private ColumnPruning() {}

  /** {@code spec} with each output column at its new index ({@code -1}: dropped). */
  private record Pruned(PlanSpec spec, int[] newIndex) {}

  static PlanSpec apply(PlanSpec root) {
    return prune(root, all(root)).spec();
  }

  private static Pruned prune(PlanSpec spec, BitSet required) {
    if (spec instanceof CalcSpec calc) {
      BitSet needed = new BitSet();
      if (calc.condition() != null) {
        collectRefs(calc.condition(), needed);
      }
      required.stream().forEach(i -> collectRefs(calc.projections().get(i), needed));
      // A calc reads the columns it needs from a scan directly; a projection below it is waste.
      Pruned input =
          calc.input() instanceof ScanSpec scan
              ? prune(scan, all(scan))
              : prune(calc.input(), needed);
      List<Expression> projections = new ArrayList<>();
      List<Field> fields = new ArrayList<>();
      int[] newIndex = dropped(calc.schema().size());
      required.stream()
          .forEach(
              i -> {
                newIndex[i] = projections.size();
                projections.add(remap(calc.projections().get(i), input.newIndex()));
                fields.add(calc.schema().field(i));
              });
      Expression condition =
          calc.condition() == null ? null : remap(calc.condition(), input.newIndex());
      return new Pruned(
          new CalcSpec(input.spec(), condition, projections, new Schema(fields)), newIndex);
    }
    if (spec instanceof WindowAssignSpec window) {
      int width = window.input().schema().size();
      BitSet needed = required.get(0, width);
      needed.set(window.timeColumn());
      Pruned input = prune(window.input(), needed);
      List<Field> fields = new ArrayList<>(input.spec().schema().fields());
      fields.addAll(window.schema().fields().subList(width, width + 3));
      int[] newIndex = Arrays.copyOf(input.newIndex(), width + 3);
      int kept = input.spec().schema().size();
      for (int w = 0; w < 3; w++) {
        newIndex[width + w] = kept + w;
      }
      return new Pruned(
          new WindowAssignSpec(
              input.spec(),
              input.newIndex()[window.timeColumn()],
              window.kind(),
              window.sizeMillis(),
              window.slideMillis(),
              window.offsetMillis(),
              new Schema(fields)),
          newIndex);
    }
    if (spec instanceof WatermarkSpec watermark) {
      BitSet needed = (BitSet) required.clone();
      needed.set(watermark.column());
      Pruned input = prune(watermark.input(), needed);
      return new Pruned(
          new WatermarkSpec(
              input.spec(),
              input.newIndex()[watermark.column()],
              watermark.delayMillis(),
              watermark.inputId()),
          input.newIndex());
    }
    if (spec instanceof LateRowFilterSpec filter) {
      BitSet needed = (BitSet) required.clone();
      needed.set(filter.windowEndColumn());
      Pruned input = prune(filter.input(), needed);
      return new Pruned(
          new LateRowFilterSpec(
              input.spec(),
              input.newIndex()[filter.windowEndColumn()],
              filter.operatorId(),
              filter.watermarkDepth(),
              filter.lastWindowAfterMillis()),
          input.newIndex());
    }
    if (spec instanceof ScanSpec scan && required.cardinality() < scan.schema().size()) {
      List<Expression> projections = new ArrayList<>();
      List<Field> fields = new ArrayList<>();
      int[] newIndex = dropped(scan.schema().size());
      required.stream()
          .forEach(
              i -> {
                newIndex[i] = projections.size();
                projections.add(new ColumnRef(i, scan.schema().field(i).type()));
                fields.add(scan.schema().field(i));
              });
      return new Pruned(new CalcSpec(scan, null, projections, new Schema(fields)), newIndex);
    }
    List<PlanSpec> inputs = spec.inputs().stream().map(i -> prune(i, all(i)).spec()).toList();
    int[] identity = new int[spec.schema().size()];
    Arrays.setAll(identity, i -> i);
    return new Pruned(inputs.isEmpty() ? spec : spec.withInputs(inputs), identity);
  }

  private static BitSet all(PlanSpec spec) {
    BitSet all = new BitSet();
    all.set(0, spec.schema().size());
    return all;
  }

  private static int[] dropped(int width) {
    int[] newIndex = new int[width];
    Arrays.fill(newIndex, -1);
    return newIndex;
  }

  private static void collectRefs(Expression expression, BitSet into) {
    if (expression instanceof ColumnRef ref) {
      into.set(ref.index());
    } else if (expression instanceof Call call) {
      call.operands().forEach(operand -> collectRefs(operand, into));
    }
  }

  private static Expression remap(Expression expression, int[] newIndex) {
    if (expression instanceof ColumnRef ref) {
      return new ColumnRef(newIndex[ref.index()], ref.type());
    }
    if (expression instanceof Call call) {
      return new Call(
          call.function(),
          call.udfName(),
          call.operands().stream().map(operand -> remap(operand, newIndex)).toList(),
          call.type());
    }
    return (Literal) expression;
  }
}
