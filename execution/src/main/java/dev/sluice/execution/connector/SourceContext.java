package dev.sluice.execution.connector;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.driver.Clock;
import dev.sluice.execution.type.Schema;
import java.util.Optional;

/**
 * What a source is created with.
 *
 * @param options the user's options, already checked against {@link SourceProvider#optionNames()}
 * @param declaredSchema the schema the user declared, if any; a source with a fixed schema fails
 *     naming the difference when it does not match
 * @param clock the query's clock: sources that depend on time (rate) read it, never the system's
 */
public record SourceContext(
    ConnectorOptions options, Optional<Schema> declaredSchema, Clock clock) {
  public SourceContext {
    requireNonNull(options, "options is null");
    requireNonNull(declaredSchema, "declaredSchema is null");
    requireNonNull(clock, "clock is null");
  }
}
