package dev.cascade.bench.pipeline;

import dev.cascade.bench.load.Wrk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** wrk POSTing JSON requests to send-intake. */
final class HttpLoad implements Load {

  private final Wrk wrk;
  private final String url;
  private final PipelineConfig config;
  private final Path runDir;
  private long accepted;
  private Wrk.Result steady;
  private long errors;

  HttpLoad(Wrk wrk, int intakePort, PipelineConfig config, Path runDir) {
    this.wrk = wrk;
    this.url = "http://localhost:" + intakePort;
    this.config = config;
    this.runDir = runDir;
  }

  @Override
  public void run(String phase, Duration duration) {
    Wrk.Result result = wrk.run(
        url,
        config.wrkThreads(),
        config.wrkConnections(),
        duration,
        phase,
        config.rate(),
        runDir.resolve("wrk.log"));
    accepted += result.accepted();
    errors += result.statusErrors() + result.socketErrors();
    steady = result;
  }

  @Override
  public long sent() {
    return accepted;
  }

  @Override
  public void figures(Map<String, Double> figures) {
    figures.put("http_errors", (double) errors);
    figures.put("http_steady_requests_per_s", steady.requestsPerSecond());
    figures.put("http_p50_ms", steady.p50Micros() / 1000.0);
    figures.put("http_p99_ms", steady.p99Micros() / 1000.0);
    figures.put("http_p999_ms", steady.p999Micros() / 1000.0);
  }
}
