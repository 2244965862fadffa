package dev.sluice.execution.connector;

/** What a {@link SinkWriter} hands its {@link Sink} on commit; each sink defines its own. */
public interface WriterCommitMessage {}
