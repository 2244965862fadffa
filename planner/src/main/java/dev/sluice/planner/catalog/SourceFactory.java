package dev.sluice.planner.catalog;

import dev.sluice.execution.connector.Source;
import dev.sluice.execution.driver.Clock;
import java.util.Optional;

/**
 * Makes the source instance a query reads. Connector streams make a fresh instance per query (a
 * rate source starts counting when its query starts); a memory stream hands out itself, so rows
 * added to it reach every query.
 */
public interface SourceFactory {
  Source create(Clock clock);

  /** The one source every query reads, when the factory hands out the same instance each time. */
  default Optional<Source> shared() {
    return Optional.empty();
  }

  /** Stable text for the plan fingerprint, e.g. {@code nexmark(table=bid)}. */
  String description();
}
