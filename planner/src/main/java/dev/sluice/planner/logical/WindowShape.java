package dev.sluice.planner.logical;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.plan.WindowAssignSpec.Kind;
import java.util.function.UnaryOperator;

/**
 * The arguments of a window table function, in milliseconds, checked the same way for SQL and for
 * the DataFrame API. {@code slideMillis} is HOP's slide, CUMULATE's step, and the size for TUMBLE.
 */
public record WindowShape(Kind kind, long sizeMillis, long slideMillis, long offsetMillis) {
  public WindowShape {
    requireNonNull(kind, "kind is null");
  }

  /**
   * The shape, after checking that the size and the slide (step) are positive and that the size is
   * a whole multiple of the slide (step).
   *
   * @param where the position of an argument ({@code "size"}, {@code "slide"}, {@code "step"}) as
   *     text to append to a message, e.g. {@code " (line 1, column 52)"}
   * @throws SluiceException {@code INVALID_ARGUMENT} naming the argument and what would work
   */
  public static WindowShape checked(
      Kind kind,
      long sizeMillis,
      long slideMillis,
      long offsetMillis,
      UnaryOperator<String> where) {
    checkPositive(kind, "size", sizeMillis, where);
    if (kind == Kind.TUMBLE) {
      return new WindowShape(kind, sizeMillis, sizeMillis, offsetMillis);
    }
    String slide = slideName(kind);
    checkPositive(kind, slide, slideMillis, where);
    if (sizeMillis % slideMillis != 0) {
      String why =
          kind == Kind.HOP
              ? "a hopping window is made of slide-long panes"
              : "a cumulating window grows step by step up to its size";
      throw new SluiceException(
          ErrorCode.INVALID_ARGUMENT,
          "the size of "
              + kind
              + " ("
              + sizeMillis
              + " ms) must be a whole multiple of its "
              + slide
              + " ("
              + slideMillis
              + " ms)"
              + where.apply(slide)
              + ", because "
              + why
              + "; use a "
              + slide
              + " that divides the size, e.g. "
              + gcd(sizeMillis, slideMillis)
              + " ms");
    }
    return new WindowShape(kind, sizeMillis, slideMillis, offsetMillis);
  }

  /** What the second duration is called: HOP's slide, CUMULATE's step. */
  public static String slideName(Kind kind) {
    return kind == Kind.CUMULATE ? "step" : "slide";
  }

  private static void checkPositive(
      Kind kind, String argument, long millis, UnaryOperator<String> where) {
    if (millis <= 0) {
      throw new SluiceException(
          ErrorCode.INVALID_ARGUMENT,
          "the "
              + argument
              + " of "
              + kind
              + " must be a positive duration (at least 1 ms), not "
              + millis
              + " ms"
              + where.apply(argument));
    }
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
