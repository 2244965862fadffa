package dev.sluice.execution.driver;

/** What a query is doing right now. */
public record QueryStatus(String message, boolean isDataAvailable, boolean isTriggerActive) {}
