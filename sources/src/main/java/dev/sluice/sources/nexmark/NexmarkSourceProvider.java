package dev.sluice.sources.nexmark;

import dev.sluice.execution.connector.Source;
import dev.sluice.execution.connector.SourceContext;
import dev.sluice.execution.connector.SourceProvider;
import dev.sluice.execution.error.SluiceException;
import java.util.Set;

/**
 * The {@code nexmark} source: a deterministic Nexmark event generator (see {@link NexmarkSource}).
 *
 * <p>Options: {@code table} ({@code bid} (default), {@code auction} or {@code person}), {@code
 * partitions} (default 1), {@code eventsPerSecond} (0, the default, is unthrottled), {@code
 * maxEvents} (0, the default, is unlimited), {@code firstEventRate} (events per second of event
 * time, default 10 000), {@code seed} (default 0) and {@code baseTime} (the event time of the first
 * event: epoch milliseconds or a UTC timestamp such as {@code 2024-01-01T00:00:00}, the default). A
 * declared schema may name a subset of the table's columns, in any order.
 */
public final class NexmarkSourceProvider implements SourceProvider {
  @Override
  public String name() {
    return "nexmark";
  }

  @Override
  public Set<String> optionNames() {
    return NexmarkOptions.NAMES;
  }

  /**
   * @throws SluiceException INVALID_OPTION for a bad option; UNKNOWN_COLUMN, TYPE_MISMATCH or
   *     DUPLICATE_OBJECT when the declared schema does not fit the table
   */
  @Override
  public Source create(SourceContext context) {
    NexmarkOptions options = NexmarkOptions.from(context.options());
    DeclaredColumns columns = DeclaredColumns.resolve(options.table(), context.declaredSchema());
    return new NexmarkSource(options, columns, context.clock());
  }
}
