package dev.sluice.execution.operator.key;

import dev.sluice.state.KeyGroups;
import dev.sluice.state.Murmur3;
import java.util.Arrays;

/**
 * Numbers the distinct encoded keys it is given: the first key gets group 0, the next new key group
 * 1, and so on, so group ids index the aggregation's typed state arrays and iterate in insertion
 * order.
 *
 * <p>Keys live back to back in one growing byte array; an open-addressing table (linear probing, at
 * most half full) maps a key to its id. A slot holds the key's hash, its id and its first bytes
 * with its length, so a probe reads one slot and, for keys of up to 7 bytes (most encoded numbers
 * and dates), never the key bytes themselves. Each group keeps its key's {@link KeyGroups#hash}
 * (the murmur3 the table probes with), so the stateful merge finds the key group without hashing
 * again.
 *
 * <p>Not thread-safe.
 */
public final class GroupTable {
  private static final int INITIAL_SLOTS = 64;

  /** The longest key that a slot's {@link #prefix} holds entirely. */
  private static final int INLINE_BYTES = 7;

  /**
   * Two longs per slot: {@code hash << 32 | (id + 1)} (0 for an empty slot), then the key's {@link
   * #prefix}.
   */
  private long[] slots;

  private int shift;
  private byte[] keys = new byte[1024];

  /** Group {@code g}'s key is {@code keys[keyOffsets[g], keyOffsets[g + 1])}. */
  private int[] keyOffsets = new int[INITIAL_SLOTS / 2 + 1];

  private int[] hashes = new int[INITIAL_SLOTS / 2];
  private int size;

  public GroupTable() {
    allocateSlots(INITIAL_SLOTS);
  }

  /** The number of groups. */
  public int size() {
    return size;
  }

  /**
   * The id of the group whose key is {@code key[0, length)}, adding the group (as id {@link
   * #size()} before the call) if the key is new.
   */
  public int findOrInsert(byte[] key, int length) {
    int hash = Murmur3.hash32(key, 0, length, KeyGroups.HASH_SEED);
    long prefix = prefix(key, 0, length);
    int slot = probe(key, 0, length, hash, prefix);
    return slot >= 0 ? (int) slots[2 * slot] - 1 : insert(-slot - 1, hash, prefix, key, length);
  }

  /**
   * The id of the group whose key is {@code key[offset, offset + length)}, or -1 if there is none.
   */
  public int find(byte[] key, int offset, int length) {
    int hash = Murmur3.hash32(key, offset, length, KeyGroups.HASH_SEED);
    int slot = probe(key, offset, length, hash, prefix(key, offset, length));
    return slot >= 0 ? (int) slots[2 * slot] - 1 : -1;
  }

  /** The slot holding the key, or {@code -1 - s} for the empty slot {@code s} where it would go. */
  private int probe(byte[] key, int offset, int length, int hash, long prefix) {
    int mask = slots.length / 2 - 1;
    for (int slot = slotOf(hash); ; slot = (slot + 1) & mask) {
      long head = slots[2 * slot];
      if (head == 0) {
        return -1 - slot;
      }
      if ((int) (head >>> 32) == hash && slots[2 * slot + 1] == prefix) {
        int group = (int) head - 1;
        if (length <= INLINE_BYTES
            || Arrays.equals(
                keys, keyOffsets[group], keyOffsets[group + 1], key, offset, offset + length)) {
          return slot;
        }
      }
    }
  }

  /** A copy of group {@code group}'s key. */
  public byte[] key(int group) {
    return Arrays.copyOfRange(keys, keyOffsets[group], keyOffsets[group + 1]);
  }

  /** The {@link KeyGroups#hash} of group {@code group}'s key. */
  public int hash(int group) {
    return hashes[group];
  }

  /** Forgets every group, keeping the memory for reuse. */
  public void clear() {
    Arrays.fill(slots, 0);
    size = 0;
  }

  private int insert(int slot, int hash, long prefix, byte[] key, int length) {
    int group = size++;
    if (group == hashes.length) {
      hashes = Arrays.copyOf(hashes, 2 * group);
      keyOffsets = Arrays.copyOf(keyOffsets, 2 * group + 1);
    }
    int offset = keyOffsets[group];
    if (keys.length - offset < length) {
      keys = Arrays.copyOf(keys, Math.max(offset + length, 2 * keys.length));
    }
    System.arraycopy(key, 0, keys, offset, length);
    keyOffsets[group + 1] = offset + length;
    hashes[group] = hash;
    slots[2 * slot] = (long) hash << 32 | (group + 1);
    slots[2 * slot + 1] = prefix;
    if (2 * size > slots.length / 2) {
      rehash();
    }
    return group;
  }

  private void rehash() {
    long[] old = slots;
    allocateSlots(old.length);
    int mask = slots.length / 2 - 1;
    for (int i = 0; i < old.length; i += 2) {
      long head = old[i];
      if (head != 0) {
        int slot = slotOf((int) (head >>> 32));
        while (slots[2 * slot] != 0) {
          slot = (slot + 1) & mask;
        }
        slots[2 * slot] = head;
        slots[2 * slot + 1] = old[i + 1];
      }
    }
  }

  private void allocateSlots(int count) {
    slots = new long[2 * count];
    shift = Integer.SIZE - Integer.numberOfTrailingZeros(count);
  }

  /**
   * The home slot of a hash, from its high bits after a multiplicative scramble: a partition owns a
   * range of key groups, which are the hash's low bits, so those bits alone would crowd its keys
   * into a fraction of the slots.
   */
  private int slotOf(int hash) {
    return (hash * 0x9E3779B9) >>> shift;
  }

  /**
   * The key's length in the top byte (at most {@value #INLINE_BYTES}, or 0xFF for a longer key)
   * above its first {@value #INLINE_BYTES} bytes: equal prefixes of short keys mean equal keys.
   */
  private static long prefix(byte[] key, int offset, int length) {
    int inline = Math.min(length, INLINE_BYTES);
    long prefix = length <= INLINE_BYTES ? (long) length << 56 : 0xFFL << 56;
    for (int i = 0; i < inline; i++) {
      prefix |= (key[offset + i] & 0xFFL) << (8 * i);
    }
    return prefix;
  }
}
