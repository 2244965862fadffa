package dev.sluice.execution.operator.stateless;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.expression.codegen.CalcKernel;
import dev.sluice.execution.expression.codegen.ExpressionCompiler;
import dev.sluice.execution.operator.OperatorContext;
import dev.sluice.execution.operator.Output;
import dev.sluice.execution.plan.CalcSpec;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/** Runs a {@link CalcSpec}'s compiled kernel over each batch. */
public final class CalcOperator extends StatelessOperator {
  private final CalcSpec spec;
  private CalcKernel kernel;

  public CalcOperator(CalcSpec spec) {
    this.spec = spec;
  }

  @Override
  public void open(OperatorContext context, Output output) {
    super.open(context, output);
    kernel =
        ExpressionCompiler.compile(
            spec.input().schema(),
            spec.condition(),
            spec.projections(),
            context.functions().scalars());
  }

  @Override
  public void onBatch(int input, Batch batch) {
    try (batch) {
      int rows = batch.rowCount();
      if (rows == 0) {
        return;
      }
      List<FieldVector> out = Batch.newVectors(spec.schema(), context.allocator());
      int written;
      try {
        for (FieldVector vector : out) {
          vector.setInitialCapacity(rows);
          vector.allocateNew();
        }
        written = kernel.evaluate(batch.vectorArray(), rows, out.toArray(new FieldVector[0]));
      } catch (RuntimeException e) {
        out.forEach(FieldVector::close);
        throw withContext(e);
      }
      Batch result = Batch.of(spec.schema(), out, written);
      if (written == 0) {
        result.close();
      } else {
        output.emit(result);
      }
    }
  }

  private RuntimeException withContext(RuntimeException e) {
    if (e instanceof SluiceException s) {
      return new SluiceException(
          s.code(),
          s.getMessage() + " (evaluating " + describe() + " in " + context.name() + ")",
          s);
    }
    return e;
  }

  private String describe() {
    StringBuilder text = new StringBuilder();
    if (spec.condition() != null) {
      text.append("WHERE ").append(spec.condition()).append("; ");
    }
    for (int i = 0; i < spec.projections().size(); i++) {
      text.append(i == 0 ? "" : ", ")
          .append(spec.schema().field(i).name())
          .append(" = ")
          .append(spec.projections().get(i));
    }
    return text.toString();
  }
}
