package dev.sluice.execution.plan;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * A plan as readable lines, one per source and one per node (indented by depth, with the node's own
 * fields but not its inputs). Stored in the checkpoint so that a restart with a changed query can
 * say which line changed.
 */
public final class PlanDescription {
  private PlanDescription() {}

  public static List<String> lines(QuerySpec query) {
    List<String> lines = new ArrayList<>();
    for (SourceSpec source : query.sources()) {
      lines.add(sourceLine(source));
    }
    describe(query.root(), 0, lines);
    return lines;
  }

  private static String sourceLine(SourceSpec source) {
    return "source " + source.id() + " = " + source.description() + " " + source.schema();
  }

  private static void describe(PlanSpec spec, int depth, List<String> lines) {
    StringBuilder line = new StringBuilder("  ".repeat(depth));
    line.append(spec.getClass().getSimpleName().replaceFirst("Spec$", "")).append('[');
    String separator = "";
    List<String> subPlans = new ArrayList<>();
    for (RecordComponent component : spec.getClass().getRecordComponents()) {
      Object value = value(component, spec);
      if (value instanceof QuerySpec subPlan) {
        // A join's static side: a whole plan of its own, described below the node's line.
        subPlans.add("  ".repeat(depth + 1) + component.getName() + ":");
        for (SourceSpec source : subPlan.sources()) {
          subPlans.add("  ".repeat(depth + 2) + sourceLine(source));
        }
        List<String> plan = new ArrayList<>();
        describe(subPlan.root(), depth + 2, plan);
        subPlans.addAll(plan);
        continue;
      }
      if (value instanceof PlanSpec
          || component.getName().equals("inputs")
          || (value == null && component.isAnnotationPresent(OmittedWhenNull.class))) {
        continue;
      }
      line.append(separator).append(component.getName()).append('=').append(value);
      separator = ", ";
    }
    lines.add(line.append(']').toString());
    lines.addAll(subPlans);
    for (PlanSpec input : spec.inputs()) {
      describe(input, depth + 1, lines);
    }
  }

  private static Object value(RecordComponent component, PlanSpec spec) {
    try {
      return component.getAccessor().invoke(spec);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component + " of " + spec, e);
    }
  }
}
