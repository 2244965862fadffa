package dev.sluice.cli.session;

import dev.sluice.execution.connector.Durations;
import dev.sluice.execution.connector.OutputMode;
import dev.sluice.execution.driver.Trigger;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The session's settings ({@code SET key = value}, {@code RESET key}, {@code SHOW SETTINGS}): how
 * the queries that {@code INSERT INTO} starts run. Each is checked when set, so a bad value fails
 * at its {@code SET}, not at the next query. Keys are case-insensitive.
 *
 * <p>{@code stateTtl.<operator>} keys (one aggregation's state TTL, operator ids as {@code EXPLAIN}
 * shows them) are accepted besides the fixed ones.
 */
final class Settings {
  static final String TRIGGER = "trigger";
  static final String OUTPUT_MODE = "outputMode";
  static final String STATE_TTL = "stateTtl";

  /**
   * A known setting: its default (null: unset) and what it does. A fixed one shows how the session
   * was started and cannot be set.
   */
  record Definition(
      String key, String defaultValue, String description, Consumer<String> check, boolean fixed) {}

  /** A setting's current value, for SHOW SETTINGS. */
  record Value(String key, String value, String defaultValue, String description) {}

  private final Map<String, Definition> definitions = new LinkedHashMap<>();
  private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  /**
   * @param defaultTrigger {@code manual} for scripts that step their queries with {@code RUN
   *     BATCH}, an interval such as {@code 1 second} for the interactive shell
   */
  Settings(String defaultTrigger) {
    define(
        TRIGGER,
        defaultTrigger,
        "when queries started by INSERT INTO run a batch: manual (only RUN BATCH), continuous"
            + " (as soon as data arrives), availableNow, once, or an interval such as '1 second'",
        Settings::trigger);
    define(
        OUTPUT_MODE,
        "auto",
        "the output mode of queries without EMIT: append, update, complete, changelog, or auto"
            + " (append, or update for an aggregation whose groups no watermark closes)",
        Settings::outputMode);
    define(
        STATE_TTL,
        null,
        "state TTL of aggregations without an event-time bound, e.g. '1 hour'",
        Settings::duration);
    define(
        "watermarkPolicy",
        "min",
        "how the watermarks of several inputs combine: min or max",
        value -> oneOf(value, "min", "max"));
    define(
        "watermarkIdleTimeout",
        null,
        "an input without events for this long stops holding the watermark back, e.g. '30"
            + " seconds'",
        Settings::duration);
    define(
        "keyGroups",
        "128",
        "key groups of a new query's state (a power of two), fixed at its first start",
        Settings::powerOfTwo);
    define(
        "lateRowsSink",
        null,
        "a memory sink name: rows the stateful operators drop as late go there",
        value -> {});
  }

  private void define(String key, String defaultValue, String description, Consumer<String> check) {
    definitions.put(
        key.toLowerCase(Locale.ROOT), new Definition(key, defaultValue, description, check, false));
  }

  /** A setting fixed when the session starts, shown by SHOW SETTINGS; SET refuses it. */
  void defineFixed(String key, String value, String description) {
    definitions.put(
        key.toLowerCase(Locale.ROOT), new Definition(key, value, description, v -> {}, true));
  }

  /** The known settings' names, as SHOW SETTINGS lists them. */
  List<String> keys() {
    return definitions.values().stream().map(Definition::key).toList();
  }

  /**
   * Sets {@code key}.
   *
   * @throws SluiceException UNKNOWN_OPTION naming the settings, INVALID_OPTION for a bad value
   */
  void set(String key, String value) {
    Definition definition = definition(key);
    if (definition.fixed()) {
      throw new SluiceException(
          ErrorCode.INVALID_OPTION,
          definition.key() + " is fixed when the session starts: " + definition.description());
    }
    try {
      definition.check().accept(value);
    } catch (IllegalArgumentException e) {
      throw new SluiceException(
          ErrorCode.INVALID_OPTION,
          "'" + value + "' is not a valid " + definition.key() + ": " + e.getMessage(),
          e);
    }
    values.put(isOperatorTtl(key) ? key : definition.key(), value);
  }

  /** Sets {@code key} back to its default. */
  void reset(String key) {
    definition(key);
    values.remove(key);
  }

  void resetAll() {
    values.clear();
  }

  /** The value of {@code key}: set, or its default (empty if it has none). */
  Optional<String> get(String key) {
    String value = values.get(key);
    return value != null
        ? Optional.of(value)
        : Optional.ofNullable(definitions.get(key.toLowerCase(Locale.ROOT)).defaultValue());
  }

  Trigger trigger() {
    return trigger(get(TRIGGER).orElseThrow());
  }

  /** The output mode set, or empty for {@code auto}. */
  Optional<OutputMode> outputMode() {
    String mode = get(OUTPUT_MODE).orElseThrow();
    return mode.equalsIgnoreCase("auto")
        ? Optional.empty()
        : Optional.of(OutputMode.valueOf(mode.toUpperCase(Locale.ROOT)));
  }

  /** The options a new query's writer gets: every query option set (trigger and mode aside). */
  Map<String, String> queryOptions() {
    Map<String, String> options = new LinkedHashMap<>();
    values.forEach(
        (key, value) -> {
          if (!key.equalsIgnoreCase(TRIGGER) && !key.equalsIgnoreCase(OUTPUT_MODE)) {
            options.put(key, value);
          }
        });
    return options;
  }

  /** Every setting with its value, then the operator state TTLs set. */
  List<Value> all() {
    List<Value> all = new ArrayList<>();
    for (Definition definition : definitions.values()) {
      all.add(
          new Value(
              definition.key(),
              get(definition.key()).orElse(null),
              definition.defaultValue(),
              definition.description()));
    }
    values.forEach(
        (key, value) -> {
          if (isOperatorTtl(key)) {
            all.add(
                new Value(
                    key,
                    value,
                    null,
                    "state TTL of aggregation " + key.substring(STATE_TTL.length() + 1)));
          }
        });
    return all;
  }

  /** {@code stateTtl.<operator>}: one aggregation's state TTL. */
  private static boolean isOperatorTtl(String key) {
    int prefix = STATE_TTL.length() + 1;
    return key.length() > prefix && key.regionMatches(true, 0, STATE_TTL + ".", 0, prefix);
  }

  private Definition definition(String key) {
    if (isOperatorTtl(key)) {
      return new Definition(key, null, "", Settings::duration, false);
    }
    Definition definition = definitions.get(key.toLowerCase(Locale.ROOT));
    if (definition == null) {
      throw new SluiceException(
          ErrorCode.UNKNOWN_OPTION,
          "unknown setting '"
              + key
              + "'; the settings are "
              + String.join(", ", definitions.values().stream().map(Definition::key).toList())
              + " and stateTtl.<operator> (SHOW SETTINGS describes them)");
    }
    return definition;
  }

  static Trigger trigger(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "manual" -> Trigger.manual();
      case "continuous" -> Trigger.defaultTrigger();
      case "availablenow" -> Trigger.availableNow();
      case "once" -> Trigger.once();
      default -> {
        try {
          yield Trigger.processingTime(Durations.parse(value));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "use manual, continuous, availableNow, once or an interval such as '1 second'");
        }
      }
    };
  }

  private static void outputMode(String value) {
    oneOf(value, "auto", "append", "update", "complete", "changelog");
  }

  private static void duration(String value) {
    try {
      Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("give a duration such as '1 hour' or '30 seconds'");
    }
  }

  private static void powerOfTwo(String value) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n > 0 && Integer.bitCount(n) == 1) {
        return;
      }
    } catch (NumberFormatException e) {
      // falls through to the message
    }
    throw new IllegalArgumentException("give a power of two such as 128");
  }

  private static void oneOf(String value, String... allowed) {
    for (String candidate : allowed) {
      if (candidate.equalsIgnoreCase(value.trim())) {
        return;
      }
    }
    throw new IllegalArgumentException("use one of " + String.join(", ", allowed));
  }
}
