package dev.sluice.execution.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.type.Schema;
import java.util.List;

/**
 * Declares event time on its input's rows, which pass through unchanged: column {@code column} (a
 * TIMESTAMP) is the event time, and rows may arrive up to {@code delayMillis} later than the
 * largest event time seen. {@code inputId} names this watermarked input in the checkpoint and in
 * progress reports ({@code watermark-0}, {@code watermark-1}, ... in plan order).
 */
public record WatermarkSpec(PlanSpec input, int column, long delayMillis, String inputId)
    implements PlanSpec {
  public WatermarkSpec {
    requireNonNull(input, "input is null");
    requireNonNull(inputId, "inputId is null");
    if (delayMillis < 0) {
      throw new IllegalArgumentException("delayMillis must not be negative: " + delayMillis);
    }
  }

  @Override
  public Schema schema() {
    return input.schema();
  }

  @Override
  public List<PlanSpec> inputs() {
    return List.of(input);
  }

  @Override
  public PlanSpec withInputs(List<PlanSpec> inputs) {
    return new WatermarkSpec(inputs.get(0), column, delayMillis, inputId);
  }
}
