package dev.sluice.execution.operator;

import dev.sluice.execution.batch.Batch;

/**
 * A physical operator: push-based, single-threaded, one instance per partition.
 *
 * <p><b>Call order.</b> {@link #open} once; then any sequence of {@link #onBatch} and {@link
 * #onWatermark} for each input; then {@link #onEndOfInput} once per input when the micro-batch's
 * input is exhausted; then, after the last micro-batch or a failure, {@link #close} once (also if
 * {@code open} failed). All calls come from one thread at a time.
 *
 * <p><b>Ownership.</b> {@code onBatch} hands the batch over: the operator closes it, or transfers
 * it into its own allocator if it needs to keep it. Batches an operator emits are allocated from
 * {@link OperatorContext#allocator()} and owned by the receiver.
 *
 * <p>The three {@code on*} methods are the three cases of the envelope on every edge ({@link
 * StreamElement}); a new kind of element adds a method here, so no operator can silently drop it.
 */
public interface Operator extends AutoCloseable {
  void open(OperatorContext context, Output output);

  /** A data batch from input {@code input} (0 for single-input operators). */
  void onBatch(int input, Batch batch);

  /** Input {@code input}'s event time will not go below {@code watermarkMillis} any more. */
  void onWatermark(int input, long watermarkMillis);

  /** Input {@code input} has no more data in this micro-batch: flush anything buffered. */
  void onEndOfInput(int input);

  /** Releases everything; never throws for a normal shutdown. */
  @Override
  void close();
}
