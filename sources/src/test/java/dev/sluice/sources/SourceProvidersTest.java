package dev.sluice.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.execution.connector.Connectors;
import dev.sluice.sources.memory.MemorySourceProvider;
import dev.sluice.sources.nexmark.NexmarkSourceProvider;
import dev.sluice.sources.rate.RateSourceProvider;
import org.junit.jupiter.api.Test;

class SourceProvidersTest {
  @Test
  void providersAreFoundByName() {
    Connectors connectors = Connectors.load(getClass().getClassLoader());

    assertThat(connectors.source("memory")).isInstanceOf(MemorySourceProvider.class);
    assertThat(connectors.source("RATE")).isInstanceOf(RateSourceProvider.class);
    assertThat(connectors.source("nexmark")).isInstanceOf(NexmarkSourceProvider.class);
  }
}
