package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.cli.ShellOptions.ScriptSource;
import dev.sluice.cli.render.OutputFormat;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ShellOptionsTest {
  @Test
  void defaults() {
    assertThat(ShellOptions.parse()).isEqualTo(ShellOptions.defaults());
    assertThat(ShellOptions.defaults().rate()).isEqualTo(1000);
    assertThat(ShellOptions.defaults().scripted()).isFalse();
    assertThat(ShellOptions.defaults().output()).isEqualTo(OutputFormat.TABLE);
    assertThat(ShellOptions.defaults().history()).isNotNull();
  }

  @Test
  void readsFlagsWithSeparateOrInlineValues() {
    ShellOptions options =
        ShellOptions.parse(
            "--rate",
            "5",
            "--partitions=3",
            "--max-batches=3",
            "--interval",
            "0",
            "--max-rows=7",
            "--output=CSV",
            "--continue-on-error",
            "--history",
            "/tmp/h",
            "--checkpoint-root=/tmp/c",
            "-e",
            "SELECT 1");

    assertThat(options)
        .isEqualTo(
            new ShellOptions(
                5,
                3,
                java.util.List.of(ScriptSource.text("SELECT 1")),
                3,
                0,
                7,
                true,
                OutputFormat.CSV,
                Path.of("/tmp/h"),
                Path.of("/tmp/c"),
                false));
  }

  @Test
  void scriptsAndFilesRunInCommandLineOrder() {
    assertThat(ShellOptions.parse("-f", "a.sql", "-e", "SELECT 1", "--file=b.sql").scripts())
        .containsExactly(
            ScriptSource.file(Path.of("a.sql")),
            ScriptSource.text("SELECT 1"),
            ScriptSource.file(Path.of("b.sql")));
  }

  @Test
  void noHistoryKeepsNoFile() {
    assertThat(ShellOptions.parse("--no-history").history()).isNull();
  }

  @Test
  void rejectsUnknownFlagsAndBadValues() {
    assertThatThrownBy(() -> ShellOptions.parse("--fast")).hasMessage("unknown option '--fast'");
    assertThatThrownBy(() -> ShellOptions.parse("extra")).hasMessage("unexpected argument 'extra'");
    assertThatThrownBy(() -> ShellOptions.parse("--rate"))
        .hasMessage("option --rate needs a value");
    assertThatThrownBy(() -> ShellOptions.parse("-f")).hasMessage("option -f needs a value");
    assertThatThrownBy(() -> ShellOptions.parse("--max-batches", "0"))
        .hasMessage("option --max-batches is '0' but must be an integer of at least 1");
    assertThatThrownBy(() -> ShellOptions.parse("--output", "xml"))
        .hasMessage("option --output is 'xml' but must be table, csv or json");
  }
}
