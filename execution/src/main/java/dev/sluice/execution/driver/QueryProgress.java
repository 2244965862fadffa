package dev.sluice.execution.driver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Map;

/**
 * What one micro-batch did. {@link #toString()} is indented JSON, like Spark's progress.
 *
 * @param stateOperators the state of each stateful operator after the batch
 * @param durationMs time per phase: {@code latestOffset} (asking sources), {@code walCommit}
 *     (writing the offset log), {@code addBatch} (running the plan and writing the sink), {@code
 *     commitOffsets} (the commit log), {@code triggerExecution} (all of it)
 */
public record QueryProgress(
    String id,
    String runId,
    String name,
    long timestampMillis,
    long batchId,
    long numInputRows,
    double inputRowsPerSecond,
    double processedRowsPerSecond,
    Map<String, Long> durationMs,
    List<SourceProgress> sources,
    SinkProgress sink,
    List<StateOperatorProgress> stateOperators,
    EventTimeProgress eventTime) {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public QueryProgress {
    durationMs = Map.copyOf(durationMs);
    sources = List.copyOf(sources);
    stateOperators = List.copyOf(stateOperators);
  }

  /** One source's share of a batch. Offsets are per partition. */
  public record SourceProgress(
      String description, List<Long> startOffset, List<Long> endOffset, long numInputRows) {}

  public record SinkProgress(String description, long numOutputRows) {}

  /**
   * Event time after the batch: the query's watermark (what the next batch runs with; null before
   * any event or without a declared watermark); per watermarked input ({@code watermark-0}, ...),
   * the largest event time seen and the input's own watermark (epoch milliseconds); and per
   * stateful operator, the rows this batch dropped as late (operators that dropped none are
   * absent).
   */
  public record EventTimeProgress(
      Long watermarkMillis, Map<String, InputEventTime> inputs, Map<String, Long> lateRows) {
    public EventTimeProgress {
      inputs = Map.copyOf(inputs);
      lateRows = Map.copyOf(lateRows);
    }
  }

  public record InputEventTime(long maxEventTimeMillis, long watermarkMillis) {}

  /**
   * One stateful operator's state after the batch, summed over its key groups: keys held, bytes in
   * memory, bytes the batch's commit wrote, and the time its stores spent committing.
   */
  public record StateOperatorProgress(
      String operatorId, long numKeys, long memoryBytes, long bytesWritten, long commitMillis) {}

  @Override
  public String toString() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
