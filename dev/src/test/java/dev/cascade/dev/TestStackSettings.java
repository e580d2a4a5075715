package dev.cascade.dev;

import dev.cascade.platform.config.Settings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every whole-stack test starts from: each service on a free port, two partitions, the
 * simulator reporting 100 ms after a send; plus the test's own settings, as key, value, ...
 */
final class TestStackSettings {

  private static final Map<String, String> COMMON = Map.of(
      "intake.http.port", "0",
      "dlr.http.port", "0",
      "timer.http.port", "0",
      "workers.http.port", "0",
      "sim.http.port", "0",
      "sim.smpp.port", "0",
      "kafka.partitions", "2",
      "sim.report.delay.ms", "100");

  private TestStackSettings() {}

  static Settings with(String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("settings come as key, value pairs");
    }
    Map<String, String> settings = new LinkedHashMap<>(COMMON);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      settings.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return Settings.of(settings);
  }
}
