package dev.cascade.bench.load;

import dev.cascade.bench.process.Commands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP load with wrk (https://github.com/wg/wrk) and {@code send-requests.lua}: the {@link Mix} as
 * JSON POSTs to send-intake, as fast as possible or at a fixed rate. wrk is installed with apt-get
 * when missing and possible; otherwise the HTTP figures are skipped, visibly.
 */
public final class Wrk {

  /** What one wrk run reports: counts, and latencies of POST → answer in microseconds. */
  public record Result(
      long requests,
      double seconds,
      long statusErrors,
      long socketErrors,
      long p50Micros,
      long p90Micros,
      long p99Micros,
      long p999Micros,
      long maxMicros) {

    public double requestsPerSecond() {
      return requests / seconds;
    }

    /** Requests answered 2xx (wrk counts answers of 400 and above as status errors). */
    public long accepted() {
      return requests - statusErrors;
    }

    /** Parses the {@code BENCH key=value ...} line the script's done() prints. */
    static Result parse(String output) {
      String line = output
          .lines()
          .filter(l -> l.startsWith("BENCH "))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("wrk printed no BENCH line:\n" + output));
      Map<String, Long> values = new HashMap<>();
      for (String pair : line.substring("BENCH ".length()).trim().split(" ")) {
        String[] kv = pair.split("=");
        values.put(kv[0], Long.parseLong(kv[1]));
      }
      return new Result(
          values.get("requests"),
          values.get("duration_us") / 1e6,
          values.get("status_errors"),
          values.get("connect_errors")
              + values.get("read_errors")
              + values.get("write_errors")
              + values.get("timeouts"),
          values.get("p50_us"),
          values.get("p90_us"),
          values.get("p99_us"),
          values.get("p999_us"),
          values.get("max_us"));
    }
  }

  private final String executable;
  private final Path script;

  private Wrk(String executable, Path script) {
    this.executable = executable;
    this.script = script;
  }

  /**
   * wrk, installed first with {@code apt-get install -y wrk} when it is missing; empty with the
   * reason printed when neither works.
   */
  public static Optional<Wrk> find(Path runDir) {
    if (!onPath()) {
      System.out.println("wrk not found; trying: apt-get install -y wrk");
      try {
        Commands.run(List.of("apt-get", "install", "-y", "-q", "wrk"));
      } catch (RuntimeException e) {
        System.out.println("SKIPPED: wrk is not installed and apt-get could not install it ("
            + e.getMessage().lines().reduce((a, b) -> b).orElse("") + ")");
        return Optional.empty();
      }
      if (!onPath()) {
        System.out.println("SKIPPED: wrk still not on PATH after apt-get");
        return Optional.empty();
      }
    }
    return Optional.of(new Wrk("wrk", copyScript(runDir)));
  }

  private static boolean onPath() {
    try {
      return new ProcessBuilder("wrk", "--version").start().waitFor() >= 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Path copyScript(Path runDir) {
    Path target = runDir.resolve("send-requests.lua");
    try (InputStream in = Wrk.class.getResourceAsStream("send-requests.lua")) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the wrk script", e);
    }
  }

  /**
   * POSTs to {@code url} for {@code duration} with {@code threads} threads and {@code connections}
   * connections, at {@code rate} requests a second (0: as fast as possible), ids {@code prefix-…};
   * wrk's output is appended to {@code log}.
   */
  public Result run(
      String url,
      int threads,
      int connections,
      Duration duration,
      String prefix,
      int rate,
      Path log) {
    ProcessBuilder builder = new ProcessBuilder(
            executable,
            "-t" + threads,
            "-c" + connections,
            "-d" + duration.toSeconds() + "s",
            "--timeout",
            "10s",
            "-s",
            script.toString(),
            url)
        .redirectErrorStream(true);
    builder.environment().put("BENCH_PREFIX", prefix);
    builder.environment().put("BENCH_RATE", String.valueOf(rate));
    builder.environment().put("BENCH_THREADS", String.valueOf(threads));
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor();
      Files.writeString(
          log,
          "$ " + String.join(" ", builder.command()) + "\n" + output,
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      return Result.parse(output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run wrk", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while wrk ran", e);
    }
  }
}
