package dev.sluice.execution.operator.stateless;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.expression.ColumnRef;
import dev.sluice.execution.expression.Expression;
import dev.sluice.execution.expression.codegen.CalcKernel;
import dev.sluice.execution.expression.codegen.ExpressionCompiler;
import dev.sluice.execution.operator.OperatorContext;
import dev.sluice.execution.operator.Output;
import dev.sluice.execution.plan.CalcSpec;
import dev.sluice.execution.type.ArrowTypes;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Runs a {@link CalcSpec}'s compiled kernel over each batch.
 *
 * <p>Without a condition every input row becomes an output row, so a projection that is just an
 * input column is not computed at all: the input vector's buffers are handed over to the output
 * (zero copy). The kernel computes only the other projections. With a condition, bare columns are
 * copied vector to vector inside the kernel.
 */
public final class CalcOperator extends StatelessOperator {
  private final CalcSpec spec;

  /** For each output column, the input column handed over, or -1 when the kernel computes it. */
  private final int[] passThrough;

  private final Schema computedSchema;
  private final List<Expression> computed = new ArrayList<>();
  private CalcKernel kernel;

  public CalcOperator(CalcSpec spec) {
    this.spec = spec;
    this.passThrough = new int[spec.projections().size()];
    Arrays.fill(passThrough, -1);
    Set<Integer> handedOver = new HashSet<>();
    List<Field> computedFields = new ArrayList<>();
    for (int i = 0; i < passThrough.length; i++) {
      Expression projection = spec.projections().get(i);
      if (spec.condition() == null
          && projection instanceof ColumnRef ref
          && ref.type().equals(spec.input().schema().field(ref.index()).type())
          && handedOver.add(ref.index())) {
        passThrough[i] = ref.index();
      } else {
        computed.add(projection);
        computedFields.add(spec.schema().field(i));
      }
    }
    this.computedSchema = new Schema(computedFields);
  }

  @Override
  public void open(OperatorContext context, Output output) {
    super.open(context, output);
    if (!computed.isEmpty()) {
      kernel =
          ExpressionCompiler.compile(
              spec.input().schema(), spec.condition(), computed, context.functions().scalars());
    }
  }

  @Override
  public void onBatch(int input, Batch batch) {
    try (batch) {
      int rows = batch.rowCount();
      if (rows == 0) {
        return;
      }
      List<FieldVector> computedVectors =
          Batch.allocateVectors(computedSchema, context.allocator(), rows);
      int written = rows;
      try {
        if (kernel != null) {
          written =
              kernel.evaluate(
                  batch.vectorArray(), rows, computedVectors.toArray(new FieldVector[0]));
        }
      } catch (RuntimeException e) {
        computedVectors.forEach(FieldVector::close);
        throw withContext(e);
      }
      if (written == 0) {
        computedVectors.forEach(FieldVector::close);
        return;
      }
      // Hand over pass-through columns only now: the kernel may have read the same vectors.
      List<FieldVector> out = new ArrayList<>(passThrough.length);
      int next = 0;
      for (int i = 0; i < passThrough.length; i++) {
        if (passThrough[i] < 0) {
          out.add(computedVectors.get(next++));
        } else {
          TransferPair transfer =
              batch
                  .vector(passThrough[i])
                  .getTransferPair(ArrowTypes.toArrow(spec.schema().field(i)), context.allocator());
          transfer.transfer();
          out.add((FieldVector) transfer.getTo());
        }
      }
      output.emit(Batch.of(spec.schema(), out, written));
    }
  }

  /**
   * The failure with the expressions being evaluated. Not the operator's name: it means nothing to
   * a user, and which partition fails first is a race, so a message naming it would not be stable.
   */
  private RuntimeException withContext(RuntimeException e) {
    if (e instanceof SluiceException s) {
      return new SluiceException(s.code(), s.getMessage() + " (evaluating " + describe() + ")", s);
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
