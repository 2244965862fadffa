package dev.sluice.execution.driver;

/** Wall-clock time. */
enum SystemClock implements Clock {
  INSTANCE;

  @Override
  public long millis() {
    return System.currentTimeMillis();
  }

  @Override
  public void sleepUntil(long deadline) throws InterruptedException {
    long wait;
    while ((wait = deadline - millis()) > 0) {
      Thread.sleep(wait);
    }
  }
}
