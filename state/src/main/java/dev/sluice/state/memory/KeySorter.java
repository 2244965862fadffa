package dev.sluice.state.memory;

import java.util.Arrays;

/**
 * Sorts the addresses of a {@link BytesTable}'s records by key, unsigned lexicographic, without
 * boxing and without comparing keys in the arena.
 *
 * <p>Keys are sorted eight bytes at a time, most significant first: the addresses are sorted by
 * their keys' first big-endian word (zero-padded), then each run of keys that tie on it and go on
 * past it is sorted by the next word, and so on. Every comparison is between two {@code long}s in a
 * dense array, and each key is read from the arena once per word that decides its place instead of
 * on every comparison. Keys that share long prefixes (the window columns of a windowed
 * aggregation's group keys) cost one pass per shared word, not a comparison sort full of cache
 * misses. Each pass is an introsort (quicksort with median-of-three pivots, heapsort past a depth
 * limit, insertion sort for short runs) over parallel arrays. Keys within one table are distinct.
 */
final class KeySorter {
  private static final int INSERTION_SORT_MAX = 16;

  /**
   * Past the last byte of a key: a key going on past the current word sorts after any ending in it.
   */
  private static final int CONTINUES = Long.BYTES + 1;

  private final long[] addresses;
  private final long[] words;
  private final int[] lengths;
  private final BytesTable table;
  private final BytesTable.Record record = new BytesTable.Record();

  /** How many bytes of the current word each key has, up to {@link #CONTINUES}, by position. */
  private final int[] tails;

  private KeySorter(long[] addresses, int n, BytesTable table) {
    this.addresses = addresses;
    this.words = new long[n];
    this.lengths = new int[n];
    this.tails = new int[n];
    this.table = table;
    for (int i = 0; i < n; i++) {
      lengths[i] = table.read(addresses[i], record).keyLength;
    }
  }

  /** Sorts {@code addresses[0, n)} by the keys of their records. */
  static void sort(long[] addresses, int n, BytesTable table) {
    if (n > 1) {
      new KeySorter(addresses, n, table).sortRuns(n);
    }
  }

  /**
   * Sorts by word 0, then refines each tied run by the next word, with an explicit stack of runs
   * (keys may be far longer than the call stack is deep).
   */
  private void sortRuns(int n) {
    int[] stack = new int[48];
    int top = 0;
    stack[top++] = 0;
    stack[top++] = n;
    stack[top++] = 0;
    while (top > 0) {
      int level = stack[--top];
      int to = stack[--top];
      int from = stack[--top];
      loadWords(from, to, level);
      if (!allTied(from, to)) {
        introsort(from, to, 2 * (32 - Integer.numberOfLeadingZeros(to - from)));
      }
      for (int start = from; start < to; ) {
        int end = start + 1;
        if (tails[start] == CONTINUES) {
          while (end < to && tails[end] == CONTINUES && words[end] == words[start]) {
            end++;
          }
        }
        if (end - start > 1) {
          if (top + 3 > stack.length) {
            stack = Arrays.copyOf(stack, 2 * stack.length);
          }
          stack[top++] = start;
          stack[top++] = end;
          stack[top++] = level + 1;
        }
        start = end;
      }
    }
  }

  private void loadWords(int from, int to, int level) {
    int offset = level * Long.BYTES;
    for (int i = from; i < to; i++) {
      int remaining = lengths[i] - offset;
      tails[i] = Math.min(remaining, CONTINUES);
      words[i] = table.keyWord(addresses[i], offset, record);
    }
  }

  private boolean allTied(int from, int to) {
    for (int i = from + 1; i < to; i++) {
      if (words[i] != words[from] || tails[i] != tails[from]) {
        return false;
      }
    }
    return true;
  }

  private int compareAt(int i, int j) {
    int c = Long.compareUnsigned(words[i], words[j]);
    return c != 0 ? c : Integer.compare(tails[i], tails[j]);
  }

  private int compareTo(int i, long word, int tail) {
    int c = Long.compareUnsigned(words[i], word);
    return c != 0 ? c : Integer.compare(tails[i], tail);
  }

  private void introsort(int from, int to, int depth) {
    while (to - from > INSERTION_SORT_MAX) {
      if (depth-- == 0) {
        heapsort(from, to);
        return;
      }
      int mid = (from + to) >>> 1;
      medianOfThreeToFrom(from, mid, to - 1);
      long pivotWord = words[from];
      int pivotTail = tails[from];
      // Hoare-style partition around the pivot at 'from'.
      int i = from;
      int j = to;
      for (; ; ) {
        do {
          i++;
        } while (i < to && compareTo(i, pivotWord, pivotTail) < 0);
        do {
          j--;
        } while (compareTo(j, pivotWord, pivotTail) > 0);
        if (i >= j) {
          break;
        }
        swap(i, j);
      }
      swap(from, j);
      // Recurse into the smaller side, loop on the larger: O(log n) stack.
      if (j - from < to - j - 1) {
        introsort(from, j, depth);
        from = j + 1;
      } else {
        introsort(j + 1, to, depth);
        to = j;
      }
    }
    insertionSort(from, to);
  }

  /** Puts the median of the three positions at {@code lo}. */
  private void medianOfThreeToFrom(int lo, int mid, int hi) {
    if (compareAt(mid, lo) < 0) {
      swap(mid, lo);
    }
    if (compareAt(hi, mid) < 0) {
      swap(hi, mid);
      if (compareAt(mid, lo) < 0) {
        swap(mid, lo);
      }
    }
    swap(lo, mid);
  }

  private void insertionSort(int from, int to) {
    for (int i = from + 1; i < to; i++) {
      for (int j = i; j > from && compareAt(j - 1, j) > 0; j--) {
        swap(j - 1, j);
      }
    }
  }

  private void heapsort(int from, int to) {
    int n = to - from;
    for (int i = n / 2 - 1; i >= 0; i--) {
      siftDown(from, i, n);
    }
    for (int end = n - 1; end > 0; end--) {
      swap(from, from + end);
      siftDown(from, 0, end);
    }
  }

  private void siftDown(int base, int root, int n) {
    for (; ; ) {
      int child = 2 * root + 1;
      if (child >= n) {
        return;
      }
      if (child + 1 < n && compareAt(base + child + 1, base + child) > 0) {
        child++;
      }
      if (compareAt(base + root, base + child) >= 0) {
        return;
      }
      swap(base + root, base + child);
      root = child;
    }
  }

  private void swap(int i, int j) {
    long w = words[i];
    words[i] = words[j];
    words[j] = w;
    long a = addresses[i];
    addresses[i] = addresses[j];
    addresses[j] = a;
    int l = lengths[i];
    lengths[i] = lengths[j];
    lengths[j] = l;
    int t = tails[i];
    tails[i] = tails[j];
    tails[j] = t;
  }
}
