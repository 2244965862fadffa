package dev.sluice.execution.connector;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The options a user gave a connector ({@code .option(k, v)} or {@code WITH (k = 'v')}). Keys are
 * case-insensitive. Getters name the option and the connector in every error.
 */
public final class ConnectorOptions {
  private final String connector;
  private final Map<String, String> values;

  public ConnectorOptions(String connector, Map<String, String> values) {
    this.connector = requireNonNull(connector, "connector is null");
    TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(requireNonNull(values, "values is null"));
    this.values = copy;
  }

  public String connector() {
    return connector;
  }

  public Map<String, String> asMap() {
    return new TreeMap<>(values);
  }

  /**
   * Fails naming the first option not in {@code known} and listing the known ones. Options the
   * engine itself reads (for example {@code checkpointLocation}) are passed in {@code known} too.
   */
  public ConnectorOptions validate(Collection<String> known) {
    TreeSet<String> allowed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    allowed.addAll(known);
    for (String key : values.keySet()) {
      if (!allowed.contains(key)) {
        throw new SluiceException(
            ErrorCode.UNKNOWN_OPTION,
            "unknown option '"
                + key
                + "' for connector '"
                + connector
                + "'; valid options are: "
                + String.join(", ", new TreeSet<>(known)));
      }
    }
    return this;
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public String getString(String key, String defaultValue) {
    return values.getOrDefault(key, defaultValue);
  }

  public String require(String key) {
    return get(key)
        .orElseThrow(
            () ->
                new SluiceException(
                    ErrorCode.MISSING_OPTION,
                    "connector '" + connector + "' needs option '" + key + "'"));
  }

  public long getLong(String key, long defaultValue) {
    String value = values.get(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw invalid(key, value, "an integer");
    }
  }

  public long getPositiveLong(String key, long defaultValue) {
    long value = getLong(key, defaultValue);
    if (value <= 0) {
      throw invalid(key, String.valueOf(value), "a positive integer");
    }
    return value;
  }

  public boolean getBoolean(String key, boolean defaultValue) {
    String value = values.get(key);
    if (value == null) {
      return defaultValue;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(key, value, "true or false");
    };
  }

  /** A duration written as {@code 500ms}, {@code 10s}, {@code 5 seconds}, {@code 1 minute}. */
  public Duration getDuration(String key, Duration defaultValue) {
    String value = values.get(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw invalid(key, value, "a duration such as '500ms', '10 seconds' or '1 minute'");
    }
  }

  private SluiceException invalid(String key, String value, String expected) {
    return new SluiceException(
        ErrorCode.INVALID_OPTION,
        "option '"
            + key
            + "' of connector '"
            + connector
            + "' is '"
            + value
            + "' but must be "
            + expected);
  }

  @Override
  public String toString() {
    return connector + values;
  }
}
