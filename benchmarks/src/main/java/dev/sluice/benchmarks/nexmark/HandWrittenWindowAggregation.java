package dev.sluice.benchmarks.nexmark;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.connector.PartitionReader;
import dev.sluice.execution.connector.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.TimeStampMilliVector;

/**
 * The hand-written limit of the window queries of {@link WindowRuns} in append mode: the engine's
 * plan (partial aggregation per chunk, an exchange by key, a merge into state, windows emitted and
 * evicted once the watermark passes their end) written with primitive maps over the generator's
 * Arrow vectors: no boxing per row, no row objects, no key encoding, no checkpoint.
 *
 * <p><b>Watermark</b>, as the engine's: batch b runs with the largest {@code date_time} read in
 * batches 0 to b − 1 minus the delay (none in batch 0); a row's window is late, and dropped, when
 * it ends at or before that watermark, and at the end of batch b every window that ends at or
 * before it is emitted and evicted.
 *
 * <p><b>Per batch:</b>
 *
 * <ol>
 *   <li>Phase 1, one thread per source partition: read the partition's range in chunks; fold each
 *       chunk into a small {@link LongCombineMap} keyed by (pane, auction) — a pane is one {@code
 *       slide} of event time, the whole window for TUMBLE — holding the count or the highest price;
 *       then add each entry to each of the {@code size / slide} windows its pane belongs to, in the
 *       outbox of the (window, auction)'s shard. So HOP copies partial aggregates, not rows: the
 *       pane trick issue 4 asks the engine for, applied to the partial stage.
 *   <li>Phase 2, one thread per state shard: merge every partition's outbox for the shard into the
 *       shard's state (window start → {@link LongCombineMap} of auction → value), then emit and
 *       evict the closed windows as Arrow vectors of at most {@code chunk} rows (window_start,
 *       window_end, [auction,] value), released at once; their values are summed for the checksum.
 *       For {@link WindowRuns.Shape#maxOfCounts} a closed window yields its highest count instead,
 *       and {@link HandWrittenWindowMax} combines the shards' and emits them one batch later.
 * </ol>
 */
final class HandWrittenWindowAggregation {
  private static final int AUCTION = 0;
  private static final int PRICE = 2;
  private static final int DATE_TIME = 5;

  /** What a run produced: rows and per-output-column sums (timestamps as epoch ms). */
  record Result(long outputRows, long[] checksum) {}

  private HandWrittenWindowAggregation() {}

  /**
   * Runs {@code batchEnds.length} batches: batch b reads offsets {@code [batchEnds[b - 1][p],
   * batchEnds[b][p])} of every partition p (from 0 for b = 0).
   */
  static Result run(
      Source source,
      long[][] batchEnds,
      WindowRuns.Shape shape,
      long delayMillis,
      int chunk,
      BufferAllocator root,
      ExecutorService pool)
      throws InterruptedException, ExecutionException {
    int partitions = source.partitionCount();
    int shards = partitions;
    int columns = shape.perAuction && !shape.maxOfCounts ? 4 : 3;
    HandWrittenAggregation.LongTriples[][] outbox =
        new HandWrittenAggregation.LongTriples[partitions][shards];
    List<TreeMap<Long, LongCombineMap>> state = new ArrayList<>();
    long[][] checksums = new long[shards][columns];
    long[] outputRows = new long[shards];
    long[] partitionMaxTime = new long[partitions];
    for (int p = 0; p < partitions; p++) {
      partitionMaxTime[p] = Long.MIN_VALUE;
      for (int s = 0; s < shards; s++) {
        outbox[p][s] = new HandWrittenAggregation.LongTriples();
      }
    }
    LongCombineMap[] closedMaxima = new LongCombineMap[shards];
    for (int s = 0; s < shards; s++) {
      state.add(new TreeMap<>());
      closedMaxima[s] = new LongCombineMap(16, true);
    }
    HandWrittenWindowMax maxOfCounts = new HandWrittenWindowMax(shape.sizeMillis);
    long maxTime = Long.MIN_VALUE;
    long[] start = new long[partitions];
    for (long[] end : batchEnds) {
      long watermark = maxTime == Long.MIN_VALUE ? Long.MIN_VALUE : maxTime - delayMillis;
      List<Callable<Void>> readers = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        int partition = p;
        long from = start[p];
        long to = end[p];
        readers.add(
            () -> {
              for (HandWrittenAggregation.LongTriples box : outbox[partition]) {
                box.clear();
              }
              if (to > from) {
                long seen =
                    aggregateRange(
                        source, partition, from, to, shape, watermark, chunk, root, outbox);
                partitionMaxTime[partition] = Math.max(partitionMaxTime[partition], seen);
              }
              return null;
            });
      }
      HandWrittenAggregation.runAll(pool, readers);
      List<Callable<Void>> mergers = new ArrayList<>();
      for (int s = 0; s < shards; s++) {
        int shard = s;
        mergers.add(
            () -> {
              TreeMap<Long, LongCombineMap> windows = state.get(shard);
              for (HandWrittenAggregation.LongTriples[] boxes : outbox) {
                mergeInto(windows, boxes[shard], shape.perAuction);
              }
              if (shape.maxOfCounts) {
                closedMaxima[shard].clear();
                maximaOfClosed(windows, shape.sizeMillis, watermark, closedMaxima[shard]);
              } else {
                outputRows[shard] +=
                    emitClosed(
                        windows,
                        shape.sizeMillis,
                        shape.perAuction,
                        watermark,
                        chunk,
                        root,
                        checksums[shard]);
              }
              return null;
            });
      }
      HandWrittenAggregation.runAll(pool, mergers);
      if (shape.maxOfCounts) {
        for (LongCombineMap maxima : closedMaxima) {
          maxOfCounts.add(maxima);
        }
        maxOfCounts.endBatch(watermark, chunk, root);
      }
      for (long seen : partitionMaxTime) {
        maxTime = Math.max(maxTime, seen);
      }
      start = end;
    }
    if (shape.maxOfCounts) {
      return maxOfCounts.result();
    }
    long rows = 0;
    long[] checksum = new long[columns];
    for (int s = 0; s < shards; s++) {
      rows += outputRows[s];
      for (int c = 0; c < columns; c++) {
        checksum[c] += checksums[s][c];
      }
    }
    return new Result(rows, checksum);
  }

  /**
   * Folds one partition's range into the outboxes as (window start, auction, value) triples;
   * returns the largest event time read.
   */
  private static long aggregateRange(
      Source source,
      int partition,
      long from,
      long to,
      WindowRuns.Shape shape,
      long watermark,
      int chunk,
      BufferAllocator root,
      HandWrittenAggregation.LongTriples[][] outbox) {
    HandWrittenAggregation.LongTriples[] mine = outbox[partition];
    int shards = mine.length;
    boolean perAuction = shape.perAuction;
    long slide = shape.slideMillis;
    long size = shape.sizeMillis;
    int windowsPerPane = (int) (size / slide);
    long maxTime = Long.MIN_VALUE;
    LongCombineMap partial = new LongCombineMap(Math.min(chunk, 1 << 16), !perAuction);
    try (BufferAllocator allocator =
            root.newChildAllocator("hand-window-reader-" + partition, 0, Long.MAX_VALUE);
        PartitionReader reader = source.createReader(partition, from, to, chunk, allocator)) {
      for (Batch next = reader.next(); next != null; next = reader.next()) {
        try (Batch batch = next) {
          int rows = batch.rowCount();
          BigIntVector auction = (BigIntVector) batch.vector(AUCTION);
          BigIntVector price = (BigIntVector) batch.vector(PRICE);
          TimeStampMilliVector dateTime = (TimeStampMilliVector) batch.vector(DATE_TIME);
          if (auction.getNullCount() != 0
              || price.getNullCount() != 0
              || dateTime.getNullCount() != 0) {
            // The generator never writes NULLs; the loop below relies on it.
            throw new IllegalStateException("nexmark bid batch with a NULL auction, price or time");
          }
          ArrowBuf auctions = auction.getDataBuffer();
          ArrowBuf prices = price.getDataBuffer();
          ArrowBuf times = dateTime.getDataBuffer();
          partial.clear();
          for (int i = 0; i < rows; i++) {
            long at = (long) i * Long.BYTES;
            long time = times.getLong(at);
            maxTime = Math.max(maxTime, time);
            long pane = Math.floorDiv(time, slide);
            if (perAuction) {
              partial.add(paneAndAuction(pane, auctions.getLong(at)), 1);
            } else {
              partial.add(pane, prices.getLong(at));
            }
          }
          for (int e = 0, n = partial.size(); e < n; e++) {
            long key = partial.keyAt(e);
            long value = partial.valueAt(e);
            long pane = perAuction ? key >> 32 : key;
            long auctionId = perAuction ? key & 0xFFFF_FFFFL : 0;
            for (int k = 0; k < windowsPerPane; k++) {
              long windowStart = (pane - k) * slide;
              if (windowStart + size > watermark) {
                mine[HandWrittenAggregation.shardOf(windowStart * 31 + auctionId, shards)].add(
                    windowStart, auctionId, value);
              }
            }
          }
        }
      }
    }
    return maxTime;
  }

  private static long paneAndAuction(long pane, long auction) {
    if (auction < 0 || auction > 0xFFFF_FFFFL || pane < 0 || pane > Integer.MAX_VALUE) {
      throw new IllegalStateException("pane " + pane + " or auction " + auction + " out of range");
    }
    return pane << 32 | auction;
  }

  private static void mergeInto(
      TreeMap<Long, LongCombineMap> windows,
      HandWrittenAggregation.LongTriples box,
      boolean perAuction) {
    long[] values = box.values;
    long lastStart = Long.MIN_VALUE;
    LongCombineMap groups = null;
    for (int i = 0, n = box.size * 3; i < n; i += 3) {
      long windowStart = values[i];
      if (groups == null || windowStart != lastStart) {
        groups =
            windows.computeIfAbsent(
                windowStart, w -> new LongCombineMap(perAuction ? 1024 : 16, !perAuction));
        lastStart = windowStart;
      }
      groups.add(values[i + 1], values[i + 2]);
    }
  }

  /**
   * Evicts the windows that end at or before {@code watermark}, adding each one's highest value to
   * {@code maxima} under its start.
   */
  private static void maximaOfClosed(
      TreeMap<Long, LongCombineMap> windows,
      long sizeMillis,
      long watermark,
      LongCombineMap maxima) {
    while (!windows.isEmpty() && windows.firstKey() + sizeMillis <= watermark) {
      Map.Entry<Long, LongCombineMap> closed = windows.pollFirstEntry();
      LongCombineMap groups = closed.getValue();
      for (int i = 0, n = groups.size(); i < n; i++) {
        maxima.add(closed.getKey(), groups.valueAt(i));
      }
    }
  }

  /**
   * Emits and evicts the windows that end at or before {@code watermark}, summing the output's
   * columns into {@code checksum}; returns the rows emitted.
   *
   * @param withAuction the groups are auctions, output as a column; else one group per window
   */
  static long emitClosed(
      TreeMap<Long, LongCombineMap> windows,
      long sizeMillis,
      boolean withAuction,
      long watermark,
      int chunk,
      BufferAllocator allocator,
      long[] checksum) {
    long rows = 0;
    while (!windows.isEmpty() && windows.firstKey() + sizeMillis <= watermark) {
      Map.Entry<Long, LongCombineMap> closed = windows.pollFirstEntry();
      rows +=
          emitWindow(
              closed.getKey(),
              closed.getValue(),
              sizeMillis,
              withAuction,
              chunk,
              allocator,
              checksum);
    }
    return rows;
  }

  private static long emitWindow(
      long windowStart,
      LongCombineMap groups,
      long sizeMillis,
      boolean withAuction,
      int chunk,
      BufferAllocator allocator,
      long[] checksum) {
    long windowEnd = windowStart + sizeMillis;
    int total = groups.size();
    for (int first = 0; first < total; first += chunk) {
      int rows = Math.min(chunk, total - first);
      try (TimeStampMilliVector starts = new TimeStampMilliVector("window_start", allocator);
          TimeStampMilliVector ends = new TimeStampMilliVector("window_end", allocator);
          BigIntVector auctions = new BigIntVector("auction", allocator);
          BigIntVector values = new BigIntVector(withAuction ? "bids" : "value", allocator)) {
        List<BaseFixedWidthVector> out =
            withAuction ? List.of(starts, ends, auctions, values) : List.of(starts, ends, values);
        for (BaseFixedWidthVector vector : out) {
          vector.allocateNew(rows);
        }
        ArrowBuf s = starts.getDataBuffer();
        ArrowBuf e = ends.getDataBuffer();
        ArrowBuf a = auctions.getDataBuffer();
        ArrowBuf v = values.getDataBuffer();
        long auctionSum = 0;
        long valueSum = 0;
        for (int r = 0; r < rows; r++) {
          long at = (long) r * Long.BYTES;
          long auction = groups.keyAt(first + r);
          long value = groups.valueAt(first + r);
          s.setLong(at, windowStart);
          e.setLong(at, windowEnd);
          if (withAuction) {
            a.setLong(at, auction);
          }
          v.setLong(at, value);
          auctionSum += auction;
          valueSum += value;
        }
        for (BaseFixedWidthVector vector : out) {
          HandWrittenAggregation.setAllValid(vector, rows);
          vector.setValueCount(rows);
        }
        checksum[0] += windowStart * rows;
        checksum[1] += windowEnd * rows;
        if (withAuction) {
          checksum[2] += auctionSum;
          checksum[3] += valueSum;
        } else {
          checksum[2] += valueSum;
        }
      }
    }
    return total;
  }

  /**
   * A map from {@code long} keys to one {@code long} value that each {@link #add} combines by sum
   * or by maximum: one {@code long[]} of (key, value) slots, open addressing with linear probing,
   * power-of-two capacity kept at most half full, home slot from Fibonacci hashing. An empty slot
   * holds key {@link Long#MIN_VALUE}, which no caller uses. An {@code int[]} lists the occupied
   * slots in insertion order, so iterating and clearing cost the entries, not the capacity.
   */
  static final class LongCombineMap {
    private static final long EMPTY = Long.MIN_VALUE;
    private final boolean max;
    private long[] data;
    private int[] order;
    private int shift;
    private int mask;
    private int size;

    /**
     * @param max combine values by maximum, else by sum
     */
    LongCombineMap(int initialCapacity, boolean max) {
      this.max = max;
      allocate(Integer.highestOneBit(Math.max(16, initialCapacity - 1)) << 1);
    }

    private void allocate(int capacity) {
      data = new long[capacity * 2];
      for (int i = 0; i < data.length; i += 2) {
        data[i] = EMPTY;
      }
      order = new int[capacity / 2 + 2];
      mask = capacity - 1;
      shift = 64 - Integer.numberOfTrailingZeros(capacity);
      size = 0;
    }

    int size() {
      return size;
    }

    /** The key of the {@code i}-th entry in insertion order. */
    long keyAt(int i) {
      return data[order[i] * 2];
    }

    /** The value of the {@code i}-th entry in insertion order. */
    long valueAt(int i) {
      return data[order[i] * 2 + 1];
    }

    /** Combines {@code value} into key's entry, creating it with {@code value}. */
    void add(long key, long value) {
      int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
      while (true) {
        int at = slot * 2;
        long k = data[at];
        if (k == EMPTY) {
          data[at] = key;
          data[at + 1] = value;
          order[size++] = slot;
          if (size > (mask >>> 1)) {
            grow();
          }
          return;
        }
        if (k == key) {
          data[at + 1] = max ? Math.max(data[at + 1], value) : data[at + 1] + value;
          return;
        }
        slot = (slot + 1) & mask;
      }
    }

    private void grow() {
      long[] oldData = data;
      int[] oldOrder = order;
      int oldSize = size;
      allocate((mask + 1) * 2);
      for (int i = 0; i < oldSize; i++) {
        int at = oldOrder[i] * 2;
        add(oldData[at], oldData[at + 1]);
      }
    }

    void clear() {
      for (int i = 0; i < size; i++) {
        data[order[i] * 2] = EMPTY;
      }
      size = 0;
    }
  }
}
