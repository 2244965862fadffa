package dev.sluice.state.memory;

import dev.sluice.state.Murmur3;
import dev.sluice.state.encoding.Varints;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A compact hash map from byte-string keys to byte-string values: an open-addressing index of
 * {@code long}s over an arena of byte pages that holds the keys and values.
 *
 * <h2>Layout</h2>
 *
 * <ul>
 *   <li><b>Arena.</b> Each entry is one record {@code [varint keyLength][varint valueLength][key
 *       bytes][value bytes]} appended to the current page. A new page holds 1/8 of the live bytes
 *       (1 KiB to 1 MiB), so the unused tail of the current page stays small relative to the data;
 *       a record above 1/16 of the page size (and above 256 bytes) gets a page of exactly its own
 *       size. For small entries the arena costs the raw bytes plus 2 bytes per entry plus at most
 *       about 1/8 for the last page.
 *   <li><b>Index.</b> A {@code long[]} kept between 1/2 and 3/4 full (it grows by half), linear
 *       probing; a key's home slot is {@code (hash * scramble) * capacity >>> 32} with a multiplier
 *       of its own per table ({@link #home}), so the capacity need not be a power of two. A slot is
 *       0 when empty, otherwise {@code [22-bit tag][2 flag bits][40-bit address + 1]}, the address
 *       being {@code page << 20 | offset}. The tag (the low 22 hash bits, while the home comes from
 *       the high ones) rejects almost every non-matching slot without touching the arena. Beside
 *       it, an {@code int[]} holds each slot's full hash, so growing the index and shifting slots
 *       on removal never read the arena or hash a key again (those two were a tenth of a windowed
 *       aggregation's time). 12 bytes per slot: 16 to 24 bytes per entry.
 * </ul>
 *
 * The index hashes keys with murmur3 under a seed different from the key-group hash: every key of a
 * store belongs to the same key group, so the key-group hash bits are all equal inside one store.
 *
 * <h2>Changes</h2>
 *
 * A value of the same length is overwritten in place (the common case of fixed-size accumulators);
 * otherwise a new record is appended and the old one becomes garbage. Removal uses backward-shift
 * deletion (no tombstones), so probe sequences stay short after churn; the record becomes garbage.
 * When garbage exceeds a quarter of the live bytes, the next insert or value change compacts: it
 * walks the pages in order, copies the records the index still points to into fresh pages and frees
 * each old page when done with it, so compaction needs little more memory than the arena. Records
 * therefore move only during {@link #insert}, {@link #setValue}, {@link #compact} and {@link
 * #maintain}; {@link #removeAt} never moves a record, and slot indices change only on insert
 * (resize), removal (shift) and {@code maintain} (shrink).
 *
 * <h2>Limits</h2>
 *
 * About a million pages (at least 1 TiB of arena) and 2^30 slots per table. Not thread-safe.
 */
final class BytesTable {
  /** Two bits per entry that the owner may use; survive value changes and moves. */
  static final int FLAG_MASK = 3;

  private static final int TABLE_SEED = 0x2f1a7c3d;
  private static final int OFFSET_BITS = 20;
  private static final long OFFSET_MASK = (1L << OFFSET_BITS) - 1;
  private static final long ADDRESS_MASK = (1L << 40) - 1;
  private static final int FLAGS_SHIFT = 40;
  private static final long FLAGS_BITS = (long) FLAG_MASK << FLAGS_SHIFT;
  private static final int TAG_SHIFT = 42;
  private static final long TAG_BITS = -1L << TAG_SHIFT;
  private static final int MAX_PAGES = (1 << 20) - 1;
  private static final int MIN_PAGE_BYTES = 1 << 10;
  private static final int MAX_PAGE_BYTES = 1 << OFFSET_BITS;
  private static final int MIN_OWN_PAGE_RECORD = 256;
  private static final int MIN_CAPACITY = 8;
  private static final int MAX_CAPACITY = 1 << 30;
  private static final long MIN_GARBAGE_TO_COMPACT = 4096;
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /** Odd multipliers, a different one for each table (a Weyl sequence of the golden ratio). */
  private static final AtomicInteger SCRAMBLES = new AtomicInteger(0x2545F491);

  /** This table's multiplier of hashes before range reduction ({@link #home}). */
  private final int scramble;

  private long[] slots;

  /** The full {@link #hash} of the key in each occupied slot of {@link #slots}. */
  private int[] hashes;

  private int size;
  private int growThreshold;

  private byte[][] pages = new byte[4][];
  private int[] pageUsed = new int[4];
  private int pageCount;
  private int currentPage = -1;
  private long arenaBytes;
  private long liveBytes;
  private long garbageBytes;

  BytesTable() {
    scramble = SCRAMBLES.getAndAdd(0x9E3779B9) | 1;
    initSlots(MIN_CAPACITY);
  }

  /** The decoded position of one record; filled by {@link #read(long, Record)}. */
  static final class Record {
    byte[] page;
    int keyOffset;
    int keyLength;
    int valueOffset;
    int valueLength;

    int recordLength(int recordStart) {
      return valueOffset + valueLength - recordStart;
    }
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int capacity() {
    return slots.length;
  }

  long liveBytes() {
    return liveBytes;
  }

  long garbageBytes() {
    return garbageBytes;
  }

  /** The bytes of the arrays this table holds, with their object headers. */
  long memoryBytes() {
    long bytes = 64 + arrayBytes(slots.length, 8) + arrayBytes(hashes.length, 4);
    bytes += arrayBytes(pages.length, 4);
    bytes += arrayBytes(pageUsed.length, 4);
    for (int p = 0; p < pageCount; p++) {
      if (pages[p] != null) {
        bytes += arrayBytes(pages[p].length, 1);
      }
    }
    return bytes;
  }

  private static long arrayBytes(long length, int elementBytes) {
    return (16 + length * elementBytes + 7) & ~7L;
  }

  static int hash(byte[] key, int offset, int length) {
    return Murmur3.hash32(key, offset, length, TABLE_SEED);
  }

  private static long tag(int hash) {
    return (long) (hash & 0x3fffff) << TAG_SHIFT;
  }

  private static long address(long slot) {
    return (slot & ADDRESS_MASK) - 1;
  }

  /**
   * The home slot of a hash: {@code (hash * scramble mod 2^32) * capacity / 2^32} (Lemire's fast
   * range reduction of a scrambled hash). Without the scramble, index order would be hash order in
   * every table, and keys read from one table in index order (an {@link #addresses} scan removing
   * what it finds, say) would arrive at another sorted by home: linear probing then piles them into
   * one cluster and each insert walks it (quadratic; measured at 3 s for 200 000 keys).
   */
  private int home(int hash, int capacity) {
    return (int) ((((hash * scramble) & 0xffffffffL) * capacity) >>> 32);
  }

  private int nextSlot(int i) {
    return i + 1 == slots.length ? 0 : i + 1;
  }

  /** The slot of the key, or a negative number if absent. */
  int find(byte[] key, int offset, int length) {
    return find(key, offset, length, hash(key, offset, length));
  }

  /** The slot of the key whose {@link #hash} is {@code hash}, or a negative number if absent. */
  int find(byte[] key, int offset, int length, int hash) {
    long tag = tag(hash);
    long[] s = slots;
    int i = home(hash, s.length);
    for (; ; ) {
      long slot = s[i];
      if (slot == 0) {
        return -1;
      }
      if ((slot & TAG_BITS) == tag && keyEquals(address(slot), key, offset, length)) {
        return i;
      }
      i = i + 1 == s.length ? 0 : i + 1;
    }
  }

  private boolean keyEquals(long address, byte[] key, int offset, int length) {
    byte[] page = pages[(int) (address >>> OFFSET_BITS)];
    int o = (int) (address & OFFSET_MASK);
    int keyLength = page[o++];
    if (keyLength < 0) {
      keyLength &= 0x7f;
      int shift = 7;
      int b;
      do {
        b = page[o++];
        keyLength |= (b & 0x7f) << shift;
        shift += 7;
      } while (b < 0);
    }
    if (keyLength != length) {
      return false;
    }
    while (page[o++] < 0) {
      // skip the value length varint
    }
    return Arrays.equals(page, o, o + length, key, offset, offset + length);
  }

  /** Decodes the record at {@code address} into {@code record}; returns {@code record}. */
  Record read(long address, Record record) {
    byte[] page = pages[(int) (address >>> OFFSET_BITS)];
    int o = (int) (address & OFFSET_MASK);
    int keyLength = 0;
    int shift = 0;
    int b;
    do {
      b = page[o++];
      keyLength |= (b & 0x7f) << shift;
      shift += 7;
    } while (b < 0);
    int valueLength = 0;
    shift = 0;
    do {
      b = page[o++];
      valueLength |= (b & 0x7f) << shift;
      shift += 7;
    } while (b < 0);
    record.page = page;
    record.keyOffset = o;
    record.keyLength = keyLength;
    record.valueOffset = o + keyLength;
    record.valueLength = valueLength;
    return record;
  }

  /** The address of the record in {@code slot} (which must be occupied). */
  long addressAt(int slot) {
    return address(slots[slot]);
  }

  int flags(int slot) {
    return (int) ((slots[slot] & FLAGS_BITS) >>> FLAGS_SHIFT);
  }

  void setFlags(int slot, int flags) {
    slots[slot] = (slots[slot] & ~FLAGS_BITS) | ((long) (flags & FLAG_MASK) << FLAGS_SHIFT);
  }

  /** Clears the flags of every entry. */
  void clearFlags() {
    long[] s = slots;
    for (int i = 0; i < s.length; i++) {
      if ((s[i] & FLAGS_BITS) != 0) {
        s[i] &= ~FLAGS_BITS;
      }
    }
  }

  /** A copy of the value in {@code slot}. */
  byte[] value(int slot, Record scratch) {
    read(address(slots[slot]), scratch);
    return Arrays.copyOfRange(
        scratch.page, scratch.valueOffset, scratch.valueOffset + scratch.valueLength);
  }

  /**
   * Adds a key that is not in the table (the caller checked), with {@code flags}. May compact the
   * arena and resize the index, which moves slots.
   */
  void insert(
      byte[] key,
      int keyOffset,
      int keyLength,
      byte[] value,
      int valueOffset,
      int valueLength,
      int flags,
      int hash) {
    maybeCompact();
    if (size >= growThreshold) {
      resize(grownCapacity(slots.length));
    }
    int i = home(hash, slots.length);
    while (slots[i] != 0) {
      i = nextSlot(i);
    }
    long address = append(key, keyOffset, keyLength, value, valueOffset, valueLength);
    slots[i] = tag(hash) | ((long) (flags & FLAG_MASK) << FLAGS_SHIFT) | (address + 1);
    hashes[i] = hash;
    size++;
  }

  /**
   * Replaces the value in {@code slot}: in place if the length is the same, else by appending a new
   * record (which may compact the arena first; slot indices do not change).
   */
  void setValue(int slot, byte[] value, int valueOffset, int valueLength, Record scratch) {
    read(address(slots[slot]), scratch);
    if (scratch.valueLength == valueLength) {
      System.arraycopy(value, valueOffset, scratch.page, scratch.valueOffset, valueLength);
      return;
    }
    maybeCompact();
    long old = address(slots[slot]);
    read(old, scratch);
    int oldLength = scratch.recordLength((int) (old & OFFSET_MASK));
    long address =
        append(scratch.page, scratch.keyOffset, scratch.keyLength, value, valueOffset, valueLength);
    slots[slot] = (slots[slot] & ~ADDRESS_MASK) | (address + 1);
    liveBytes -= oldLength;
    garbageBytes += oldLength;
  }

  /** Removes the entry in {@code slot}; its record stays in the arena as garbage. */
  void removeAt(int slot, Record scratch) {
    long removed = address(slots[slot]);
    int length = read(removed, scratch).recordLength((int) (removed & OFFSET_MASK));
    liveBytes -= length;
    garbageBytes += length;
    // Backward-shift deletion: pull later members of the probe run into the hole unless their home
    // lies cyclically in (hole, j], where they already are as close to home as they can be.
    int hole = slot;
    int j = slot;
    for (; ; ) {
      j = nextSlot(j);
      long s = slots[j];
      if (s == 0) {
        break;
      }
      int home = home(hashes[j], slots.length);
      boolean stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
      if (!stays) {
        slots[hole] = s;
        hashes[hole] = hashes[j];
        hole = j;
      }
    }
    slots[hole] = 0;
    size--;
  }

  /** The longest run of occupied slots: how far a probe may have to walk. */
  int longestRun() {
    int longest = 0;
    int run = 0;
    for (int pass = 0; pass < 2; pass++) { // twice round, for a run that wraps past the end
      for (long slot : slots) {
        run = slot == 0 ? 0 : run + 1;
        longest = Math.max(longest, Math.min(run, slots.length));
      }
    }
    return longest;
  }

  /** Makes room for {@code expected} entries without resizing, at the lowest load that follows. */
  void presize(long expected) {
    long needed = expected * 3 / 2 + 1;
    if (needed > MAX_CAPACITY) {
      throw new IllegalStateException(
          "a state store holds at most " + (MAX_CAPACITY / 4 * 3) + " keys, asked for " + expected);
    }
    if (expected >= growThreshold) {
      resize((int) Math.max(MIN_CAPACITY, needed));
    }
  }

  /** Grows by half, so the index is between 1/2 and 3/4 full (10.7 to 16 bytes per entry). */
  private static int grownCapacity(int capacity) {
    long grown = (long) capacity + (capacity >> 1);
    if (grown > MAX_CAPACITY) {
      throw new IllegalStateException(
          "a state store holds at most " + (MAX_CAPACITY / 4 * 3) + " keys");
    }
    return (int) grown;
  }

  /**
   * Shrinks a sparse index and compacts a wasteful arena; the owner calls it when no iteration is
   * in progress (at commit).
   */
  void maintain() {
    if (slots.length > MIN_CAPACITY && size < slots.length / 4) {
      int capacity = Math.max(MIN_CAPACITY, size * 2);
      if (capacity < slots.length) {
        resize(capacity);
      }
    }
    maybeCompact();
  }

  /** Drops every entry and releases the memory. */
  void clear() {
    initSlots(MIN_CAPACITY);
    size = 0;
    pages = new byte[4][];
    pageUsed = new int[4];
    pageCount = 0;
    currentPage = -1;
    arenaBytes = 0;
    liveBytes = 0;
    garbageBytes = 0;
  }

  private void initSlots(int capacity) {
    slots = new long[capacity];
    hashes = new int[capacity];
    growThreshold = (int) ((long) capacity * 3 / 4);
  }

  private void resize(int capacity) {
    if (capacity > MAX_CAPACITY) {
      throw new IllegalStateException(
          "a state store holds at most " + (MAX_CAPACITY / 4 * 3) + " keys");
    }
    long[] old = slots;
    int[] oldHashes = hashes;
    initSlots(capacity);
    for (int o = 0; o < old.length; o++) {
      if (old[o] != 0) {
        int i = home(oldHashes[o], capacity);
        while (slots[i] != 0) {
          i = nextSlot(i);
        }
        slots[i] = old[o];
        hashes[i] = oldHashes[o];
      }
    }
  }

  // ---------------------------------------------------------------------------------- arena

  private long append(
      byte[] key, int keyOffset, int keyLength, byte[] value, int valueOffset, int valueLength) {
    int header = Varints.sizeOfUnsignedInt(keyLength) + Varints.sizeOfUnsignedInt(valueLength);
    long total = (long) header + keyLength + valueLength;
    if (total > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("a state entry must be smaller than 2 GiB");
    }
    int length = (int) total;
    long address = allocate(length);
    byte[] page = pages[(int) (address >>> OFFSET_BITS)];
    int o = (int) (address & OFFSET_MASK);
    o = Varints.writeUnsignedInt(page, o, keyLength);
    o = Varints.writeUnsignedInt(page, o, valueLength);
    System.arraycopy(key, keyOffset, page, o, keyLength);
    System.arraycopy(value, valueOffset, page, o + keyLength, valueLength);
    liveBytes += length;
    return address;
  }

  /**
   * Finds room for a record. New pages are an eighth of the live bytes (1 KiB to 1 MiB), so the
   * unused tail of the current page stays below about 1/8 of the data; a record above 1/16 of that
   * (and above 256 bytes) gets a page of exactly its size, so page tails never waste much either.
   */
  private long allocate(int length) {
    int pageBytes = (int) Math.min(MAX_PAGE_BYTES, Math.max(MIN_PAGE_BYTES, liveBytes / 8));
    if (length > Math.max(MIN_OWN_PAGE_RECORD, pageBytes / 16)) {
      int page = addPage(length);
      pageUsed[page] = length;
      return (long) page << OFFSET_BITS;
    }
    if (currentPage < 0 || pages[currentPage].length - pageUsed[currentPage] < length) {
      currentPage = addPage(pageBytes);
    }
    int offset = pageUsed[currentPage];
    pageUsed[currentPage] = offset + length;
    return ((long) currentPage << OFFSET_BITS) | offset;
  }

  private int addPage(int bytes) {
    if (pageCount == MAX_PAGES) {
      throw new IllegalStateException(
          "a state store's arena is limited to " + MAX_PAGES + " pages");
    }
    if (pageCount == pages.length) {
      int length = (int) Math.min(MAX_PAGES, pages.length * 2L);
      pages = Arrays.copyOf(pages, length);
      pageUsed = Arrays.copyOf(pageUsed, length);
    }
    pages[pageCount] = new byte[bytes];
    pageUsed[pageCount] = 0;
    arenaBytes += bytes;
    return pageCount++;
  }

  private void maybeCompact() {
    if (garbageBytes >= MIN_GARBAGE_TO_COMPACT && garbageBytes > liveBytes / 4) {
      compact();
    }
  }

  /**
   * Copies the live records, page by page in address order, into new pages appended after the old
   * ones, freeing each old page when it is done; then renumbers the new pages from 0. A record is
   * live if the index holds its address: the index is probed from the home of the record's key. New
   * addresses use page numbers above every old one, so they never collide with old addresses.
   */
  void compact() {
    int oldCount = pageCount;
    currentPage = -1;
    liveBytes = 0;
    Record scratch = new Record();
    for (int p = 0; p < oldCount; p++) {
      byte[] page = pages[p];
      int used = pageUsed[p];
      int o = 0;
      while (o < used) {
        long address = ((long) p << OFFSET_BITS) | o;
        read(address, scratch);
        int length = scratch.recordLength(o);
        int slot = slotOfAddress(address, scratch);
        if (slot >= 0) {
          long moved = allocate(length);
          System.arraycopy(
              page, o, pages[(int) (moved >>> OFFSET_BITS)], (int) (moved & OFFSET_MASK), length);
          slots[slot] = (slots[slot] & ~ADDRESS_MASK) | (moved + 1);
          liveBytes += length;
        }
        o += length;
      }
      arenaBytes -= page.length;
      pages[p] = null;
    }
    int newCount = pageCount - oldCount;
    System.arraycopy(pages, oldCount, pages, 0, newCount);
    System.arraycopy(pageUsed, oldCount, pageUsed, 0, newCount);
    Arrays.fill(pages, newCount, pageCount, null);
    pageCount = newCount;
    if (currentPage >= 0) {
      currentPage -= oldCount;
    }
    long shift = (long) oldCount << OFFSET_BITS;
    long[] s = slots;
    for (int i = 0; i < s.length; i++) {
      if (s[i] != 0) {
        s[i] -= shift;
      }
    }
    garbageBytes = 0;
  }

  private int slotOfAddress(long address, Record record) {
    int i = home(hash(record.page, record.keyOffset, record.keyLength), slots.length);
    long wanted = address + 1;
    for (; ; ) {
      long slot = slots[i];
      if (slot == 0) {
        return -1;
      }
      if ((slot & ADDRESS_MASK) == wanted) {
        return i;
      }
      i = nextSlot(i);
    }
  }

  // ---------------------------------------------------------------------------------- scans

  /**
   * The addresses of the entries whose key starts with {@code prefix} (null: all) and whose flags
   * intersect {@code flagMask} (0: any), sorted by key, unsigned lexicographic.
   */
  long[] sortedAddresses(byte[] prefix, int flagMask) {
    long[] addresses = addresses(prefix, flagMask);
    KeySorter.sort(addresses, addresses.length, this);
    return addresses;
  }

  /**
   * The addresses of the entries whose key starts with {@code prefix} (null: all) and whose flags
   * intersect {@code flagMask} (0: any), in index order: no order a caller may rely on, since it
   * depends on the history of inserts.
   */
  long[] addresses(byte[] prefix, int flagMask) {
    // Sized for the common cases without a pass to count: all entries, or few changed ones.
    long[] addresses = new long[flagMask == 0 && prefix == null ? size : Math.min(size, 1024)];
    int n = 0;
    Record scratch = new Record();
    long flagBits = (long) flagMask << FLAGS_SHIFT;
    for (long slot : slots) {
      if (slot == 0 || (flagMask != 0 && (slot & flagBits) == 0)) {
        continue;
      }
      long address = address(slot);
      if (prefix != null && prefix.length > 0) {
        read(address, scratch);
        if (scratch.keyLength < prefix.length
            || !Arrays.equals(
                scratch.page,
                scratch.keyOffset,
                scratch.keyOffset + prefix.length,
                prefix,
                0,
                prefix.length)) {
          continue;
        }
      }
      if (n == addresses.length) {
        addresses = Arrays.copyOf(addresses, Math.min(size, Math.max(16, n * 2)));
      }
      addresses[n++] = address;
    }
    return n == addresses.length ? addresses : Arrays.copyOf(addresses, n);
  }

  /** The addresses of the entries whose flags intersect {@code flagMask}, in index order. */
  long[] addressesWithFlags(int flagMask) {
    long flagBits = (long) flagMask << FLAGS_SHIFT;
    int n = 0;
    for (long slot : slots) {
      if ((slot & flagBits) != 0) {
        n++;
      }
    }
    long[] addresses = new long[n];
    int i = 0;
    for (long slot : slots) {
      if ((slot & flagBits) != 0) {
        addresses[i++] = address(slot);
      }
    }
    return addresses;
  }

  /**
   * The 8 key bytes from {@code offset} of the record at {@code address}, big-endian, zero-padded
   * past the key's end: words compare like the keys' bytes they hold.
   */
  long keyWord(long address, int offset, Record scratch) {
    read(address, scratch);
    int available = scratch.keyLength - offset;
    if (available >= Long.BYTES) {
      return (long) LONG_BE.get(scratch.page, scratch.keyOffset + offset);
    }
    long word = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      word <<= 8;
      if (i < available) {
        word |= scratch.page[scratch.keyOffset + offset + i] & 0xff;
      }
    }
    return word;
  }
}
