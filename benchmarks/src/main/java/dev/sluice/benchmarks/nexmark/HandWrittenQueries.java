package dev.sluice.benchmarks.nexmark;

import dev.sluice.execution.batch.Batch;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;

/**
 * The "hand-written" limits of q0, q1 and q2: what a query costs when the result is computed by a
 * tight loop over the generator's Arrow vectors and nothing else. Each kernel takes one bid batch
 * (columns auction, bidder, price, channel, url, date_time, extra; owned by the caller), produces
 * the query's output vectors the way an engine would hand them to a sink, releases them, and
 * returns the number of output rows.
 *
 * <p>Unchanged columns are passed through by reference (zero copies), as an ideal engine would.
 */
final class HandWrittenQueries {
  static final int AUCTION = 0;
  static final int BIDDER = 1;
  static final int PRICE = 2;
  static final int DATE_TIME = 5;
  static final int EXTRA = 6;

  /** {@code 0.908} as an unscaled value of scale 3. */
  private static final long Q1_FACTOR = 908;

  private static final int DECIMAL_WIDTH = 16;

  /** Consumed so the JIT cannot drop the loops. */
  static volatile long blackhole;

  private HandWrittenQueries() {}

  /** One query's kernel; instances are per thread. */
  interface Kernel {
    long process(Batch bids, BufferAllocator allocator);
  }

  /**
   * @param q1Precision the precision of the engine's type of {@code price * 0.908} (scale 3), so
   *     the hand-written q1 writes exactly the vectors the engine does
   */
  static Kernel kernel(String query, int q1Precision) {
    return switch (query) {
      case "q0", "q0narrow" -> new Q0();
      case "q1", "q1df", "q1narrow" -> new Q1(q1Precision);
      case "q2" -> new Q2();
      default -> throw new IllegalArgumentException("no hand-written variant of " + query);
    };
  }

  /** {@code SELECT auction, bidder, price, date_time, extra FROM bid}: touch and count. */
  static final class Q0 implements Kernel {
    private long touched;

    @Override
    public long process(Batch bids, BufferAllocator allocator) {
      int rows = bids.rowCount();
      touched +=
          bids.vector(AUCTION).getValueCount()
              + bids.vector(BIDDER).getValueCount()
              + bids.vector(PRICE).getValueCount()
              + bids.vector(DATE_TIME).getValueCount()
              + bids.vector(EXTRA).getValueCount();
      blackhole = touched;
      return rows;
    }
  }

  /**
   * {@code SELECT auction, bidder, price * 0.908 AS price, date_time, extra FROM bid}: {@code price
   * * 908} as the unscaled value of a DECIMAL(p, 3) (p as the engine types it), written straight
   * into a 128-bit {@link DecimalVector} (low 8 bytes the value, high 8 bytes its sign), validity
   * copied from price.
   */
  static final class Q1 implements Kernel {
    static final int SCALE = 3;
    private final int precision;
    private long checksum;

    Q1(int precision) {
      this.precision = precision;
    }

    @Override
    public long process(Batch bids, BufferAllocator allocator) {
      int rows = bids.rowCount();
      BigIntVector price = (BigIntVector) bids.vector(PRICE);
      try (DecimalVector out = new DecimalVector("price", allocator, precision, SCALE)) {
        out.allocateNew(rows);
        ArrowBuf in = price.getDataBuffer();
        ArrowBuf data = out.getDataBuffer();
        long sum = 0;
        for (int i = 0; i < rows; i++) {
          long unscaled = Math.multiplyExact(in.getLong((long) i * Long.BYTES), Q1_FACTOR);
          long at = (long) i * DECIMAL_WIDTH;
          data.setLong(at, unscaled);
          data.setLong(at + Long.BYTES, unscaled >> 63);
          sum += unscaled;
        }
        copyValidity(price, out, rows);
        out.setValueCount(rows);
        // The other four output columns are the input's vectors, passed through.
        sum +=
            bids.vector(AUCTION).getValueCount()
                + bids.vector(BIDDER).getValueCount()
                + bids.vector(DATE_TIME).getValueCount()
                + bids.vector(EXTRA).getValueCount();
        checksum += sum;
        blackhole = checksum;
      }
      return rows;
    }
  }

  /**
   * {@code SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0}: one pass over auction,
   * copying the selected auction and price values into new vectors (a NULL auction never matches; a
   * NULL price stays NULL).
   */
  static final class Q2 implements Kernel {
    private long checksum;

    @Override
    public long process(Batch bids, BufferAllocator allocator) {
      int rows = bids.rowCount();
      BigIntVector auction = (BigIntVector) bids.vector(AUCTION);
      BigIntVector price = (BigIntVector) bids.vector(PRICE);
      try (BigIntVector outAuction = new BigIntVector("auction", allocator);
          BigIntVector outPrice = new BigIntVector("price", allocator)) {
        outAuction.allocateNew(rows);
        outPrice.allocateNew(rows);
        ArrowBuf auctions = auction.getDataBuffer();
        ArrowBuf auctionValid = auction.getValidityBuffer();
        ArrowBuf prices = price.getDataBuffer();
        ArrowBuf priceValid = price.getValidityBuffer();
        ArrowBuf outAuctions = outAuction.getDataBuffer();
        ArrowBuf outAuctionValid = outAuction.getValidityBuffer();
        ArrowBuf outPrices = outPrice.getDataBuffer();
        ArrowBuf outPriceValid = outPrice.getValidityBuffer();
        int selected = 0;
        long sum = 0;
        for (int i = 0; i < rows; i++) {
          long a = auctions.getLong((long) i * Long.BYTES);
          if (a % 123 == 0 && isSet(auctionValid, i)) {
            outAuctions.setLong((long) selected * Long.BYTES, a);
            setBit(outAuctionValid, selected);
            if (isSet(priceValid, i)) {
              long p = prices.getLong((long) i * Long.BYTES);
              outPrices.setLong((long) selected * Long.BYTES, p);
              setBit(outPriceValid, selected);
              sum += p;
            }
            selected++;
          }
        }
        outAuction.setValueCount(selected);
        outPrice.setValueCount(selected);
        checksum += sum + selected;
        blackhole = checksum;
        return selected;
      }
    }
  }

  private static boolean isSet(ArrowBuf validity, int index) {
    return (validity.getByte(index >>> 3) & (1 << (index & 7))) != 0;
  }

  private static void setBit(ArrowBuf validity, int index) {
    long at = index >>> 3;
    validity.setByte(at, validity.getByte(at) | (1 << (index & 7)));
  }

  private static void copyValidity(FieldVector from, FieldVector to, int rows) {
    long bytes = (rows + 7) / 8;
    to.getValidityBuffer().setBytes(0, from.getValidityBuffer(), 0, bytes);
  }
}
