package dev.sluice.execution.operator.stateless;

import dev.sluice.execution.operator.Operator;
import dev.sluice.execution.operator.OperatorContext;
import dev.sluice.execution.operator.Output;

/**
 * Base of operators that keep nothing between batches: watermarks and end of input pass straight
 * through, and there is nothing to release beyond what {@link #closeResources()} names.
 */
public abstract class StatelessOperator implements Operator {
  protected OperatorContext context;
  protected Output output;

  @Override
  public void open(OperatorContext context, Output output) {
    this.context = context;
    this.output = output;
  }

  @Override
  public void onWatermark(int input, long watermarkMillis) {
    output.emitWatermark(watermarkMillis);
  }

  @Override
  public void onEndOfInput(int input) {
    output.endOfInput();
  }

  @Override
  public final void close() {
    closeResources();
  }

  /** Releases operator resources; the default has none. */
  protected void closeResources() {}
}
