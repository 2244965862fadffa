package dev.sluice.sources.nexmark;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.VarCharVector;

/**
 * The strings of the Nexmark generator, made cheap: random text is a <i>slice</i> of a fixed pool
 * of pseudo-random characters (a random start and length), written into a vector straight from the
 * pool, so no per-row {@code String} is built. Word lists (names, cities, states, channels, URLs)
 * are precomputed as UTF-8 bytes. Everything here is built from a fixed seed, so it is the same in
 * every run; the per-event choices come from the event's {@link EventRandom}.
 *
 * <p>A slice is packed in a {@code long}: the start in the high 32 bits, the length in the low 32.
 */
final class NexmarkText {
  private static final int POOL_SIZE = 1 << 16;
  private static final int MIN_PHRASE_LENGTH = 3;

  /** Lower-case letters; the pool of {@code extra} padding. */
  static final byte[] LETTERS = pool(false);

  /** Lower-case letters with a space one time in 13; the pool of names and descriptions. */
  static final byte[] WORDS = pool(true);

  private static final String[] FIRST_NAMES = {
    "Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah", "Deiter", "Walter"
  };
  private static final String[] LAST_NAMES = {
    "Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones", "Noris"
  };

  /** Every "first last" combination. */
  static final byte[][] PERSON_NAMES = personNames();

  static final byte[][] CITIES =
      utf8(
          "Phoenix",
          "Los Angeles",
          "San Francisco",
          "Boise",
          "Portland",
          "Bend",
          "Redmond",
          "Seattle",
          "Kent",
          "Cheyenne");

  static final byte[][] STATES = utf8("AZ", "CA", "ID", "OR", "WA", "WY");

  /** The channels half of all bids come from. */
  static final byte[][] HOT_CHANNELS = utf8("Google", "Facebook", "Baidu", "Apple");

  /** The number of other channels, {@code channel-0} to {@code channel-9999}. */
  static final int CHANNEL_COUNT = 10_000;

  static final byte[][] CHANNELS = channels();

  static final byte[][] HOT_URLS;

  /** The URL of each of {@link #CHANNELS}; nine in ten carry {@code &channel_id=}. */
  static final byte[][] CHANNEL_URLS;

  static {
    EventRandom random = new EventRandom(0x6E65786D61726BL);
    random.reset(0);
    HOT_URLS = new byte[HOT_CHANNELS.length][];
    for (int i = 0; i < HOT_URLS.length; i++) {
      HOT_URLS[i] = baseUrl(random).getBytes(StandardCharsets.UTF_8);
    }
    CHANNEL_URLS = new byte[CHANNEL_COUNT][];
    for (int i = 0; i < CHANNEL_COUNT; i++) {
      String url = baseUrl(random);
      if (random.nextInt(10) > 0) {
        url += "&channel_id=" + Math.abs(Integer.reverse(i));
      }
      CHANNEL_URLS[i] = url.getBytes(StandardCharsets.UTF_8);
    }
  }

  private NexmarkText() {}

  /**
   * A random phrase of {@code 3 .. maxLength - 1} characters from {@link #WORDS}, trimmed of spaces
   * at both ends (so it may be shorter).
   */
  static long phrase(EventRandom random, int maxLength) {
    int length = MIN_PHRASE_LENGTH + random.nextInt(maxLength - MIN_PHRASE_LENGTH);
    int start = random.nextInt(POOL_SIZE - length);
    while (length > 0 && WORDS[start] == ' ') {
      start++;
      length--;
    }
    while (length > 0 && WORDS[start + length - 1] == ' ') {
      length--;
    }
    return slice(start, length);
  }

  /**
   * Padding from {@link #LETTERS} that brings an event of {@code currentSize} bytes to {@code
   * averageSize} bytes on average: {@code d = averageSize - currentSize} bytes give or take 20 %
   * (uniform in {@code [0.8 d, 1.2 d)}), none when the event is already larger.
   */
  static long extra(EventRandom random, int currentSize, int averageSize) {
    if (currentSize > averageSize) {
      return slice(0, 0);
    }
    int wanted = averageSize - currentSize;
    int delta = (int) Math.round(wanted * 0.2);
    int length = wanted - delta + (delta == 0 ? 0 : random.nextInt(2 * delta));
    return slice(random.nextInt(POOL_SIZE - length), length);
  }

  /**
   * Writes {@code phrase(7) + "@" + phrase(5) + ".com"} into {@code buffer} (at least 16 bytes);
   * returns its length.
   */
  static int email(EventRandom random, byte[] buffer) {
    int length = copy(WORDS, phrase(random, 7), buffer, 0);
    buffer[length++] = '@';
    length += copy(WORDS, phrase(random, 5), buffer, length);
    buffer[length++] = '.';
    buffer[length++] = 'c';
    buffer[length++] = 'o';
    buffer[length++] = 'm';
    return length;
  }

  /** Writes four groups of four random digits ({@code "0042 1234 9999 0000"}) into 19 bytes. */
  static void creditCard(EventRandom random, byte[] buffer) {
    for (int group = 0; group < 4; group++) {
      int digits = random.nextInt(10_000);
      int at = group * 5;
      for (int i = 3; i >= 0; i--) {
        buffer[at + i] = (byte) ('0' + digits % 10);
        digits /= 10;
      }
      if (group < 3) {
        buffer[at + 4] = ' ';
      }
    }
  }

  static int length(long slice) {
    return (int) slice;
  }

  /** Writes slice {@code slice} of {@code pool} at {@code row} of {@code vector}. */
  static void write(VarCharVector vector, int row, byte[] pool, long slice) {
    vector.setSafe(row, pool, (int) (slice >>> 32), (int) slice);
  }

  private static long slice(int start, int length) {
    return ((long) start << 32) | length;
  }

  private static int copy(byte[] pool, long slice, byte[] target, int at) {
    int length = (int) slice;
    System.arraycopy(pool, (int) (slice >>> 32), target, at, length);
    return length;
  }

  private static byte[] pool(boolean withSpaces) {
    EventRandom random = new EventRandom(withSpaces ? 13 : 26);
    random.reset(0);
    byte[] pool = new byte[POOL_SIZE];
    for (int i = 0; i < POOL_SIZE; i++) {
      pool[i] =
          withSpaces && random.nextInt(13) == 0 ? (byte) ' ' : (byte) ('a' + random.nextInt(26));
    }
    return pool;
  }

  private static byte[][] personNames() {
    byte[][] names = new byte[FIRST_NAMES.length * LAST_NAMES.length][];
    int i = 0;
    for (String first : FIRST_NAMES) {
      for (String last : LAST_NAMES) {
        names[i++] = (first + " " + last).getBytes(StandardCharsets.UTF_8);
      }
    }
    return names;
  }

  private static byte[][] channels() {
    byte[][] channels = new byte[CHANNEL_COUNT][];
    for (int i = 0; i < CHANNEL_COUNT; i++) {
      channels[i] = ("channel-" + i).getBytes(StandardCharsets.UTF_8);
    }
    return channels;
  }

  /** {@code https://www.nexmark.com/<w>/<w>/<w>/item.htm?query=1}, words of 3-4 of [a-z_]. */
  private static String baseUrl(EventRandom random) {
    return "https://www.nexmark.com/"
        + urlWord(random)
        + '/'
        + urlWord(random)
        + '/'
        + urlWord(random)
        + "/item.htm?query=1";
  }

  private static String urlWord(EventRandom random) {
    int length = MIN_PHRASE_LENGTH + random.nextInt(5 - MIN_PHRASE_LENGTH);
    StringBuilder word = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      word.append(random.nextInt(13) == 0 ? '_' : (char) ('a' + random.nextInt(26)));
    }
    return word.toString();
  }

  private static byte[][] utf8(String... values) {
    byte[][] bytes = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = values[i].getBytes(StandardCharsets.UTF_8);
    }
    return bytes;
  }
}
