package dev.sluice.sources.nexmark;

/**
 * A fast pseudo-random generator (SplitMix64) that is reset before each event, so that the values
 * of event {@code n} depend only on the seed and {@code n}: never on the reader, the partition
 * count or what was generated before. Not thread-safe; each reader owns one.
 */
final class EventRandom {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private final long seedHash;
  private long state;

  EventRandom(long seed) {
    this.seedHash = mix(seed);
  }

  /** Starts the sequence of event {@code eventNumber}. */
  void reset(long eventNumber) {
    state = mix(eventNumber * GOLDEN_GAMMA ^ seedHash);
  }

  long nextLong() {
    state += GOLDEN_GAMMA;
    return mix(state);
  }

  /** Uniform in {@code [0, bound)} (multiply-shift; the bias is below 2^-32), bound >= 1. */
  int nextInt(int bound) {
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** In {@code [0, bound)}, bound >= 1. */
  long nextLong(long bound) {
    return (nextLong() >>> 1) % bound;
  }

  /** Uniform in {@code [0, 1)}. */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
