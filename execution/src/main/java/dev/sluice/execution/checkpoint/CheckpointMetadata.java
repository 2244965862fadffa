package dev.sluice.execution.checkpoint;

/**
 * Written once, when a query first starts with a checkpoint location.
 *
 * @param queryId the query's id, kept across restarts
 * @param planFingerprint the plan's fingerprint; a restart with another plan is refused
 */
public record CheckpointMetadata(String queryId, String planFingerprint, long createdMillis) {}
