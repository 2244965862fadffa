package dev.sluice.execution.driver;

import java.time.Duration;

/** A clock that only moves when a test says so; sleepers wake when it passes their deadline. */
public final class ManualClock implements Clock {
  private long now;

  public ManualClock(long startMillis) {
    this.now = startMillis;
  }

  public ManualClock() {
    this(0);
  }

  @Override
  public synchronized long millis() {
    return now;
  }

  public synchronized void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("time cannot go back: " + duration);
    }
    now += duration.toMillis();
    notifyAll();
  }

  /** True when some thread is blocked in {@link #sleepUntil}. */
  public synchronized boolean hasSleepers() {
    return sleepers > 0;
  }

  private int sleepers;

  @Override
  public synchronized void sleepUntil(long deadline) throws InterruptedException {
    sleepers++;
    try {
      while (now < deadline) {
        wait();
      }
    } finally {
      sleepers--;
    }
  }
}
