package dev.cascade.intake.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.cascade.intake.IntakeMetrics;
import dev.cascade.intake.SendIntakeConfig;
import dev.cascade.intake.api.MessageRequestJson;
import dev.cascade.intake.api.RequestValidator;
import dev.cascade.intake.api.SmsPreview;
import dev.cascade.platform.http.Problem;
import dev.cascade.platform.http.Problem.FieldError;
import dev.cascade.platform.json.Json;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.RecordSender;
import dev.cascade.platform.requests.RequestFingerprint;
import dev.cascade.platform.requests.SendRequestRules;
import dev.cascade.schemas.SendRequest;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code POST /v1/messages} and {@code GET /v1/messages/{id}} (SPEC section 3). */
public final class MessagesRoutes {

  static final int MAX_BODY_BYTES = 64 * 1024;

  private final SendIntakeConfig config;
  private final RecordSender sender;
  private final CascadeTopics topics;
  private final IntakeMetrics metrics;
  private final ApiKeys apiKeys;
  private final RateLimiter rateLimiter;
  private final StatusClient status;
  private final RequestValidator validator;
  private final Clock clock;

  MessagesRoutes(SendIntakeConfig config, RecordSender sender, CascadeTopics topics, IntakeMetrics metrics,
      RateLimiter rateLimiter, StatusClient status, RequestValidator validator, Clock clock) {
    this.config = config;
    this.sender = sender;
    this.topics = topics;
    this.metrics = metrics;
    this.apiKeys = new ApiKeys(config.apiKeys());
    this.rateLimiter = rateLimiter;
    this.status = status;
    this.validator = validator;
    this.clock = clock;
  }

  /** The routes as send-intake serves them: the system clock, fallback-timer at the configured URL. */
  public static MessagesRoutes create(SendIntakeConfig config, RecordSender sender, CascadeTopics topics,
      IntakeMetrics metrics) {
    return new MessagesRoutes(config, sender, topics, metrics,
        new RateLimiter(config.ratePerSecond(), System::nanoTime), new StatusClient(config.statusUrl()),
        new RequestValidator(new SendRequestRules(config.providers(), config.smsMaxPartsForConversion())), Clock.systemUTC());
  }

  public void register(Javalin app) {
    app.post("/v1/messages", this::send);
    app.get("/v1/messages/{id}", this::read);
  }

  private void send(Context ctx) throws Exception {
    Optional<String> keyId = authorize(ctx);
    if (keyId.isEmpty()) {
      return;
    }
    String contentType = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
    if (!contentType.startsWith("application/json")) {
      reject(ctx, 415, "Unsupported Media Type", "send the body as application/json");
      return;
    }
    byte[] body = ctx.bodyAsBytes();
    if (body.length > MAX_BODY_BYTES) {
      reject(ctx, 413, "Content Too Large", "the body is " + body.length + " bytes; at most " + MAX_BODY_BYTES);
      return;
    }
    MessageRequestJson json = parse(ctx, body);
    if (json == null) {
      return;
    }
    String messageId = json.messageId() != null ? json.messageId() : UUID.randomUUID().toString();
    RequestValidator.Checked checked = validator.check(json, messageId);
    if (!checked.valid()) {
      metrics.request("invalid");
      Problem.send(ctx, 422, "Unprocessable Content", "the request breaks " + checked.errors().size()
          + " rule(s)", checked.errors());
      return;
    }
    SendRequest request = checked.request();
    if (json.messageId() != null && answeredBefore(ctx, request)) {
      return;
    }
    request.setReceivedAt(clock.instant());
    request.setApiKeyId(keyId.get());
    store(ctx, request);
  }

  /** The idempotency check: the same id with an equal body gets the original answer, a different body 409. */
  private boolean answeredBefore(Context ctx, SendRequest request) throws Exception {
    StatusClient.Answer known = status.get(request.getMessageId());
    if (known.status() != 200) {
      return false; // unknown (404) or unreadable: fallback-timer rejects a conflicting duplicate itself
    }
    String fingerprint = Json.mapper().readTree(known.body()).path("requestFingerprint").asText();
    if (fingerprint.equals(RequestFingerprint.of(request))) {
      metrics.request("duplicate");
      accepted(ctx, request);
    } else {
      metrics.request("conflict");
      Problem.send(ctx, 409, "Conflict", "messageId " + request.getMessageId()
          + " was already used for a different request");
    }
    return true;
  }

  private void store(Context ctx, SendRequest request) throws InterruptedException {
    try {
      sender.send(topics.sendRequests, request.getMessageId(), request)
          .get(config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // Never a 202 that was not stored: the client may retry with the same messageId.
      metrics.request("unavailable");
      ctx.header("Retry-After", "1");
      Problem.send(ctx, 503, "Service Unavailable", "Kafka did not acknowledge the request in time; retry");
      return;
    }
    metrics.request("accepted");
    accepted(ctx, request);
  }

  private void accepted(Context ctx, SendRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("messageId", request.getMessageId());
    body.put("simulation", request.getSimulation());
    body.put("smsPreview", SmsPreview.of(request, config.smsMaxPartsForConversion()));
    ctx.status(202).header("Location", "/v1/messages/" + request.getMessageId()).json(body);
  }

  private void read(Context ctx) throws InterruptedException {
    if (authorize(ctx).isEmpty()) {
      return;
    }
    StatusClient.Answer answer = status.get(ctx.pathParam("id"));
    if (answer.status() == 503 && answer.contentType().startsWith("text/plain")) {
      ctx.header("Retry-After", "1");
      Problem.send(ctx, 503, "Service Unavailable", answer.body());
      return;
    }
    ctx.status(answer.status()).contentType(answer.contentType()).result(answer.body());
  }

  private Optional<String> authorize(Context ctx) {
    Optional<String> keyId = apiKeys.authenticate(ctx);
    if (keyId.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer");
      reject(ctx, 401, "Unauthorized", "send a valid API key as X-Api-Key or Authorization: Bearer");
      return Optional.empty();
    }
    if (!rateLimiter.tryAcquire(keyId.get())) {
      ctx.header("Retry-After", "1");
      reject(ctx, 429, "Too Many Requests", "more than " + config.ratePerSecond() + " requests per second");
      return Optional.empty();
    }
    return keyId;
  }

  private MessageRequestJson parse(Context ctx, byte[] body) {
    try {
      JsonNode tree = Json.mapper().readTree(body);
      if (tree == null || !tree.isObject()) {
        reject(ctx, 400, "Bad Request", "the body must be a JSON object");
        return null;
      }
      return Json.mapper().treeToValue(tree, MessageRequestJson.class);
    } catch (MismatchedInputException e) {
      metrics.request("invalid");
      Problem.send(ctx, 422, "Unprocessable Content", "a field has the wrong type",
          List.of(new FieldError(path(e), "has the wrong type")));
      return null;
    } catch (JsonProcessingException e) {
      reject(ctx, 400, "Bad Request", "malformed JSON: " + e.getOriginalMessage());
      return null;
    } catch (java.io.IOException e) {
      reject(ctx, 400, "Bad Request", "unreadable body");
      return null;
    }
  }

  private void reject(Context ctx, int status, String title, String detail) {
    metrics.request(String.valueOf(status));
    Problem.send(ctx, status, title, detail);
  }

  /** The JSON path of a mismatched field, e.g. steps[0].fallback.afterSeconds. */
  private static String path(MismatchedInputException e) {
    StringBuilder path = new StringBuilder();
    for (var reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "$" : path.toString();
  }
}
