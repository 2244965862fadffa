package dev.sluice.cli.terminal;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp.Capability;

/** Erases the last lines printed on a terminal that can move its cursor up and clear below. */
public final class TerminalRedraw implements BatchPrinter.Redraw {
  private final Terminal terminal;

  private TerminalRedraw(Terminal terminal) {
    this.terminal = terminal;
  }

  /** A redraw for {@code terminal}, or empty when it cannot (a dumb terminal, a pipe). */
  public static Optional<BatchPrinter.Redraw> of(Terminal terminal) {
    requireNonNull(terminal, "terminal is null");
    boolean capable =
        terminal.getStringCapability(Capability.cursor_up) != null
            && terminal.getStringCapability(Capability.clr_eos) != null
            && terminal.getStringCapability(Capability.carriage_return) != null;
    return capable ? Optional.of(new TerminalRedraw(terminal)) : Optional.empty();
  }

  @Override
  public void erase(int lines) {
    if (lines >= terminal.getHeight()) {
      return; // its top has scrolled off the screen: erasing would leave half a table
    }
    terminal.writer().flush();
    terminal.puts(Capability.carriage_return);
    for (int i = 0; i < lines; i++) {
      terminal.puts(Capability.cursor_up);
    }
    terminal.puts(Capability.clr_eos);
    terminal.flush();
  }
}
