package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.cli.statement.Script;
import dev.sluice.cli.statement.ScriptStatement;
import org.junit.jupiter.api.Test;

class ShellOptionsTest {
  @Test
  void defaults() {
    assertThat(ShellOptions.parse()).isEqualTo(ShellOptions.defaults());
    assertThat(ShellOptions.defaults().rate()).isEqualTo(1000);
    assertThat(ShellOptions.defaults().script()).isNull();
  }

  @Test
  void readsFlagsWithSeparateOrInlineValues() {
    ShellOptions options =
        ShellOptions.parse(
            "--rate", "5", "--max-batches=3", "--interval", "0", "--max-rows=7", "-e", "SELECT 1");

    assertThat(options).isEqualTo(new ShellOptions(5, "SELECT 1", 3, 0, 7, false));
  }

  @Test
  void severalScriptsRunInOrderEachOnItsOwn() {
    assertThat(
            Script.split(ShellOptions.parse("-e", "SELECT 1 -- one", "-e", "SELECT 2").script())
                .all())
        .extracting(ScriptStatement::text)
        .containsExactly("SELECT 1", "SELECT 2");
  }

  @Test
  void rejectsUnknownFlagsAndBadValues() {
    assertThatThrownBy(() -> ShellOptions.parse("--fast")).hasMessage("unknown option '--fast'");
    assertThatThrownBy(() -> ShellOptions.parse("extra")).hasMessage("unexpected argument 'extra'");
    assertThatThrownBy(() -> ShellOptions.parse("--rate"))
        .hasMessage("option --rate needs a value");
    assertThatThrownBy(() -> ShellOptions.parse("--max-batches", "0"))
        .hasMessage("option --max-batches is '0' but must be an integer of at least 1");
  }
}
