package dev.sluice.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.execution.connector.Connectors;
import dev.sluice.sinks.console.ConsoleSinkProvider;
import dev.sluice.sinks.foreachbatch.ForeachBatchSinkProvider;
import dev.sluice.sinks.memory.MemorySinkProvider;
import org.junit.jupiter.api.Test;

class SinkProvidersTest {
  @Test
  void providersAreFoundByName() {
    Connectors connectors = Connectors.load(getClass().getClassLoader());

    assertThat(connectors.sink("console")).isInstanceOf(ConsoleSinkProvider.class);
    assertThat(connectors.sink("memory")).isInstanceOf(MemorySinkProvider.class);
    assertThat(connectors.sink("foreachBatch")).isInstanceOf(ForeachBatchSinkProvider.class);
  }
}
