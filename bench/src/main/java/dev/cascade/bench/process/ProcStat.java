package dev.cascade.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux says about a process under {@code /proc/<pid>}: CPU time used (user + system, from
 * {@code stat}) and resident memory (from {@code status}). Works for any process we started,
 * Java or not, without attaching to it.
 */
public final class ProcStat {

  /** Clock ticks per second of {@code /proc/<pid>/stat}; 100 on every Linux we know of. */
  private static final long TICKS_PER_SECOND = 100;

  private ProcStat() {}

  /** CPU time (user + system) the process used so far, in milliseconds. */
  public static long cpuMillis(long pid) {
    return cpuMillisOf(read(pid, "stat"), false);
  }

  /**
   * CPU time of the process and of its children it has waited for (a load generator that ran to
   * its end), in milliseconds.
   */
  public static long cpuMillisWithChildren(long pid) {
    return cpuMillisOf(read(pid, "stat"), true);
  }

  /** Resident set size now, in bytes. */
  public static long rssBytes(long pid) {
    return kilobytes(read(pid, "status"), "VmRSS:") * 1024;
  }

  /** The highest resident set size so far, in bytes. */
  public static long peakRssBytes(long pid) {
    return kilobytes(read(pid, "status"), "VmHWM:") * 1024;
  }

  /**
   * utime + stime of a {@code /proc/<pid>/stat} line (fields 14 and 15), plus cutime + cstime
   * (16 and 17) with {@code children}, in milliseconds.
   */
  static long cpuMillisOf(String statLine, boolean children) {
    // the command name (field 2) is in parentheses and may contain spaces: count after its ')'
    String[] fields = statLine.substring(statLine.lastIndexOf(')') + 2).trim().split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    if (children) {
      ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }
    return ticks * 1000 / TICKS_PER_SECOND;
  }

  static long kilobytes(String status, String field) {
    for (String line : status.split("\n")) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
      }
    }
    throw new IllegalArgumentException("no " + field + " in /proc status");
  }

  private static String read(long pid, String file) {
    Path path = Path.of("/proc", pid == 0 ? "self" : String.valueOf(pid), file);
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + " (process gone?)", e);
    }
  }
}
