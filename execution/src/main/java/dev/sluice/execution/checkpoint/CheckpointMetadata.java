package dev.sluice.execution.checkpoint;

/**
 * Written once, when a query first starts with a checkpoint location.
 *
 * @param queryId the query's id, kept across restarts
 * @param planFingerprint the plan's fingerprint; a restart with another plan is refused
 * @param keyGroups the number of key groups state is split into, fixed for the query's life; 0 in
 *     checkpoints written before state existed (they hold no state)
 */
public record CheckpointMetadata(
    String queryId, String planFingerprint, long createdMillis, int keyGroups) {}
