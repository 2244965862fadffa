package dev.sluice.execution.checkpoint;

import java.util.List;

/**
 * Written once, when a query first starts with a checkpoint location.
 *
 * @param queryId the query's id, kept across restarts
 * @param planFingerprint the plan's fingerprint; a restart with another plan is refused
 * @param createdMillis when the query first started
 * @param keyGroups the number of key groups state is split into, fixed for the query's life; 0 in
 *     checkpoints written before state existed (they hold no state)
 * @param plan the plan's {@code PlanDescription} lines, to say what changed when a restart is
 *     refused; null in checkpoints written before it was recorded
 */
public record CheckpointMetadata(
    String queryId, String planFingerprint, long createdMillis, int keyGroups, List<String> plan) {}
