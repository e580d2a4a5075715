package dev.cascade.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A one-line description of this machine, for the reports: CPU, memory, OS, JDK, load. */
public final class Machine {

  private Machine() {}

  public static String describe() {
    return String.format(
        Locale.ROOT,
        "%d cores (%s), %d GiB, %s %s, JDK %s; load average %s at start",
        Runtime.getRuntime().availableProcessors(),
        cpuModel(),
        Math.round(memoryKb() / 1024.0 / 1024.0),
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        Runtime.version(),
        loadAverage());
  }

  /** The 1-minute load average now (other builds share this machine). */
  public static String loadAverage() {
    String load = read("/proc/loadavg");
    return load.isEmpty() ? "?" : load.split(" ")[0];
  }

  private static String cpuModel() {
    return read("/proc/cpuinfo")
        .lines()
        .filter(line -> line.startsWith("model name"))
        .map(line -> line.substring(line.indexOf(':') + 1).trim())
        .findFirst()
        .orElse("unknown CPU");
  }

  private static long memoryKb() {
    return read("/proc/meminfo")
        .lines()
        .filter(line -> line.startsWith("MemTotal:"))
        .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
        .findFirst()
        .orElse(0L);
  }

  private static String read(String path) {
    try {
      return Files.readString(Path.of(path));
    } catch (IOException e) {
      return "";
    }
  }
}
