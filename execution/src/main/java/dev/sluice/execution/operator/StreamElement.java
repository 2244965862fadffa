package dev.sluice.execution.operator;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.batch.Batch;

/**
 * The envelope on every edge of the plan, for code that queues elements (exchanges, tests): a data
 * batch, a watermark, or the end of the input. {@link #deliverTo} maps each case onto the matching
 * {@link Operator} method.
 */
public sealed interface StreamElement {
  void deliverTo(Operator operator, int input);

  record Data(Batch batch) implements StreamElement {
    public Data {
      requireNonNull(batch, "batch is null");
    }

    @Override
    public void deliverTo(Operator operator, int input) {
      operator.onBatch(input, batch);
    }
  }

  record Watermark(long millis) implements StreamElement {
    @Override
    public void deliverTo(Operator operator, int input) {
      operator.onWatermark(input, millis);
    }
  }

  record EndOfInput() implements StreamElement {
    @Override
    public void deliverTo(Operator operator, int input) {
      operator.onEndOfInput(input);
    }
  }
}
