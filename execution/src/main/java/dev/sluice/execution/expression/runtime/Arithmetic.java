package dev.sluice.execution.expression.runtime;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Integer arithmetic with SQL's errors instead of Java's silent wrap-around. */
public final class Arithmetic {
  private Arithmetic() {}

  public static long add(long a, long b) {
    long r = a + b;
    if (((a ^ r) & (b ^ r)) < 0) {
      throw overflow(a + " + " + b);
    }
    return r;
  }

  public static long subtract(long a, long b) {
    long r = a - b;
    if (((a ^ b) & (a ^ r)) < 0) {
      throw overflow(a + " - " + b);
    }
    return r;
  }

  public static long multiply(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
      return low;
    }
    throw overflow(a + " * " + b);
  }

  public static long divide(long a, long b) {
    if (b == 0) {
      throw divisionByZero();
    }
    if (a == Long.MIN_VALUE && b == -1) {
      throw overflow(a + " / " + b);
    }
    return a / b;
  }

  public static long mod(long a, long b) {
    if (b == 0) {
      throw divisionByZero();
    }
    return a % b;
  }

  public static long negate(long a) {
    if (a == Long.MIN_VALUE) {
      throw overflow("-(" + a + ")");
    }
    return -a;
  }

  /**
   * An interval's count (milliseconds or months) times {@code factor}, rounded HALF_UP to a whole
   * count: {@code INTERVAL '1' HOUR * 1.5} is 5,400,000 ms.
   */
  public static long multiplyCount(long count, BigDecimal factor) {
    return toCount(BigDecimal.valueOf(count).multiply(factor), count + " * " + factor);
  }

  /** An interval's count divided by {@code divisor}, rounded HALF_UP to a whole count. */
  public static long divideCount(long count, BigDecimal divisor) {
    if (divisor.signum() == 0) {
      throw divisionByZero();
    }
    return toCount(
        BigDecimal.valueOf(count).divide(divisor, 0, RoundingMode.HALF_UP),
        count + " / " + divisor);
  }

  /**
   * A DOUBLE factor of an interval as the decimal it prints as ({@code 0.1}, not
   * 0.1000000000000000055...).
   */
  public static BigDecimal exactFactor(double factor) {
    if (!Double.isFinite(factor)) {
      throw new SluiceException(
          ErrorCode.INVALID_ARGUMENT, "an interval cannot be scaled by " + factor);
    }
    return BigDecimal.valueOf(factor);
  }

  private static long toCount(BigDecimal exact, String what) {
    BigDecimal rounded = exact.setScale(0, RoundingMode.HALF_UP);
    if (rounded.unscaledValue().bitLength() > 63) {
      throw overflow(what);
    }
    return rounded.longValue();
  }

  /** Narrows a long to the integral type of {@code typeName} with a range check. */
  public static int toInt(long value, String typeName) {
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw overflow(value + " does not fit in " + typeName);
    }
    return (int) value;
  }

  public static short toShort(long value, String typeName) {
    if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
      throw overflow(value + " does not fit in " + typeName);
    }
    return (short) value;
  }

  public static byte toByte(long value, String typeName) {
    if (value < Byte.MIN_VALUE || value > Byte.MAX_VALUE) {
      throw overflow(value + " does not fit in " + typeName);
    }
    return (byte) value;
  }

  static SluiceException overflow(String what) {
    return new SluiceException(ErrorCode.NUMERIC_OVERFLOW, "numeric overflow: " + what);
  }

  static SluiceException divisionByZero() {
    return new SluiceException(ErrorCode.DIVISION_BY_ZERO, "division by zero");
  }
}
