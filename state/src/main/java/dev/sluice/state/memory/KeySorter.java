package dev.sluice.state.memory;

/**
 * Sorts the addresses of a {@link BytesTable}'s records by key, unsigned lexicographic, without
 * boxing: an introsort (quicksort with median-of-three pivots, heapsort past a depth limit,
 * insertion sort for short runs) over two parallel arrays, the 8-byte big-endian key prefixes and
 * the addresses. Most comparisons are decided by the prefixes alone; ties read the full keys from
 * the arena. Keys within one table are distinct.
 */
final class KeySorter {
  private static final int INSERTION_SORT_MAX = 16;

  private final long[] prefixes;
  private final long[] addresses;
  private final BytesTable table;
  private final BytesTable.Record a = new BytesTable.Record();
  private final BytesTable.Record b = new BytesTable.Record();

  private KeySorter(long[] prefixes, long[] addresses, BytesTable table) {
    this.prefixes = prefixes;
    this.addresses = addresses;
    this.table = table;
  }

  /** Sorts {@code addresses[0, n)} by key, permuting {@code prefixes} alongside. */
  static void sort(long[] prefixes, long[] addresses, int n, BytesTable table) {
    if (n > 1) {
      int depth = 2 * (32 - Integer.numberOfLeadingZeros(n));
      new KeySorter(prefixes, addresses, table).introsort(0, n, depth);
    }
  }

  private int compare(long prefixA, long addressA, long prefixB, long addressB) {
    int c = Long.compareUnsigned(prefixA, prefixB);
    return c != 0 ? c : table.compareKeys(addressA, addressB, a, b);
  }

  private int compareAt(int i, int j) {
    return compare(prefixes[i], addresses[i], prefixes[j], addresses[j]);
  }

  private void introsort(int from, int to, int depth) {
    while (to - from > INSERTION_SORT_MAX) {
      if (depth-- == 0) {
        heapsort(from, to);
        return;
      }
      int mid = (from + to) >>> 1;
      medianOfThreeToFrom(from, mid, to - 1);
      long pivotPrefix = prefixes[from];
      long pivotAddress = addresses[from];
      // Hoare-style partition around the pivot at 'from'.
      int i = from;
      int j = to;
      for (; ; ) {
        do {
          i++;
        } while (i < to && compare(prefixes[i], addresses[i], pivotPrefix, pivotAddress) < 0);
        do {
          j--;
        } while (compare(prefixes[j], addresses[j], pivotPrefix, pivotAddress) > 0);
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
      long p = prefixes[i];
      long ad = addresses[i];
      int j = i - 1;
      while (j >= from && compare(prefixes[j], addresses[j], p, ad) > 0) {
        prefixes[j + 1] = prefixes[j];
        addresses[j + 1] = addresses[j];
        j--;
      }
      prefixes[j + 1] = p;
      addresses[j + 1] = ad;
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
    long p = prefixes[i];
    prefixes[i] = prefixes[j];
    prefixes[j] = p;
    long ad = addresses[i];
    addresses[i] = addresses[j];
    addresses[j] = ad;
  }
}
