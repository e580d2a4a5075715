package dev.cascade.dev;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.platform.json.Json;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus (the binary on PATH, e.g. Debian's {@code prometheus} package) started on
 * loopback with a config and a data directory of its own, and its HTTP API.
 */
final class PrometheusServer implements AutoCloseable {

  record Answer(String status, String error, JsonNode result) {
    boolean hasSeries() {
      return "success".equals(status) && result.isArray() && !result.isEmpty();
    }
  }

  private final Process process;
  private final Path work;
  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private PrometheusServer(Process process, Path work, URI base) {
    this.process = process;
    this.work = work;
    this.base = base;
  }

  /** The executable {@code name} on PATH, or null. */
  static Path onPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** Starts {@code binary} with {@code config} written to a fresh directory, on 127.0.0.1:port. */
  static PrometheusServer start(Path binary, String config, int port) throws IOException {
    Path work = Files.createTempDirectory("cascade-prometheus");
    Path configFile = Files.writeString(work.resolve("prometheus.yml"), config);
    Process process = new ProcessBuilder(
            binary.toString(),
            "--config.file=" + configFile,
            "--storage.tsdb.path=" + work.resolve("data"),
            "--web.listen-address=127.0.0.1:" + port,
            "--log.level=warn")
        .redirectErrorStream(true)
        .redirectOutput(work.resolve("prometheus.log").toFile())
        .start();
    return new PrometheusServer(process, work, URI.create("http://127.0.0.1:" + port));
  }

  boolean ready() {
    try {
      return process.isAlive()
          && http.send(
                      HttpRequest.newBuilder(base.resolve("/-/ready")).GET().build(),
                      HttpResponse.BodyHandlers.discarding())
                  .statusCode()
              == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** An instant query at the current time. */
  Answer query(String promql) {
    JsonNode body = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    return new Answer(
        body.path("status").asText(),
        body.path("error").asText(null),
        body.path("data").path("result"));
  }

  /** The first value of a query's first series (NaN without one). */
  double value(String promql) {
    Answer answer = query(promql);
    return answer.hasSeries()
        ? Double.parseDouble(answer.result().get(0).path("value").get(1).asText())
        : Double.NaN;
  }

  /** Every loaded rule, as {@code /api/v1/rules} lists them. */
  List<JsonNode> rules() {
    return get("/api/v1/rules")
        .path("data")
        .path("groups")
        .valueStream()
        .flatMap(group -> group.path("rules").valueStream())
        .toList();
  }

  String log() {
    try {
      return Files.readString(work.resolve("prometheus.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private JsonNode get(String pathAndQuery) {
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(URI.create(base + pathAndQuery))
              .timeout(Duration.ofSeconds(10))
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofString());
      return Json.mapper().readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the process (SIGTERM, then SIGKILL after 10 s) and deletes its directory. */
  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(work)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
