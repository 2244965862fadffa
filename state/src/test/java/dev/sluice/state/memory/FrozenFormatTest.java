package dev.sluice.state.memory;

import static dev.sluice.state.memory.StateTesting.bytes;
import static dev.sluice.state.memory.StateTesting.contents;
import static dev.sluice.state.memory.StateTesting.files;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.state.StateEntry;
import dev.sluice.state.StateStore;
import dev.sluice.state.encoding.BinaryReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the state directory frozen under {@code src/test/resources/frozen/v1} (format version 1) in
 * every build. If a change to the file format, the key encoding or the loader breaks checkpoints
 * written by earlier builds, this test fails. The expected contents are written out literally here,
 * not computed by the code under test.
 */
class FrozenFormatTest {
  private static final HexFormat HEX = HexFormat.of();

  /** encodedKey(-60000, "ключ"): zig-zag varint, then length-prefixed UTF-8. */
  private static final byte[] KEY = HEX.parseHex("bfa90708d0bad0bbd18ed187");

  /** encodedAccumulator(3, 4.5, null). */
  private static final byte[] ACC_1 = HEX.parseHex("06401200000000000000");

  /** encodedAccumulator(4, NaN, "zz"). */
  private static final byte[] ACC_2 = HEX.parseHex("087ff800000000000001027a7a");

  private static final byte[] FF00 = {(byte) 0xff, 0x00};
  private static final byte[] X200 = bytes("x".repeat(200));

  @TempDir Path root;

  private static Path frozen() {
    try {
      return Path.of(FrozenFormatTest.class.getResource("/frozen/v1").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void copy(Path from, Path to) {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static StateEntry entry(byte[] key, byte[] value) {
    return new StateEntry(key, value);
  }

  private static List<List<StateEntry>> expectedAggVersions() {
    StateEntry empty = entry(new byte[0], bytes("empty key"));
    StateEntry high = entry(FF00, new byte[] {(byte) 0x80, 0x7f});
    StateEntry c = entry(bytes("c"), X200);
    StateEntry d = entry(bytes("d"), bytes("δ ✓ 😀"));
    return List.of(
        List.of(),
        List.of(
            empty,
            entry(bytes("a"), bytes("1")),
            entry(bytes("b"), new byte[0]),
            entry(KEY, ACC_1),
            high),
        List.of(empty, entry(bytes("a"), bytes("one")), c, entry(KEY, ACC_1), high),
        List.of(empty, entry(bytes("a"), bytes("uno")), c, d, entry(KEY, ACC_2), high),
        List.of(entry(bytes("b"), bytes("back")), c, d, entry(KEY, ACC_2), high),
        List.of(entry(bytes("b"), bytes("back")), c, d, entry(KEY, ACC_2), high));
  }

  @Test
  void frozenVersion1LoadsAtEveryVersion() {
    copy(frozen(), root);
    assertThat(files(root))
        .containsExactly(
            "agg-1/5/1.delta",
            "agg-1/5/2.delta",
            "agg-1/5/3.delta",
            "agg-1/5/3.snapshot",
            "agg-1/5/4.delta",
            "agg-1/5/5.delta",
            "join_left-2/0/1.delta");
    InMemoryStateStoreProvider provider =
        new InMemoryStateStoreProvider(root, FrozenStateScript.OPTIONS);
    List<List<StateEntry>> expected = expectedAggVersions();
    for (int v = 0; v < expected.size(); v++) {
      try (StateStore store = provider.open(FrozenStateScript.AGG, v)) {
        assertThat(contents(store)).as("agg-1/5 version %d", v).isEqualTo(expected.get(v));
      }
    }
    try (StateStore store = provider.open(FrozenStateScript.JOIN, 1)) {
      assertThat(contents(store))
          .containsExactly(
              entry(
                  HEX.parseHex("ffffffffffffffffff0100"),
                  HEX.parseHex("feffffffffffffffff0180000000000000000100")));
    }
  }

  @Test
  void frozenKeysAndAccumulatorsDecode() {
    BinaryReader key = new BinaryReader(KEY);
    assertThat(key.readVarLong()).isEqualTo(-60_000);
    assertThat(key.readString()).isEqualTo("ключ");
    BinaryReader acc = new BinaryReader(ACC_2);
    assertThat(acc.readVarLong()).isEqualTo(4);
    assertThat(acc.readDouble()).isNaN();
    assertThat(acc.readNullableString()).isEqualTo("zz");
    BinaryReader join = new BinaryReader(HEX.parseHex("feffffffffffffffff0180000000000000000100"));
    assertThat(join.readVarLong()).isEqualTo(Long.MAX_VALUE);
    assertThat(Double.doubleToRawLongBits(join.readDouble()))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(join.readNullableString()).isEmpty();
    assertThat(join.isAtEnd()).isTrue();
  }

  /**
   * Today's writer still produces exactly the frozen bytes. If this fails but the loading test
   * passes, the writer changed the format: bump the format version and freeze a new directory.
   */
  @Test
  void todaysWriterProducesTheFrozenBytes() throws IOException {
    FrozenStateScript.run(root);
    Path frozen = frozen();
    assertThat(files(root)).isEqualTo(files(frozen));
    for (String name : files(frozen)) {
      assertThat(Files.readAllBytes(root.resolve(name)))
          .as(name)
          .isEqualTo(Files.readAllBytes(frozen.resolve(name)));
    }
  }
}
