package dev.sluice.execution.checkpoint;

/** Written after batch {@code batchId}'s output is committed to the sink. */
public record CommitLogEntry(long batchId, long timestampMillis) {}
