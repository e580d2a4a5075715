package dev.cascade.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} command-line options; an unknown one or a bad value fails with the usage. */
public final class Options {

  private final Map<String, String> values = new HashMap<>();
  private final String usage;

  public Options(String[] args, Set<String> known, String usage) {
    this.usage = usage;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (!name.startsWith("--") || !known.contains(name.substring(2))) {
        throw new IllegalArgumentException("unknown option " + name + "\n" + usage);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value\n" + usage);
      }
      values.put(name.substring(2), args[++i]);
    }
  }

  public String string(String name, String defaultValue) {
    return values.getOrDefault(name, defaultValue);
  }

  public int integer(String name, int defaultValue) {
    try {
      return values.containsKey(name) ? Integer.parseInt(values.get(name)) : defaultValue;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " takes a whole number\n" + usage);
    }
  }

  /** Seconds, as a whole number. */
  public Duration seconds(String name, int defaultSeconds) {
    return Duration.ofSeconds(integer(name, defaultSeconds));
  }

  public boolean flag(String name) {
    return Boolean.parseBoolean(values.getOrDefault(name, "false"));
  }

  /** A space-separated list (JVM options). */
  public List<String> list(String name, String defaultValue) {
    String raw = values.getOrDefault(name, defaultValue).trim();
    return raw.isEmpty() ? List.of() : List.of(raw.split("\\s+"));
  }

  /** One of {@code allowed} (case-insensitive). */
  public String choice(String name, String defaultValue, List<String> allowed) {
    String value = values.getOrDefault(name, defaultValue).toLowerCase(java.util.Locale.ROOT);
    if (!allowed.contains(value)) {
      throw new IllegalArgumentException("--" + name + " is one of " + allowed + "\n" + usage);
    }
    return value;
  }
}
