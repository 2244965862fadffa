package dev.sluice.sqltests;

import dev.sluice.api.Sluice;
import dev.sluice.cli.render.ResultText;
import dev.sluice.cli.session.ShellSession;
import dev.sluice.cli.statement.Script;
import dev.sluice.cli.statement.ScriptStatement;
import dev.sluice.cli.statement.Statement;
import dev.sluice.cli.statement.StatementParser;
import dev.sluice.execution.driver.ManualClock;
import dev.sluice.execution.error.SluiceException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Runs a golden-file script in a fresh session, the way the shell runs {@code sluice -f}, and gives
 * its expected-output text: for each statement, the statement as written, then its result ({@link
 * ResultText}), then a blank line.
 *
 * <p>The session runs on a manual clock starting at {@link #CLOCK_START} (so processing time is the
 * same on every run and only {@code ADVANCE CLOCK} moves it), with 2 partition threads and small
 * 1024-row chunks.
 */
final class GoldenScript {
  static final Instant CLOCK_START = Instant.parse("2026-01-01T00:00:00Z");

  private final String text;
  private final List<ScriptStatement> statements;

  GoldenScript(String text) {
    this.text = text;
    this.statements = Script.split(text).all();
  }

  /** The expected-output text of a plain run. */
  String run() {
    return run(OptionalInt.empty());
  }

  /**
   * The statement after which the restarted run stops and restarts every query: the middle one of
   * the script's {@code RUN BATCH} / {@code RUN UNTIL IDLE} statements; empty if the script has
   * none (it has no query to restart).
   */
  OptionalInt restartPoint() {
    List<Integer> runs = new ArrayList<>();
    for (int i = 0; i < statements.size(); i++) {
      if (isRun(statements.get(i))) {
        runs.add(i);
      }
    }
    return runs.isEmpty() ? OptionalInt.empty() : OptionalInt.of(runs.get(runs.size() / 2));
  }

  /**
   * The expected-output text of a run that stops every running query after statement {@code
   * restartAfter} and starts it again from its checkpoint.
   */
  String run(OptionalInt restartAfter) {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    ManualClock clock = new ManualClock(CLOCK_START.toEpochMilli());
    StringBuilder out = new StringBuilder();
    try (Sluice sluice =
            Sluice.builder()
                .clock(clock)
                .parallelism(2)
                .maxRowsPerBatch(1024)
                .console(new PrintStream(console, true, StandardCharsets.UTF_8))
                .build();
        ShellSession session = new ShellSession(sluice, ShellSession.Mode.SCRIPT, clock, null)) {
      for (int i = 0; i < statements.size(); i++) {
        ScriptStatement statement = statements.get(i);
        out.append(statement.text()).append('\n');
        for (String line : ResultText.lines(session.execute(statement))) {
          out.append(line).append('\n');
        }
        out.append('\n');
        if (restartAfter.isPresent() && restartAfter.getAsInt() == i) {
          session.restartQueries();
        }
      }
    }
    return out.toString();
  }

  private static boolean isRun(ScriptStatement statement) {
    try {
      Statement parsed = StatementParser.parse(statement);
      return parsed instanceof Statement.RunBatch || parsed instanceof Statement.RunUntilIdle;
    } catch (SluiceException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
