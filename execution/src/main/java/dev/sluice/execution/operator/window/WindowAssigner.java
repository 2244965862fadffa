package dev.sluice.execution.operator.window;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.plan.WindowAssignSpec;
import dev.sluice.execution.plan.WindowAssignSpec.Kind;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The window arithmetic of a {@link WindowAssignSpec}: which windows contain a timestamp. All
 * windows are half-open, {@code [start, end)}, so a row exactly on a boundary belongs to the window
 * starting there. Alignment uses floor division, so times before 1970 (negative milliseconds) fall
 * into the window that really contains them rather than the one after it.
 */
public final class WindowAssigner {
  private final Kind kind;
  private final long size;
  private final long slide;
  private final long offset;

  public WindowAssigner(Kind kind, long sizeMillis, long slideMillis, long offsetMillis) {
    this.kind = kind;
    this.size = sizeMillis;
    this.slide = slideMillis;
    this.offset = offsetMillis;
  }

  public static WindowAssigner of(WindowAssignSpec spec) {
    return new WindowAssigner(
        spec.kind(), spec.sizeMillis(), spec.slideMillis(), spec.offsetMillis());
  }

  /** The most windows one row can fall into. */
  public int maxWindowsPerRow() {
    return (int) (size / slide);
  }

  /**
   * Writes the windows containing {@code time} into {@code starts} and {@code ends} (each at least
   * {@link #maxWindowsPerRow()} long), in ascending order of end, and returns how many there are.
   *
   * @throws SluiceException {@code NUMERIC_OVERFLOW} if a window bound does not fit in a timestamp
   */
  public int assign(long time, long[] starts, long[] ends) {
    try {
      return switch (kind) {
        case TUMBLE -> {
          starts[0] = alignedStart(time, size);
          ends[0] = Math.addExact(starts[0], size);
          yield 1;
        }
        case HOP -> {
          int count = maxWindowsPerRow();
          long last = alignedStart(time, slide);
          for (int i = 0; i < count; i++) {
            starts[i] = Math.subtractExact(last, Math.multiplyExact(count - 1 - i, slide));
            ends[i] = Math.addExact(starts[i], size);
          }
          yield count;
        }
        case CUMULATE -> {
          long start = alignedStart(time, size);
          long firstStep = Math.floorDiv(time - start, slide) + 1;
          int count = (int) (size / slide - firstStep + 1);
          for (int i = 0; i < count; i++) {
            starts[i] = start;
            ends[i] = Math.addExact(start, Math.multiplyExact(firstStep + i, slide));
          }
          yield count;
        }
      };
    } catch (ArithmeticException e) {
      throw new SluiceException(
          ErrorCode.NUMERIC_OVERFLOW,
          "the "
              + kind
              + " window of "
              + Instant.ofEpochMilli(time).atOffset(ZoneOffset.UTC).toLocalDateTime()
              + " ends beyond the largest TIMESTAMP",
          e);
    }
  }

  /** The latest {@code offset + k * step} at or before {@code time}. */
  private long alignedStart(long time, long step) {
    return Math.addExact(
        Math.multiplyExact(Math.floorDiv(Math.subtractExact(time, offset), step), step), offset);
  }
}
