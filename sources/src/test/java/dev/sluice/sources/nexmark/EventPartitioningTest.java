package dev.sluice.sources.nexmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class EventPartitioningTest {
  @Test
  void thePartitionsOfTheFirstEventsHoldExactlyThoseEvents() {
    for (int partitions : new int[] {1, 2, 3, 7, 50}) {
      EventPartitioning partitioning = new EventPartitioning(partitions);
      for (long total : new long[] {0, 1, 49, 50, 51, 149, 1234, 5000}) {
        List<Long> events = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
          long previous = -1;
          for (long k = 0; k < partitioning.offsetBelow(p, total); k++) {
            long event = partitioning.eventNumber(p, k);
            assertThat(event).isGreaterThan(previous);
            previous = event;
            events.add(event);
          }
        }
        Collections.sort(events);
        assertThat(events)
            .as("%d partitions, %d events", partitions, total)
            .isEqualTo(LongStream.range(0, total).boxed().toList());
      }
    }
  }

  @Test
  void everyPartitionGetsWholeBlocksOfTheMix() {
    EventPartitioning partitioning = new EventPartitioning(2);

    assertThat(partitioning.eventNumber(0, 49)).isEqualTo(49);
    assertThat(partitioning.eventNumber(0, 50)).isEqualTo(100);
    assertThat(partitioning.eventNumber(1, 0)).isEqualTo(50);
    assertThat(partitioning.offsetBelow(0, 120)).isEqualTo(70);
    assertThat(partitioning.offsetBelow(1, 120)).isEqualTo(50);
  }
}
