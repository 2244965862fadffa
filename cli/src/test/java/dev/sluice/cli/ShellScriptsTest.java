package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -f}, {@code \i}, {@code --continue-on-error}, {@code --output} and the history file. */
class ShellScriptsTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  @Test
  void aFileRunsAndItsErrorNamesTheFileAndLine() throws IOException {
    Path setup =
        write(
            "setup.sql",
            """
            CREATE STREAM clicks (user_id BIGINT, url VARCHAR) WITH (connector = 'memory');
            -- the next statement is wrong on line 3
            SELECT nope FROM clicks;
            SHOW STREAMS;
            """);

    ShellHarness.Result result = ShellHarness.run("", "-f", setup.toString());

    assertThat(result.exitCode()).isEqualTo(SluiceShell.EXIT_ERROR);
    assertThat(result.output())
        .contains("created stream clicks")
        .contains(setup + ":3: ERROR [UNKNOWN_COLUMN] unknown column 'nope'")
        .contains("  SELECT nope FROM clicks\n         ^\n")
        .doesNotContain("(1 row)"); // SHOW STREAMS did not run
  }

  @Test
  void continueOnErrorRunsEveryStatementAndStillExitsWithOne() throws IOException {
    Path script = write("s.sql", "SELECT * FROM nope;\nSELECT 2 AS two;\n");

    ShellHarness.Result result =
        ShellHarness.run("", "--continue-on-error", "-f", script.toString(), "-e", "SELECT 3 AS c");

    assertThat(result.exitCode()).isEqualTo(SluiceShell.EXIT_ERROR);
    assertThat(result.output())
        .contains(script + ":1: ERROR [UNKNOWN_TABLE]")
        .contains("|two|")
        .contains("|  c|");
  }

  @Test
  void filesAndStatementsRunInCommandLineOrderInOneSession() throws IOException {
    Path create = write("create.sql", "CREATE TABLE t (n BIGINT) AS VALUES (1), (2), (3);\n");

    ShellHarness.Result result =
        ShellHarness.run("", "-f", create.toString(), "-e", "SELECT SUM(n) AS total FROM t");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("created table t with 3 rows").contains("|    6|");
  }

  @Test
  void aMissingFileIsAnIoError() {
    ShellHarness.Result result = ShellHarness.run("", "-f", dir.resolve("nope.sql").toString());

    assertThat(result.exitCode()).isEqualTo(SluiceShell.EXIT_ERROR);
    assertThat(result.output())
        .contains("ERROR [IO_ERROR] cannot read the script '" + dir.resolve("nope.sql"))
        .contains("no such file");
  }

  @Test
  void includeRunsAFileFromThePromptAndNestedIncludesAreRelativeToTheirFile() throws IOException {
    write("lib/table.sql", "CREATE TABLE t (n BIGINT) AS VALUES (40), (2);\n");
    Path main = write("lib/main.sql", "\\i table.sql\nSELECT SUM(n) AS answer FROM t;\n");

    ShellHarness.Result result = ShellHarness.run("\\i " + main + "\nSELECT 1 AS after;\n");

    assertThat(result.exitCode()).isZero();
    assertThat(result.output())
        .contains("created table t with 2 rows")
        .contains("|    42|")
        .contains("|after|");
  }

  @Test
  void aFileIncludingItselfStopsWithAnError() throws IOException {
    Path loop = write("loop.sql", "SELECT 1 AS looped;\n\\i loop.sql\n");

    ShellHarness.Result result = ShellHarness.run("\\i " + loop + "\nSELECT 2 AS alive;\n");

    assertThat(result.output())
        .contains("ERROR [INVALID_ARGUMENT] \\i of '")
        .contains("nests files 16 deep: does a file include itself?")
        .contains("|alive|"); // the interactive shell goes on
    assertThat(result.output().split("\\|looped\\|", -1))
        .hasSize(SluiceShell.MAX_INCLUDE_DEPTH + 1);
  }

  @Test
  void includeWithoutAFileSaysHowToUseIt() {
    ShellHarness.Result result = ShellHarness.run("\\i\n");

    assertThat(result.output())
        .contains("ERROR [SYNTAX_ERROR] \\i needs a file: \\i path/to/script.sql");
  }

  @Test
  void csvOutputPrintsRowsAloneOnStandardOutput() {
    ShellHarness.Result result =
        ShellHarness.run(
            "",
            "--output",
            "csv",
            "-e",
            """
            CREATE TABLE t (id BIGINT, name VARCHAR, at TIMESTAMP(3)) AS VALUES
              (1, 'plain', TIMESTAMP '2026-01-01 00:00:10'),
              (2, 'with, comma', NULL),
              (3, 'say "hi"', NULL),
              (4, '', NULL),
              (5, NULL, NULL);
            SELECT * FROM t ORDER BY id;""");

    assertThat(result.exitCode()).as(result.errors()).isZero();
    assertThat(result.output())
        .isEqualTo(
            """
            id,name,at
            1,plain,2026-01-01 00:00:10.000
            2,"with, comma",
            3,"say ""hi\""",
            4,"",
            5,,
            """);
    assertThat(result.errors()).contains("created table t with 5 rows");
  }

  @Test
  void jsonOutputPrintsOneObjectARow() {
    ShellHarness.Result result =
        ShellHarness.run(
            "",
            "--output=json",
            "-e",
            "SELECT 1 AS n, 'a' AS s, CAST(NULL AS VARCHAR) AS nothing, TRUE AS b, 2.50 AS d;");

    assertThat(result.exitCode()).as(result.errors()).isZero();
    assertThat(result.output())
        .isEqualTo("{\"n\":1,\"s\":\"a\",\"nothing\":null,\"b\":true,\"d\":2.50}\n");
  }

  @Test
  void csvOutputOfAContinuousQueryCarriesTheBatchOfEachRow() {
    ShellHarness.Result result =
        ShellHarness.run(
            "",
            SluiceShellTest.args(
                "--output", "csv", "--max-batches", "2", "-e", "SELECT auction, price FROM bid;"));

    assertThat(result.exitCode()).as(result.errors()).isZero();
    String[] lines = result.output().split("\n");
    assertThat(lines[0]).isEqualTo("batch_id,auction,price");
    assertThat(lines).hasSizeGreaterThan(2);
    for (int i = 1; i < lines.length; i++) {
      assertThat(lines[i]).matches("[01],\\d+,\\d+");
    }
    assertThat(result.errors()).contains("batch 0 · ").contains("batch 1 · ");
  }

  @Test
  void errorsGoToStandardErrorWithCsvOutput() {
    ShellHarness.Result result =
        ShellHarness.run("", "--output", "csv", "-e", "SELECT * FROM nope");

    assertThat(result.exitCode()).isEqualTo(SluiceShell.EXIT_ERROR);
    assertThat(result.output()).isEmpty();
    assertThat(result.errors()).contains("ERROR [UNKNOWN_TABLE]");
  }

  @Test
  void theInteractiveShellKeepsItsHistoryInAFile() throws IOException {
    Path history = dir.resolve("history");

    ShellHarness.run("SELECT 6 * 7 AS answer;\n\\q\n", "--history", history.toString());

    assertThat(Files.readString(history)).contains("SELECT 6 * 7 AS answer;");
  }
}
