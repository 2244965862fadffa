package dev.sluice.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The shell's command line.
 *
 * @param rate events per second each built-in Nexmark stream generates ({@code --rate}, default
 *     1000; 0 means as fast as queries read)
 * @param script statements to run instead of reading the terminal ({@code -e}, repeatable), or null
 *     for an interactive shell
 * @param maxBatches stop a continuous query after this many batches ({@code --max-batches}); 0 (the
 *     default) runs it until Ctrl-C
 * @param intervalMillis the trigger interval of continuous queries ({@code --interval}, default
 *     1000 ms; 0 starts the next batch as soon as the last ends)
 * @param maxRows the rows printed of each result table ({@code --max-rows}, default 20; the status
 *     line counts them all)
 * @param help print the usage and exit ({@code -h}, {@code --help})
 */
record ShellOptions(
    long rate, String script, long maxBatches, long intervalMillis, int maxRows, boolean help) {
  static final String USAGE =
      """
      Usage: sluice [options]
        -e, --execute SQL     run the statements in SQL, then exit (repeatable); the exit code
                              is 1 at the first error, 130 if stopped with Ctrl-C
        --rate N              events per second of the Nexmark streams (default 1000, 0 = unthrottled)
        --max-batches N       stop a continuous query after N batches (default: run until Ctrl-C)
        --interval MS         milliseconds between micro-batches (default 1000, 0 = back to back)
        --max-rows N          rows printed of each result table (default 20)
        -h, --help            print this help
      """;

  ShellOptions {
    if (rate < 0 || maxBatches < 0 || intervalMillis < 0 || maxRows < 1) {
      throw new IllegalArgumentException("invalid shell options");
    }
  }

  static ShellOptions defaults() {
    return new ShellOptions(1000, null, 0, 1000, 20, false);
  }

  /**
   * Parses the command line; flags take their value as the next argument or after {@code =}.
   *
   * @throws IllegalArgumentException naming the first unknown flag, missing or bad value
   */
  static ShellOptions parse(String... args) {
    long rate = 1000;
    long maxBatches = 0;
    long interval = 1000;
    long maxRows = 20;
    boolean help = false;
    List<String> scripts = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String flag = arg;
      String value = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        flag = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      }
      switch (flag) {
        case "-h", "--help" -> help = true;
        case "-e", "--execute", "--rate", "--max-batches", "--interval", "--max-rows" -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException("option " + flag + " needs a value");
            }
            value = args[++i];
          }
          switch (flag) {
            case "--rate" -> rate = number(flag, value, 0);
            case "--max-batches" -> maxBatches = number(flag, value, 1);
            case "--interval" -> interval = number(flag, value, 0);
            case "--max-rows" -> maxRows = Math.min(number(flag, value, 1), Integer.MAX_VALUE);
            default -> scripts.add(value);
          }
        }
        default ->
            throw new IllegalArgumentException(
                (arg.startsWith("-") ? "unknown option '" : "unexpected argument '") + arg + "'");
      }
    }
    // Each -e ends its last statement: one without ';', or ending in a -- comment, does not run
    // into the next.
    String script = scripts.isEmpty() ? null : String.join("\n;\n", scripts);
    return new ShellOptions(rate, script, maxBatches, interval, (int) maxRows, help);
  }

  private static long number(String flag, String value, long min) {
    try {
      long number = Long.parseLong(value.trim());
      if (number >= min) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "option " + flag + " is '" + value + "' but must be an integer of at least " + min);
  }
}
