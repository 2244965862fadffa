package dev.sluice.state.memory;

import dev.sluice.state.encoding.Varints;
import java.util.ArrayList;
import java.util.List;

/**
 * The committed value of every key that existed at the last commit and was changed or removed
 * since: what {@link InMemoryStateStore#abort()} puts back. Records {@code [varint
 * keyLength][varint valueLength][key][value]} in chunks of up to 1 MiB (a bigger record gets a
 * chunk of its own), so it never needs one huge array. Emptied, and its memory released, at every
 * commit and abort.
 */
final class UndoLog {
  private static final int MIN_CHUNK = 1 << 10;
  private static final int MAX_CHUNK = 1 << 20;

  /** Receives one logged key and its old value. */
  interface Visitor {
    void accept(byte[] bytes, int keyOffset, int keyLength, int valueOffset, int valueLength);
  }

  private final List<byte[]> chunks = new ArrayList<>();
  private final List<Integer> used = new ArrayList<>();
  private long bytes;
  private int count;

  void add(byte[] source, int keyOffset, int keyLength, int valueOffset, int valueLength) {
    int length =
        Varints.sizeOfUnsignedInt(keyLength)
            + Varints.sizeOfUnsignedInt(valueLength)
            + keyLength
            + valueLength;
    int last = chunks.size() - 1;
    if (last < 0 || chunks.get(last).length - used.get(last) < length) {
      int size = (int) Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, Long.highestOneBit(bytes + 1)));
      chunks.add(new byte[Math.max(size, length)]);
      used.add(0);
      last++;
    }
    byte[] chunk = chunks.get(last);
    int o = used.get(last);
    o = Varints.writeUnsignedInt(chunk, o, keyLength);
    o = Varints.writeUnsignedInt(chunk, o, valueLength);
    System.arraycopy(source, keyOffset, chunk, o, keyLength);
    System.arraycopy(source, valueOffset, chunk, o + keyLength, valueLength);
    used.set(last, o + keyLength + valueLength);
    bytes += length;
    count++;
  }

  void forEach(Visitor visitor) {
    for (int c = 0; c < chunks.size(); c++) {
      byte[] chunk = chunks.get(c);
      int end = used.get(c);
      int o = 0;
      while (o < end) {
        int keyLength = Varints.readUnsignedInt(chunk, o);
        o += Varints.sizeOfUnsignedInt(keyLength);
        int valueLength = Varints.readUnsignedInt(chunk, o);
        o += Varints.sizeOfUnsignedInt(valueLength);
        visitor.accept(chunk, o, keyLength, o + keyLength, valueLength);
        o += keyLength + valueLength;
      }
    }
  }

  int count() {
    return count;
  }

  void clear() {
    chunks.clear();
    used.clear();
    bytes = 0;
    count = 0;
  }

  long memoryBytes() {
    long total = 0;
    for (byte[] chunk : chunks) {
      total += 16 + chunk.length;
    }
    return total + 16L * used.size();
  }
}
