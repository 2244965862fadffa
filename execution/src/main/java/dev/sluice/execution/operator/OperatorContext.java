package dev.sluice.execution.operator;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.eventtime.EventTimeStats;
import dev.sluice.execution.expression.UserFunctions;
import dev.sluice.execution.operator.join.StaticTables;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What an operator instance gets from the task that runs it.
 *
 * @param name the operator's name in logs and errors, e.g. {@code Calc#2[p0]}
 * @param allocator the operator's own child allocator; closed by the task after {@code close()},
 *     which fails if the operator leaked a buffer
 * @param maxRowsPerBatch the bound on the rows of any batch the operator emits
 * @param functions the user functions the plan names
 * @param state the state of stateful operators; null in stages without state
 * @param eventTime where watermark operators record the batch's largest event times; null when
 *     nothing tracks event time (one-off queries)
 * @param watermarks the watermarks of this batch and the batches before it, newest first (see
 *     {@code BatchTime}); empty when there is none
 * @param staticTables the query's built static join sides; null when the plan has no such join
 */
public record OperatorContext(
    String name,
    BufferAllocator allocator,
    int maxRowsPerBatch,
    UserFunctions functions,
    StateContext state,
    EventTimeStats eventTime,
    List<Long> watermarks,
    StaticTables staticTables) {
  public OperatorContext {
    requireNonNull(name, "name is null");
    watermarks = List.copyOf(requireNonNull(watermarks, "watermarks is null"));
    requireNonNull(allocator, "allocator is null");
    requireNonNull(functions, "functions is null");
    if (maxRowsPerBatch < 1) {
      throw new IllegalArgumentException("maxRowsPerBatch must be positive: " + maxRowsPerBatch);
    }
  }

  /** A context without event-time tracking. */
  public OperatorContext(
      String name,
      BufferAllocator allocator,
      int maxRowsPerBatch,
      UserFunctions functions,
      StateContext state) {
    this(name, allocator, maxRowsPerBatch, functions, state, null, List.of(), null);
  }

  /**
   * The watermark a window-closing operator at chain depth {@code depth} closes by: that of the
   * batch {@code depth} batches back ({@link Long#MIN_VALUE} if there is none).
   */
  public long watermarkAtDepth(int depth) {
    return depth < watermarks.size() ? watermarks.get(depth) : Long.MIN_VALUE;
  }
}
