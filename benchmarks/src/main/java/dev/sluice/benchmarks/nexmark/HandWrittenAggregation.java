package dev.sluice.benchmarks.nexmark;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.connector.PartitionReader;
import dev.sluice.execution.connector.Source;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;

/**
 * The hand-written limit of {@code SELECT MOD(auction, m) AS auction, COUNT(*) AS bids, SUM(price)
 * AS total FROM bid GROUP BY MOD(auction, m)} in update mode: the engine's plan (partial
 * aggregation per chunk, an exchange by key, a keyed merge into state that emits the changed keys)
 * written with primitive open-addressing maps over the generator's Arrow vectors: no boxing, no row
 * objects, no key encoding, no checkpoint.
 *
 * <p><b>Per batch</b> (one batch = the same per-partition offset ranges the engine's micro-batch
 * reads):
 *
 * <ol>
 *   <li>Phase 1, one thread per source partition: read the partition's range in chunks of {@code
 *       chunk} rows; fold each chunk into a small {@link LongAggMap} (key {@code auction % m} →
 *       count, sum of price; it stays in cache), then append its entries as (key, count, sum) to
 *       the outbox of the key's shard.
 *   <li>Phase 2, one thread per state shard (as many shards as partitions; a key's shard is a hash
 *       of the key mod the shard count, independent of the maps' slot hash): merge every
 *       partition's outbox for the shard into the shard's state map (which lives across batches),
 *       remembering each key the first time the batch touches it; then emit the state's (key,
 *       count, sum) of each remembered key into Arrow {@link BigIntVector}s of at most {@code
 *       chunk} rows (released at once; their values are summed for the checksum).
 * </ol>
 *
 * So a batch emits one row per distinct key it touched, like the engine's update mode, and the
 * state ends with one entry per distinct key, split over the shards (partition-local state maps,
 * never merged into one). Runs on {@code partitions} threads, like the engine's pool.
 *
 * <p>A first version folded every bid straight into one large map per partition (and merged the
 * partition maps at the end): with 1 M keys that is one cache miss per bid and ran at half the
 * engine's speed, so the per-chunk pre-aggregation is what makes this a limit.
 */
final class HandWrittenAggregation {
  private static final int AUCTION = 0;
  private static final int PRICE = 2;

  /** What a run produced. */
  record Result(long outputRows, long[] checksum, long stateKeys, long stateMapBytes) {}

  private HandWrittenAggregation() {}

  /**
   * Runs {@code batchEnds.length} batches: batch b reads offsets {@code [batchEnds[b - 1][p],
   * batchEnds[b][p])} of every partition p (from 0 for b = 0).
   */
  static Result run(
      Source source,
      long[][] batchEnds,
      long modulus,
      int chunk,
      BufferAllocator root,
      ExecutorService pool)
      throws InterruptedException, ExecutionException {
    int partitions = source.partitionCount();
    int shards = partitions;
    LongTriples[][] outbox = new LongTriples[partitions][shards];
    LongAggMap[] state = new LongAggMap[shards];
    long[][] checksums = new long[shards][3];
    long[] outputRows = new long[shards];
    for (int p = 0; p < partitions; p++) {
      for (int s = 0; s < shards; s++) {
        outbox[p][s] = new LongTriples();
      }
    }
    for (int s = 0; s < shards; s++) {
      state[s] = new LongAggMap(1024);
    }
    long[] start = new long[partitions];
    for (int b = 0; b < batchEnds.length; b++) {
      long[] end = batchEnds[b];
      long stamp = b + 1;
      // Phase 1: partial aggregation per chunk, into the shards' outboxes.
      List<Callable<Void>> readers = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        int partition = p;
        long from = start[p];
        long to = end[p];
        readers.add(
            () -> {
              for (LongTriples box : outbox[partition]) {
                box.clear();
              }
              if (to > from) {
                aggregateRange(
                    source, partition, from, to, modulus, chunk, root, outbox[partition]);
              }
              return null;
            });
      }
      runAll(pool, readers);
      // Phase 2: merge each shard's outboxes into its state, emit the changed keys.
      List<Callable<Void>> mergers = new ArrayList<>();
      for (int s = 0; s < shards; s++) {
        int shard = s;
        mergers.add(
            () -> {
              LongAggMap map = state[shard];
              LongTriples changed = new LongTriples();
              for (LongTriples[] boxes : outbox) {
                LongTriples box = boxes[shard];
                long[] values = box.values;
                for (int i = 0, n = box.size * 3; i < n; i += 3) {
                  int slot = map.add(values[i], values[i + 1], values[i + 2]);
                  if (map.stampAt(slot) != stamp) {
                    map.setStamp(slot, stamp);
                    changed.add(values[i], 0, 0);
                  }
                }
              }
              outputRows[shard] += emit(map, changed, chunk, root, checksums[shard]);
              return null;
            });
      }
      runAll(pool, mergers);
      start = end;
    }
    long rows = 0;
    long keys = 0;
    long bytes = 0;
    long[] checksum = new long[3];
    for (int s = 0; s < shards; s++) {
      rows += outputRows[s];
      keys += state[s].size();
      bytes += state[s].memoryBytes();
      for (int c = 0; c < 3; c++) {
        checksum[c] += checksums[s][c];
      }
    }
    return new Result(rows, checksum, keys, bytes);
  }

  private static void aggregateRange(
      Source source,
      int partition,
      long from,
      long to,
      long modulus,
      int chunk,
      BufferAllocator root,
      LongTriples[] outbox) {
    int shards = outbox.length;
    LongAggMap partial = new LongAggMap(Math.min(chunk, 1 << 16));
    try (BufferAllocator allocator =
            root.newChildAllocator("hand-agg-reader-" + partition, 0, Long.MAX_VALUE);
        PartitionReader reader = source.createReader(partition, from, to, chunk, allocator)) {
      for (Batch next = reader.next(); next != null; next = reader.next()) {
        try (Batch batch = next) {
          int rows = batch.rowCount();
          BigIntVector auction = (BigIntVector) batch.vector(AUCTION);
          BigIntVector price = (BigIntVector) batch.vector(PRICE);
          if (auction.getNullCount() != 0 || price.getNullCount() != 0) {
            // The generator never writes NULLs; the loop below relies on it.
            throw new IllegalStateException("nexmark bid batch with NULL auction or price");
          }
          ArrowBuf auctions = auction.getDataBuffer();
          ArrowBuf prices = price.getDataBuffer();
          partial.clear();
          for (int i = 0; i < rows; i++) {
            long at = (long) i * Long.BYTES;
            partial.add(auctions.getLong(at) % modulus, 1, prices.getLong(at));
          }
          for (int e = 0, n = partial.size(); e < n; e++) {
            int slot = partial.slotAt(e);
            long key = partial.keyAt(slot);
            outbox[shardOf(key, shards)].add(key, partial.countAt(slot), partial.sumAt(slot));
          }
        }
      }
    }
  }

  /**
   * Emits the state's (key, count, sum) of each key in {@code changed} (first column) as Arrow
   * vectors of at most {@code chunk} rows, summing the values into {@code checksum}; returns the
   * rows emitted.
   */
  private static long emit(
      LongAggMap state,
      LongTriples changed,
      int chunk,
      BufferAllocator allocator,
      long[] checksum) {
    long[] keys = changed.values;
    int total = changed.size;
    for (int first = 0; first < total; first += chunk) {
      int rows = Math.min(chunk, total - first);
      try (BigIntVector outKey = new BigIntVector("auction", allocator);
          BigIntVector outCount = new BigIntVector("bids", allocator);
          BigIntVector outSum = new BigIntVector("total", allocator)) {
        outKey.allocateNew(rows);
        outCount.allocateNew(rows);
        outSum.allocateNew(rows);
        ArrowBuf k = outKey.getDataBuffer();
        ArrowBuf c = outCount.getDataBuffer();
        ArrowBuf s = outSum.getDataBuffer();
        long keySum = 0;
        long countSum = 0;
        long totalSum = 0;
        for (int r = 0; r < rows; r++) {
          int slot = state.find(keys[(first + r) * 3]);
          long key = state.keyAt(slot);
          long count = state.countAt(slot);
          long sum = state.sumAt(slot);
          long at = (long) r * Long.BYTES;
          k.setLong(at, key);
          c.setLong(at, count);
          s.setLong(at, sum);
          keySum += key;
          countSum += count;
          totalSum += sum;
        }
        setAllValid(outKey, rows);
        setAllValid(outCount, rows);
        setAllValid(outSum, rows);
        outKey.setValueCount(rows);
        outCount.setValueCount(rows);
        outSum.setValueCount(rows);
        checksum[0] += keySum;
        checksum[1] += countSum;
        checksum[2] += totalSum;
      }
    }
    return total;
  }

  static void setAllValid(BaseFixedWidthVector vector, int rows) {
    ArrowBuf validity = vector.getValidityBuffer();
    int fullBytes = rows >>> 3;
    validity.setOne(0, fullBytes);
    for (int r = fullBytes << 3; r < rows; r++) {
      validity.setByte(r >>> 3, validity.getByte(r >>> 3) | (1 << (r & 7)));
    }
  }

  static void runAll(ExecutorService pool, List<Callable<Void>> tasks)
      throws InterruptedException, ExecutionException {
    for (Future<Void> future : pool.invokeAll(tasks)) {
      future.get();
    }
  }

  /** The shard of a key: murmur3's 64-bit finalizer, mod the shard count. */
  static int shardOf(long key, int shards) {
    long h = key;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) Long.remainderUnsigned(h, shards);
  }

  /** A growable array of (long, long, long) triples. */
  static final class LongTriples {
    long[] values = new long[3 * 1024];
    int size;

    void add(long a, long b, long c) {
      int at = size * 3;
      if (at + 3 > values.length) {
        values = Arrays.copyOf(values, values.length * 2);
      }
      values[at] = a;
      values[at + 1] = b;
      values[at + 2] = c;
      size++;
    }

    void clear() {
      size = 0;
    }
  }

  /**
   * A map from {@code long} keys to a (count, sum) pair of {@code long}s, plus a stamp the owner
   * may use: one {@code long[]} of 4-long slots (key, count, sum, stamp: 32 bytes, two slots per
   * cache line, so a lookup touches one line), open addressing with linear probing, power-of-two
   * capacity kept at most half full, home slot from Fibonacci hashing (the high bits of {@code key
   * * 2^64 / phi}). A slot is empty when its count is 0, which is safe because every added entry
   * has count >= 1. An {@code int[]} lists the occupied slots in insertion order, so iterating and
   * clearing cost the entries, not the capacity. 64 to 128 bytes of slots per entry plus 4 to 8 of
   * order.
   */
  static final class LongAggMap {
    private static final int STRIDE = 4;
    private long[] data;
    private int[] order;
    private int shift;
    private int mask;
    private int size;

    LongAggMap(int initialCapacity) {
      allocate(Integer.highestOneBit(Math.max(16, initialCapacity - 1)) << 1);
    }

    private void allocate(int capacity) {
      data = new long[capacity * STRIDE];
      order = new int[capacity / 2 + 2];
      mask = capacity - 1;
      shift = 64 - Integer.numberOfTrailingZeros(capacity);
      size = 0;
    }

    int size() {
      return size;
    }

    long memoryBytes() {
      return 16 + 8L * data.length + 16 + 4L * order.length;
    }

    /** The slot of the {@code i}-th entry in insertion order. */
    int slotAt(int i) {
      return order[i];
    }

    long keyAt(int slot) {
      return data[slot * STRIDE];
    }

    long countAt(int slot) {
      return data[slot * STRIDE + 1];
    }

    long sumAt(int slot) {
      return data[slot * STRIDE + 2];
    }

    long stampAt(int slot) {
      return data[slot * STRIDE + 3];
    }

    void setStamp(int slot, long stamp) {
      data[slot * STRIDE + 3] = stamp;
    }

    /** Adds (count, sum) to key's entry, creating it (stamp 0); returns the entry's slot. */
    int add(long key, long count, long sum) {
      int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
      while (true) {
        int at = slot * STRIDE;
        long c = data[at + 1];
        if (c == 0) {
          data[at] = key;
          data[at + 1] = count;
          data[at + 2] = sum;
          data[at + 3] = 0;
          order[size++] = slot;
          if (size > (mask >>> 1)) {
            grow();
            return find(key);
          }
          return slot;
        }
        if (data[at] == key) {
          data[at + 1] = c + count;
          data[at + 2] += sum;
          return slot;
        }
        slot = (slot + 1) & mask;
      }
    }

    /** The slot of a key that is in the map. */
    int find(long key) {
      int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
      while (data[slot * STRIDE] != key || data[slot * STRIDE + 1] == 0) {
        slot = (slot + 1) & mask;
      }
      return slot;
    }

    private void grow() {
      long[] oldData = data;
      int[] oldOrder = order;
      int oldSize = size;
      allocate((mask + 1) * 2);
      for (int i = 0; i < oldSize; i++) {
        int at = oldOrder[i] * STRIDE;
        int slot = add(oldData[at], oldData[at + 1], oldData[at + 2]);
        data[slot * STRIDE + 3] = oldData[at + 3];
      }
    }

    void clear() {
      for (int i = 0; i < size; i++) {
        data[order[i] * STRIDE + 1] = 0;
      }
      size = 0;
    }
  }
}
