package dev.cascade.platform.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * Configuration values by dotted key ({@code kafka.bootstrap.servers}). A key is looked up in the
 * environment as {@code CASCADE_KAFKA_BOOTSTRAP_SERVERS}, then in the properties file named by
 * {@code CASCADE_CONFIG_FILE} (keys as written, dotted), then falls back to the caller's default.
 * A value that does not parse fails fast naming the key.
 */
public final class Settings {

  private final Map<String, String> values;

  private Settings(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** Environment variables over the optional properties file named by CASCADE_CONFIG_FILE. */
  public static Settings fromEnvironment() {
    Map<String, String> merged = new HashMap<>();
    String file = System.getenv("CASCADE_CONFIG_FILE");
    if (file != null && !file.isBlank()) {
      merged.putAll(readProperties(Path.of(file)));
    }
    System.getenv().forEach((name, value) -> {
      if (name.startsWith("CASCADE_")) {
        merged.put(keyOf(name), value);
      }
    });
    return new Settings(merged);
  }

  /** Explicit values by dotted key, for tests and the all-in-one. */
  public static Settings of(Map<String, String> values) {
    return new Settings(values);
  }

  /** These settings with {@code overrides} taking precedence. */
  public Settings with(Map<String, String> overrides) {
    Map<String, String> merged = new HashMap<>(values);
    merged.putAll(overrides);
    return new Settings(merged);
  }

  /** These settings, with {@code defaults} for the keys they do not set. */
  public Settings withDefaults(Map<String, String> defaults) {
    Map<String, String> merged = new HashMap<>(defaults);
    merged.putAll(values);
    return new Settings(merged);
  }

  /** The environment variable that sets {@code key}. */
  public static String environmentName(String key) {
    return "CASCADE_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public Optional<String> optional(String key) {
    String value = values.get(key);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  public String string(String key, String defaultValue) {
    return optional(key).orElse(defaultValue);
  }

  public int integer(String key, int defaultValue) {
    return parsed(key, defaultValue, Integer::parseInt, "an integer");
  }

  public long longValue(String key, long defaultValue) {
    return parsed(key, defaultValue, Long::parseLong, "an integer");
  }

  public boolean bool(String key, boolean defaultValue) {
    return parsed(key, defaultValue, Settings::parseBoolean, "true or false");
  }

  /** A duration as ISO-8601 ({@code PT5S}) or a number with unit ms, s, m or h ({@code 250ms}). */
  public Duration duration(String key, Duration defaultValue) {
    return parsed(
        key, defaultValue, Settings::parseDuration, "a duration such as 250ms, 5s or PT5S");
  }

  /** Every key under {@code prefix.} with the prefix removed. */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> result = new HashMap<>();
    String dotted = prefix.endsWith(".") ? prefix : prefix + ".";
    values.forEach((key, value) -> {
      if (key.startsWith(dotted)) {
        result.put(key.substring(dotted.length()), value);
      }
    });
    return result;
  }

  private <T> T parsed(String key, T defaultValue, Function<String, T> parser, String expected) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      return parser.apply(raw.get());
    } catch (RuntimeException e) {
      throw new ConfigException(key, raw.get(), expected);
    }
  }

  private static boolean parseBoolean(String raw) {
    return switch (raw.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new IllegalArgumentException(raw);
    };
  }

  static Duration parseDuration(String raw) {
    String text = raw.toLowerCase(java.util.Locale.ROOT);
    if (text.startsWith("p")) {
      return Duration.parse(raw);
    }
    if (text.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
    }
    long amount = Long.parseLong(text.substring(0, text.length() - 1));
    return switch (text.charAt(text.length() - 1)) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      default -> throw new IllegalArgumentException(raw);
    };
  }

  private static String keyOf(String environmentName) {
    return environmentName
        .substring("CASCADE_".length())
        .toLowerCase(java.util.Locale.ROOT)
        .replace('_', '.');
  }

  private static Map<String, String> readProperties(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CASCADE_CONFIG_FILE " + file, e);
    }
    Map<String, String> result = new HashMap<>();
    properties
        .stringPropertyNames()
        .forEach(name -> result.put(name, properties.getProperty(name)));
    return result;
  }
}
