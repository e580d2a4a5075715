package dev.cascade.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process this benchmark started (a service JVM, the broker), its output in a log file. It is
 * measured through /proc and jcmd, and stopped by its own PID: SIGTERM, then SIGKILL if it has not
 * ended after a grace period. Nothing else is ever signalled.
 */
public final class JvmProcess implements AutoCloseable {

  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
  private static final Pattern HEAP_COMMITTED =
      Pattern.compile("(?:committed|total) (\\d+)K, used");

  /** Started and not yet stopped, oldest first: stopped (newest first) when the benchmark is interrupted. */
  private static final List<JvmProcess> RUNNING = new CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(
            () -> List.copyOf(RUNNING).reversed().forEach(p -> p.stop(Duration.ofSeconds(20))),
            "bench-stop-children"));
  }

  private final String name;
  private final Process process;
  private final Path log;
  private final List<String> command;
  private final Map<String, String> environment;

  private JvmProcess(
      String name,
      Process process,
      Path log,
      List<String> command,
      Map<String, String> environment) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
  }

  /** Starts {@code command} with {@code environment} added, output (both streams) into {@code log}. */
  public static JvmProcess start(
      String name, List<String> command, Map<String, String> environment, Path log) {
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    try {
      JvmProcess started = new JvmProcess(name, builder.start(), log, command, environment);
      RUNNING.add(started);
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  /** Fails naming the log when the process has ended (used while waiting for it to be ready). */
  public void checkAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          name + " exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
    }
  }

  public long cpuMillis() {
    return ProcStat.cpuMillis(pid());
  }

  public long rssBytes() {
    return ProcStat.rssBytes(pid());
  }

  public long peakRssBytes() {
    return ProcStat.peakRssBytes(pid());
  }

  /** Java heap {used, committed} in bytes now (jcmd GC.heap_info), without forcing a GC. */
  public long[] heap() {
    String info = Commands.jcmd(pid(), "GC.heap_info");
    Matcher used = HEAP_USED.matcher(info);
    Matcher committed = HEAP_COMMITTED.matcher(info);
    if (!used.find() || !committed.find()) {
      throw new IllegalStateException("cannot read the heap of " + name + " from: " + info);
    }
    return new long[] {
      Long.parseLong(used.group(1)) * 1024, Long.parseLong(committed.group(1)) * 1024
    };
  }

  /** Java heap in use after a full GC (the live set), in bytes. */
  public long liveHeapBytes() {
    Commands.jcmd(pid(), "GC.run");
    return heap()[0];
  }

  /** A new process with the same command, environment and log (appended): a restart. */
  public JvmProcess startAgain() {
    return start(name, command, environment, log);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL by its PID at once (a crash: no shutdown hook runs), and waits until it is gone. */
  public void kill() {
    RUNNING.remove(this);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGTERM, wait up to {@code grace}, then SIGKILL. */
  public void stop(Duration grace) {
    RUNNING.remove(this);
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(30));
  }
}
