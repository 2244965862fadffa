package dev.sluice.execution.operator;

import dev.sluice.execution.batch.Batch;

/** Where an operator sends what it produces: the next operator, or the sink writer. */
public interface Output {
  /** Hands {@code batch} over; the receiver closes it. */
  void emit(Batch batch);

  void emitWatermark(long watermarkMillis);

  void endOfInput();
}
