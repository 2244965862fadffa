package dev.sluice.execution.operator.aggregate;

import dev.sluice.execution.operator.key.ValueCodec;
import dev.sluice.execution.type.SqlType;
import java.util.List;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;

/**
 * The HyperLogLog sketch behind {@code APPROX_COUNT_DISTINCT}, from Apache DataSketches. A group's
 * state is a {@link Union} while it is being updated and a compact HLL_4 image when it is stored or
 * crosses the exchange (16 bytes for a few values, about 2 KB at {@value #LG_K} once it is dense).
 *
 * <p>Values are hashed through their {@link ValueCodec} bytes, so equal values always hash equally
 * whatever their Java class. With 2^{@value #LG_K} buckets the relative standard error is about 1.6
 * %; small cardinalities (up to a few hundred) are counted almost exactly.
 */
final class ApproxDistinct {
  /** log2 of the number of buckets: 4096 buckets, ~1.6 % standard error. */
  static final int LG_K = 12;

  private ApproxDistinct() {}

  static Union empty() {
    return new Union(LG_K);
  }

  static void add(Union sketch, SqlType type, Object value) {
    sketch.update(ValueCodec.encodeKey(List.of(type), new Object[] {value}));
  }

  static void merge(Union sketch, byte[] image) {
    sketch.update(HllSketch.heapify(image));
  }

  static long estimate(Union sketch) {
    return Math.round(sketch.getEstimate());
  }

  static byte[] toBytes(Union sketch) {
    return sketch.getResult(TgtHllType.HLL_4).toCompactByteArray();
  }

  static Union fromBytes(byte[] image) {
    return Union.heapify(image);
  }
}
