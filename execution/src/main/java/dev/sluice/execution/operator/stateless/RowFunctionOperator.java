package dev.sluice.execution.operator.stateless;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.batch.BatchBuilder;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.expression.RowFunction;
import dev.sluice.execution.operator.OperatorContext;
import dev.sluice.execution.operator.Output;
import dev.sluice.execution.plan.RowFunctionSpec;

/**
 * Applies a user's Java row function. Rows are boxed here by necessity (the user's lambda takes
 * rows); this is the one row-at-a-time operator and it is only planned for typed lambdas.
 */
public final class RowFunctionOperator extends StatelessOperator {
  private final RowFunctionSpec spec;
  private RowFunction function;

  public RowFunctionOperator(RowFunctionSpec spec) {
    this.spec = spec;
  }

  @Override
  public void open(OperatorContext context, Output output) {
    super.open(context, output);
    function = context.functions().rowFunction(spec.functionName());
  }

  @Override
  public void onBatch(int input, Batch batch) {
    try (batch;
        BatchBuilder builder =
            new BatchBuilder(spec.schema(), context.allocator(), context.maxRowsPerBatch())) {
      for (int i = 0; i < batch.rowCount(); i++) {
        Row row = batch.row(i);
        try {
          function.apply(row, builder::add);
        } catch (SluiceException e) {
          throw e;
        } catch (Exception e) {
          throw new SluiceException(
              ErrorCode.QUERY_FAILED,
              "user function " + spec.functionName() + " failed on row " + row + ": " + e,
              e);
        }
      }
      for (Batch out : builder.build()) {
        output.emit(out);
      }
    }
  }
}
