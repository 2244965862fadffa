package dev.sluice.sqltests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden-file suite: each {@code inputs/<area>/<name>.sql} runs in a fresh session and must
 * print exactly {@code results/<area>/<name>.sql.out}; a script that runs queries runs a second
 * time, stopping and restarting them from their checkpoints in the middle, and must print the same.
 * Files run in parallel (junit-platform.properties).
 *
 * <p>{@code mvn -pl sql-tests test -Dsluice.goldens.regenerate=true} rewrites the result files from
 * what the scripts print now; review the change with {@code git diff}. See docs/golden-tests.md.
 */
class GoldenFileTest {
  static final Path INPUTS = Path.of("src", "test", "resources", "inputs");
  static final Path RESULTS = Path.of("src", "test", "resources", "results");
  static final boolean REGENERATE = Boolean.getBoolean("sluice.goldens.regenerate");

  /** Runs only the inputs whose path starts with this, e.g. {@code windows/} (all when unset). */
  static final String ONLY = System.getProperty("sluice.goldens.only", "");

  static Stream<String> inputs() throws IOException {
    return scripts(INPUTS, ".sql").stream().filter(name -> name.startsWith(ONLY));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void printsItsResultFile(String name) throws IOException {
    GoldenScript script = new GoldenScript(Files.readString(INPUTS.resolve(name)));
    String actual = script.run();
    Path result = RESULTS.resolve(name + ".out");
    if (REGENERATE) {
      Files.createDirectories(result.getParent());
      Files.writeString(result, actual, StandardCharsets.UTF_8);
    }
    assertThat(result)
        .as("result file of %s (generate it with -Dsluice.goldens.regenerate=true)", name)
        .exists();
    String expected = Files.readString(result);
    if (!expected.equals(actual)) {
      throw new AssertionError(
          name
              + " printed something else than "
              + result
              + " (rerun with -Dsluice.goldens.regenerate=true and review git diff if the change"
              + " is right):\n"
              + UnifiedDiff.of(expected, actual));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void printsTheSameWhenItsQueriesRestartHalfway(String name) throws IOException {
    GoldenScript script = new GoldenScript(Files.readString(INPUTS.resolve(name)));
    OptionalInt restartAfter = script.restartPoint();
    if (restartAfter.isEmpty()) {
      return; // no RUN statement: nothing runs that a restart could change
    }
    String plain = script.run();
    String restarted = script.run(restartAfter);
    if (!plain.equals(restarted)) {
      throw new AssertionError(
          name
              + " printed something else when its queries were stopped and restarted from their"
              + " checkpoints after statement "
              + (restartAfter.getAsInt() + 1)
              + ":\n"
              + UnifiedDiff.of(plain, restarted));
    }
  }

  @Test
  void everyInputHasAResultFileAndEveryResultFileAnInput() throws IOException {
    List<String> expected = new ArrayList<>();
    scripts(INPUTS, ".sql").forEach(name -> expected.add(name + ".out"));
    assertThat(scripts(RESULTS, ".sql.out"))
        .as("result files under %s (inputs under %s)", RESULTS, INPUTS)
        .containsExactlyElementsOf(expected);
  }

  /** The files under {@code root} ending in {@code suffix}, as sorted relative paths. */
  static List<String> scripts(Path root, String suffix) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return new ArrayList<>(
          files
              .filter(path -> path.toString().endsWith(suffix))
              .map(path -> root.relativize(path).toString().replace('\\', '/'))
              .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
    }
  }
}
