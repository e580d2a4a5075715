package dev.cascade.intake.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.cascade.intake.api.MessageRequestJson;
import dev.cascade.intake.api.RequestValidator;
import dev.cascade.intake.api.SmsPreview;
import dev.cascade.intake.policies.PolicyStore;
import dev.cascade.platform.http.Problem;
import dev.cascade.platform.http.RequestBody;
import dev.cascade.platform.json.Json;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.RecordSender;
import dev.cascade.platform.requests.RequestFingerprint;
import dev.cascade.platform.requests.SendRequestRules;
import dev.cascade.schemas.CancelRequest;
import dev.cascade.schemas.SendRequest;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /v1/messages}, {@code GET /v1/messages/{id}} (SPEC section 3), its timeline
 * {@code GET /v1/messages/{id}/events} and {@code DELETE /v1/messages/{id}} (SPEC section 10).
 */
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
  private final RecentRequests recent;
  private final PolicyStore policies;
  private final Clock clock;

  MessagesRoutes(
      SendIntakeConfig config,
      RecordSender sender,
      CascadeTopics topics,
      IntakeMetrics metrics,
      RateLimiter rateLimiter,
      StatusClient status,
      RequestValidator validator,
      RecentRequests recent,
      PolicyStore policies,
      Clock clock) {
    this.config = config;
    this.sender = sender;
    this.topics = topics;
    this.metrics = metrics;
    this.apiKeys = config.apiKeys();
    this.rateLimiter = rateLimiter;
    this.status = status;
    this.validator = validator;
    this.recent = recent;
    this.policies = policies;
    this.clock = clock;
  }

  /**
   * The routes as send-intake serves them: the system clock, fallback-timer at the configured URL,
   * named policies from {@code policies}.
   */
  public static MessagesRoutes create(
      SendIntakeConfig config,
      RecordSender sender,
      CascadeTopics topics,
      IntakeMetrics metrics,
      PolicyStore policies) {
    return new MessagesRoutes(
        config,
        sender,
        topics,
        metrics,
        new RateLimiter(config.ratePerSecond(), System::nanoTime),
        new StatusClient(config.statusUrl()),
        new RequestValidator(
            new SendRequestRules(config.providers(), config.smsMaxPartsForConversion()),
            policies::find),
        new RecentRequests(
            config.idempotencyRetention(), config.idempotencyMaxEntries(), Ticker.systemTicker()),
        policies,
        Clock.systemUTC());
  }

  public void register(Javalin app) {
    app.post("/v1/messages", this::send);
    app.get("/v1/messages/{id}", this::read);
    app.get("/v1/messages/{id}/events", this::events);
    app.delete("/v1/messages/{id}", this::cancel);
  }

  private void send(Context ctx) throws Exception {
    Optional<String> keyId = authorize(ctx);
    if (keyId.isEmpty()) {
      return;
    }
    Optional<JsonBody.Refusal> unsupported =
        JsonBody.checkHeaders(ctx.header("Content-Type"), ctx.header("Content-Encoding"));
    if (unsupported.isPresent()) {
      reject(ctx, unsupported.get());
      return;
    }
    byte[] body;
    switch (RequestBody.read(ctx, MAX_BODY_BYTES)) {
      case RequestBody.Read read -> body = read.bytes();
      case RequestBody.Refused refused -> {
        reject(ctx, refused.status(), refused.title(), refused.detail());
        return;
      }
    }
    JsonBody.Parsed parsed = JsonBody.parse(body);
    if (parsed.refusal() != null) {
      reject(ctx, parsed.refusal());
      return;
    }
    MessageRequestJson json = parsed.json();
    if (json.policy() != null && !policies.loaded()) {
      unavailable(ctx, "the stored policies are still being read; retry");
      return;
    }
    String messageId =
        json.messageId() != null ? json.messageId() : UUID.randomUUID().toString();
    RequestValidator.Checked checked = validator.check(json, messageId);
    if (!checked.valid()) {
      metrics.request("invalid");
      Problem.send(
          ctx,
          422,
          "Unprocessable Content",
          "the request breaks " + checked.errors().size() + " rule(s)",
          checked.errors());
      return;
    }
    SendRequest request = checked.request();
    request.setApiKeyId(keyId.get());
    if (json.messageId() == null) {
      store(ctx, request); // a generated id is new: nothing to be idempotent about
      return;
    }
    String fingerprint = RequestFingerprint.of(request);
    switch (recent.claim(messageId, fingerprint)) {
      case RecentRequests.Claim.Conflict conflict -> conflict(ctx, request);
      case RecentRequests.Claim.Same same -> answerAsTheFirst(ctx, request, same.entry());
      case RecentRequests.Claim.First first -> {
        boolean stored = false;
        try {
          stored = sendOnce(ctx, request, fingerprint);
        } finally {
          recent.settle(messageId, first.entry(), stored);
        }
      }
    }
  }

  /**
   * The first POST of an id this instance has not seen lately: fallback-timer may know it (sent
   * before this instance started, or through another one); else it is stored. True when the
   * request is (already) stored.
   */
  private boolean sendOnce(Context ctx, SendRequest request, String fingerprint) throws Exception {
    StatusClient.Answer known = status.get(request.getMessageId());
    if (known.status() == 200) {
      if (known.fingerprint().equals(fingerprint)) {
        metrics.request("duplicate");
        accepted(ctx, request);
        return true;
      }
      conflict(ctx, request);
      return false;
    }
    // unknown (404) or unreadable: a conflicting duplicate from elsewhere is rejected by
    // fallback-timer
    return store(ctx, request);
  }

  /** An equal request under this id is on its way (or was stored): the same answer as it got. */
  private void answerAsTheFirst(Context ctx, SendRequest request, RecentRequests.Entry first)
      throws Exception {
    boolean stored;
    try {
      stored = first.stored().get(config.ackTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      stored = false;
    }
    if (stored) {
      metrics.request("duplicate");
      accepted(ctx, request);
    } else {
      unavailable(ctx, "an equal request with this messageId was not stored; retry");
    }
  }

  private void conflict(Context ctx, SendRequest request) {
    metrics.request("conflict");
    Problem.send(
        ctx,
        409,
        "Conflict",
        "messageId " + request.getMessageId() + " was already used for a different request");
  }

  private void unavailable(Context ctx, String detail) {
    metrics.request("unavailable");
    ctx.header("Retry-After", "1");
    Problem.send(ctx, 503, "Service Unavailable", detail);
  }

  /** Stores the request and answers 202, or 503 when Kafka does not acknowledge in time. */
  private boolean store(Context ctx, SendRequest request) throws InterruptedException {
    request.setReceivedAt(clock.instant());
    try {
      sender
          .send(topics.sendRequests, request.getMessageId(), request)
          .get(config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // Never a 202 that was not stored: the client may retry with the same messageId.
      unavailable(ctx, "Kafka did not acknowledge the request in time; retry");
      return false;
    }
    metrics.request("accepted");
    accepted(ctx, request);
    return true;
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
    relay(ctx, status.get(ctx.pathParam("id")));
  }

  /** {@code GET /v1/messages/{id}/events} (SPEC section 10): the message's timeline. */
  private void events(Context ctx) throws InterruptedException {
    if (authorize(ctx).isEmpty()) {
      return;
    }
    relay(ctx, status.events(ctx.pathParam("id")));
  }

  /** fallback-timer's answer as it is, or a problem when fallback-timer could not be reached. */
  private void relay(Context ctx, StatusClient.Answer answer) {
    if (answer.status() == 404) {
      // fallback-timer's problem names its internal path; the caller's names the one it called
      reject(ctx, 404, "Not Found", "no message " + ctx.pathParam("id"));
      return;
    }
    if (answer.status() == 503 && answer.contentType().startsWith("text/plain")) {
      ctx.header("Retry-After", "1");
      Problem.send(ctx, 503, "Service Unavailable", answer.body());
      return;
    }
    ctx.status(answer.status()).contentType(answer.contentType()).result(answer.body());
  }

  /**
   * {@code DELETE /v1/messages/{id}} (SPEC section 10): a message that has not ended is cancelled
   * by fallback-timer; the answer lists what was already sent. An ended message is a 409.
   */
  private void cancel(Context ctx) throws Exception {
    Optional<String> keyId = authorize(ctx);
    if (keyId.isEmpty()) {
      return;
    }
    String messageId = ctx.pathParam("id");
    StatusClient.Answer known = status.get(messageId);
    if (known.status() == 404) {
      reject(ctx, 404, "Not Found", "no message " + messageId);
      return;
    }
    if (known.status() != 200) {
      unavailable(ctx, "the message's state cannot be read now; retry");
      return;
    }
    JsonNode view = Json.mapper().readTree(known.body());
    if (view.path("terminal").asBoolean()) {
      reject(
          ctx,
          409,
          "Conflict",
          "message " + messageId + " already ended as " + view.path("status").asText());
      return;
    }
    CancelRequest request = CancelRequest.newBuilder()
        .setMessageId(messageId)
        .setRequestedAt(clock.instant())
        .setApiKeyId(keyId.get())
        .build();
    try {
      sender
          .send(topics.messageCancels, messageId, request)
          .get(config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      unavailable(ctx, "Kafka did not acknowledge the cancel in time; retry");
      return;
    }
    metrics.request("cancelled");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("messageId", messageId);
    body.put("cancelRequested", true);
    body.put("alreadySent", view.path("attempts"));
    ctx.status(202).json(body);
  }

  private Optional<String> authorize(Context ctx) {
    Optional<String> keyId = apiKeys.authenticate(ctx);
    if (keyId.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer");
      reject(
          ctx, 401, "Unauthorized", "send a valid API key as X-Api-Key or Authorization: Bearer");
      return Optional.empty();
    }
    if (!rateLimiter.tryAcquire(keyId.get())) {
      ctx.header("Retry-After", "1");
      reject(
          ctx,
          429,
          "Too Many Requests",
          "more than " + config.ratePerSecond() + " requests per second");
      return Optional.empty();
    }
    return keyId;
  }

  private void reject(Context ctx, int status, String title, String detail) {
    metrics.request(String.valueOf(status));
    Problem.send(ctx, status, title, detail);
  }

  /** A 422 (a field of the wrong type) counts as invalid, like the rules' 422; others by status. */
  private void reject(Context ctx, JsonBody.Refusal refusal) {
    metrics.request(refusal.status() == 422 ? "invalid" : String.valueOf(refusal.status()));
    Problem.send(ctx, refusal.status(), refusal.title(), refusal.detail(), refusal.errors());
  }
}
