package dev.cascade.fallback.status;

import dev.cascade.platform.http.Problem;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Function;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /internal/messages/{id}} and {@code .../events}: the message's state or timeline from the local store, or from the
 * instance that owns it (one hop; the owner never forwards again).
 */
public final class StatusRoutes {

  public static final String PATH = "/internal/messages/{id}";
  /** The message's timeline ({@link TimelineView}). */
  public static final String EVENTS_PATH = "/internal/messages/{id}/events";

  private static final String FORWARDED = "X-Cascade-Forwarded";
  /**
   * The fingerprint of the stored request, for send-intake's idempotency check: a header of this
   * internal endpoint, never part of the message JSON users read.
   */
  public static final String FINGERPRINT_HEADER = "Cascade-Request-Fingerprint";

  private final StatusQueries queries;
  private static final Logger LOGGER = LoggerFactory.getLogger(StatusRoutes.class);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public StatusRoutes(StatusQueries queries) {
    this.queries = queries;
  }

  public void register(Javalin app) {
    app.get(PATH, this::get);
    app.get(EVENTS_PATH, this::events);
  }

  private void get(Context ctx) throws IOException, InterruptedException {
    answer(ctx, PATH, local -> {
      ctx.header(FINGERPRINT_HEADER, local.fingerprint().orElseThrow());
      return local.view().orElseThrow();
    });
  }

  private void events(Context ctx) throws IOException, InterruptedException {
    answer(ctx, EVENTS_PATH, local -> local.timeline().orElseThrow());
  }

  /**
   * Answers from the local store with what {@code body} makes of a known message, 404 for an
   * unknown one, or forwards the same request to the instance that owns the message.
   */
  private void answer(Context ctx, String path, Function<StatusQueries.Lookup.Local, Object> body)
      throws IOException, InterruptedException {
    String id = ctx.pathParam("id");
    StatusQueries.Lookup lookup;
    try {
      lookup = queries.find(id);
    } catch (InvalidStateStoreException e) {
      lookup = new StatusQueries.Lookup.Unavailable("the message store is being restored");
    }
    switch (lookup) {
      case StatusQueries.Lookup.Local local
      when local.state().isPresent() -> ctx.json(body.apply(local));
      case StatusQueries.Lookup.Local local ->
        Problem.send(ctx, 404, "Not Found", "no message " + id);
      case StatusQueries.Lookup.Remote remote
      when ctx.header(FORWARDED) == null -> forward(ctx, remote, path, id);
      case StatusQueries.Lookup.Remote remote ->
        unavailable(ctx, "ownership of the message is moving");
      case StatusQueries.Lookup.Unavailable unavailable -> unavailable(ctx, unavailable.reason());
    }
  }

  private void forward(Context ctx, StatusQueries.Lookup.Remote remote, String path, String id)
      throws IOException, InterruptedException {
    URI uri =
        URI.create("http://" + remote.owner().host() + ":" + remote.owner().port()
            + path.replace(
                "{id}", java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8)));
    HttpResponse<String> response;
    try {
      response = http.send(
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(5))
              .header(FORWARDED, "1")
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      // the owner crashed: the group hands its partitions to a live instance within the session
      // timeout, so the caller is told to come back rather than shown an error
      LOGGER
          .atWarn()
          .addKeyValue("owner", remote.owner().host() + ":" + remote.owner().port())
          .log("the instance owning a message does not answer: " + e);
      unavailable(ctx, "the instance that owns the message does not answer; another takes over");
      return;
    }
    response
        .headers()
        .firstValue(FINGERPRINT_HEADER)
        .ifPresent(value -> ctx.header(FINGERPRINT_HEADER, value));
    ctx.status(response.statusCode())
        .contentType(response.headers().firstValue("Content-Type").orElse("application/json"))
        .result(response.body());
  }

  private static void unavailable(Context ctx, String reason) {
    ctx.header("Retry-After", "1");
    Problem.send(ctx, 503, "Service Unavailable", reason);
  }
}
