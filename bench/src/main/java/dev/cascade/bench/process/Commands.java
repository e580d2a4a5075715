package dev.cascade.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Short commands run to their end: the JDK's jcmd and jfr (of the JDK running the benchmark), git, apt-get. */
public final class Commands {

  private Commands() {}

  /** {@code jcmd <pid> <command...>}; its output. */
  public static String jcmd(long pid, String... command) {
    List<String> line = new ArrayList<>(List.of(jdkTool("jcmd"), String.valueOf(pid)));
    line.addAll(List.of(command));
    return run(line);
  }

  /** The path of a JDK tool ({@code jcmd}, {@code jfr}) next to this JVM's {@code java}. */
  public static String jdkTool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  /** Runs a short command to its end; its output, failing on a non-zero exit. */
  public static String run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] output = process.getInputStream().readAllBytes();
      if (process.waitFor() != 0) {
        throw new IllegalStateException(
            command + " failed: " + new String(output, StandardCharsets.UTF_8));
      }
      return new String(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }
}
