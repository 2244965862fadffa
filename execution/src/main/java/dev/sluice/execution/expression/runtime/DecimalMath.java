package dev.sluice.execution.expression.runtime;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * DECIMAL arithmetic for kernels. A DECIMAL(p, s) is stored as Arrow's 128-bit decimal; inside a
 * kernel it is an unscaled {@code long} when p <= 18 ("compact") and a {@link BigDecimal}
 * otherwise. Compact operations are exact: they fail with NUMERIC_OVERFLOW rather than wrap, and
 * round HALF_UP when a result has fewer fractional digits than the exact value.
 */
public final class DecimalMath {
  private static final long[] POWERS_OF_TEN = new long[19];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }
  }

  private DecimalMath() {}

  /** Rescales an unscaled value from scale {@code from} to scale {@code to}, rounding HALF_UP. */
  public static long rescale(long unscaled, int from, int to) {
    if (from == to) {
      return unscaled;
    }
    if (to > from) {
      return Arithmetic.multiply(unscaled, POWERS_OF_TEN[to - from]);
    }
    long divisor = POWERS_OF_TEN[from - to];
    long quotient = unscaled / divisor;
    long remainder = unscaled % divisor;
    if (Math.abs(remainder) * 2 >= divisor) {
      quotient += unscaled < 0 ? -1 : 1;
    }
    return quotient;
  }

  /** Fails unless {@code unscaled} has at most {@code precision} digits. */
  public static long checkPrecision(long unscaled, int precision) {
    if (precision < 19
        && (unscaled >= POWERS_OF_TEN[precision] || unscaled <= -POWERS_OF_TEN[precision])) {
      throw Arithmetic.overflow(unscaled + " has more than " + precision + " digits");
    }
    return unscaled;
  }

  public static BigDecimal checkPrecision(BigDecimal value, int precision, int scale) {
    BigDecimal scaled = value.setScale(scale, RoundingMode.HALF_UP);
    if (scaled.precision() - scaled.scale() > precision - scale) {
      throw Arithmetic.overflow(
          value + " does not fit in DECIMAL(" + precision + ", " + scale + ")");
    }
    return scaled;
  }

  public static long add(long a, int sa, long b, int sb, int scale, int precision) {
    return checkPrecision(Arithmetic.add(rescale(a, sa, scale), rescale(b, sb, scale)), precision);
  }

  public static long subtract(long a, int sa, long b, int sb, int scale, int precision) {
    return checkPrecision(
        Arithmetic.subtract(rescale(a, sa, scale), rescale(b, sb, scale)), precision);
  }

  public static long multiply(long a, int sa, long b, int sb, int scale, int precision) {
    return checkPrecision(rescale(Arithmetic.multiply(a, b), sa + sb, scale), precision);
  }

  public static BigDecimal toBig(long unscaled, int scale) {
    return BigDecimal.valueOf(unscaled, scale);
  }

  /** The unscaled long of {@code value} at {@code scale}, failing if it does not fit. */
  public static long toCompact(BigDecimal value, int scale, int precision) {
    BigInteger unscaled = value.setScale(scale, RoundingMode.HALF_UP).unscaledValue();
    if (unscaled.bitLength() > 63) {
      throw Arithmetic.overflow(
          value + " does not fit in DECIMAL(" + precision + ", " + scale + ")");
    }
    return checkPrecision(unscaled.longValue(), precision);
  }

  public static BigDecimal add(BigDecimal a, BigDecimal b, int scale, int precision) {
    return checkPrecision(a.add(b), precision, scale);
  }

  public static BigDecimal subtract(BigDecimal a, BigDecimal b, int scale, int precision) {
    return checkPrecision(a.subtract(b), precision, scale);
  }

  public static BigDecimal multiply(BigDecimal a, BigDecimal b, int scale, int precision) {
    return checkPrecision(a.multiply(b), precision, scale);
  }

  public static BigDecimal divide(BigDecimal a, BigDecimal b, int scale, int precision) {
    if (b.signum() == 0) {
      throw Arithmetic.divisionByZero();
    }
    return checkPrecision(a.divide(b, scale, RoundingMode.HALF_UP), precision, scale);
  }

  public static BigDecimal mod(BigDecimal a, BigDecimal b, int scale, int precision) {
    if (b.signum() == 0) {
      throw Arithmetic.divisionByZero();
    }
    return checkPrecision(a.remainder(b), precision, scale);
  }

  public static double toDouble(long unscaled, int scale) {
    return scale == 0 ? unscaled : unscaled / Math.pow(10, scale);
  }

  /** Compares two unscaled values of different scales without overflowing. */
  public static int compare(long a, int sa, long b, int sb) {
    if (sa == sb) {
      return Long.compare(a, b);
    }
    return BigDecimal.valueOf(a, sa).compareTo(BigDecimal.valueOf(b, sb));
  }
}
