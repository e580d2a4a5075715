package dev.cascade.platform.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cascade.platform.json.Json;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.BooleanSupplier;

/**
 * Javalin with what every Cascade service exposes: {@code /metrics} (Prometheus text) and
 * {@code /health} (200 only when the service's Kafka clients are ready, else 503).
 */
public final class HttpServer {

  /** The most any request body may be; an endpoint may allow less. */
  public static final int MAX_REQUEST_BYTES = 1024 * 1024;

  private HttpServer() {}

  public static Javalin create(PrometheusMeterRegistry registry, BooleanSupplier ready) {
    ObjectMapper mapper = Json.mapper();
    Javalin app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.jsonMapper(new JavalinJackson(mapper, false));
      config.http.maxRequestSize = MAX_REQUEST_BYTES;
      config.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler()));
    });
    app.get(
        "/metrics",
        ctx ->
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
    app.get("/health", ctx -> {
      boolean up = ready.getAsBoolean();
      ctx.status(up ? 200 : 503).json(java.util.Map.of("status", up ? "UP" : "DOWN"));
    });
    // Javalin's own refusals (404, 405, 413 over the size limit) as problem+json too
    app.exception(HttpResponseException.class, (error, ctx) -> {
      HttpStatus status = HttpStatus.forStatus(error.getStatus());
      Problem.send(
          ctx,
          error.getStatus(),
          status == HttpStatus.UNKNOWN ? "Error " + error.getStatus() : status.getMessage(),
          error.getMessage());
    });
    app.exception(Exception.class, (error, ctx) -> Problem.internalError(ctx, error));
    return app;
  }
}
