package dev.cascade.intake.http;

import dev.cascade.intake.api.PolicyJson;
import dev.cascade.intake.api.PolicyValidator;
import dev.cascade.intake.api.PolicyView;
import dev.cascade.intake.policies.PolicyStore;
import dev.cascade.platform.http.Problem;
import dev.cascade.platform.http.RequestBody;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.RecordSender;
import dev.cascade.platform.requests.SendRequestRules;
import dev.cascade.schemas.FallbackPolicy;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Named fallback policies (SPEC section 10): {@code PUT}, {@code GET} and {@code DELETE
 * /v1/policies/{name}}, {@code GET /v1/policies}. A policy is stored on the compacted topic
 * fallback.policies (a DELETE writes a tombstone); a write is answered only after Kafka
 * acknowledged it, and reads come from this instance's {@link PolicyStore}, which holds its own
 * writes at once and other instances' writes once it has read them.
 */
public final class PoliciesRoutes {

  private final SendIntakeConfig config;
  private final RecordSender sender;
  private final CascadeTopics topics;
  private final PolicyStore store;
  private final PolicyValidator validator;
  private final ApiKeyGate gate;
  private final Clock clock;
  /**
   * Writes of this instance one at a time, so each reads the version the previous one stored.
   * Writes are rare; one lock for every name keeps it simple.
   */
  private final ReentrantLock writes = new ReentrantLock();

  PoliciesRoutes(
      SendIntakeConfig config,
      RecordSender sender,
      CascadeTopics topics,
      PolicyStore store,
      PolicyValidator validator,
      ApiKeyGate gate,
      Clock clock) {
    this.config = config;
    this.sender = sender;
    this.topics = topics;
    this.store = store;
    this.validator = validator;
    this.gate = gate;
    this.clock = clock;
  }

  /** The routes as send-intake serves them. */
  public static PoliciesRoutes create(
      SendIntakeConfig config, RecordSender sender, CascadeTopics topics, PolicyStore store) {
    return new PoliciesRoutes(
        config,
        sender,
        topics,
        store,
        new PolicyValidator(
            new SendRequestRules(config.providers(), config.smsMaxPartsForConversion())),
        // policy administration has a rate budget of its own, apart from sending
        new ApiKeyGate(
            config.apiKeys(),
            config.ratePerSecond(),
            new RateLimiter(config.ratePerSecond(), System::nanoTime)),
        Clock.systemUTC());
  }

  public void register(Javalin app) {
    app.put("/v1/policies/{name}", this::put);
    app.get("/v1/policies/{name}", this::get);
    app.get("/v1/policies", this::list);
    app.delete("/v1/policies/{name}", this::delete);
  }

  private void put(Context ctx) throws InterruptedException {
    Optional<String> keyId = gate.authorize(ctx);
    if (keyId.isEmpty() || !loaded(ctx)) {
      return;
    }
    Optional<JsonBody.Refusal> unsupported =
        JsonBody.checkHeaders(ctx.header("Content-Type"), ctx.header("Content-Encoding"));
    if (unsupported.isPresent()) {
      refuse(ctx, unsupported.get());
      return;
    }
    byte[] body;
    switch (RequestBody.read(ctx, MessagesRoutes.MAX_BODY_BYTES)) {
      case RequestBody.Read read -> body = read.bytes();
      case RequestBody.Refused refused -> {
        Problem.send(ctx, refused.status(), refused.title(), refused.detail());
        return;
      }
    }
    JsonBody.ParsedAs<PolicyJson> parsed = JsonBody.parse(body, PolicyJson.class);
    if (parsed.refusal() != null) {
      refuse(ctx, parsed.refusal());
      return;
    }
    String name = ctx.pathParam("name");
    PolicyValidator.Checked checked = validator.check(name, parsed.json());
    if (!checked.valid()) {
      Problem.send(
          ctx,
          422,
          "Unprocessable Content",
          "the policy breaks " + checked.errors().size() + " rule(s)",
          checked.errors());
      return;
    }
    writes.lockInterruptibly();
    try {
      Optional<FallbackPolicy> previous = store.find(name);
      FallbackPolicy policy = FallbackPolicy.newBuilder()
          .setName(name)
          .setVersion(previous.map(p -> p.getVersion() + 1).orElse(1))
          .setSteps(checked.steps())
          .setUpdatedAt(clock.instant())
          .setApiKeyId(keyId.get())
          .build();
      Optional<RecordMetadata> stored = store(ctx, name, policy);
      if (stored.isEmpty()) {
        return;
      }
      store.apply(name, policy, stored.get().offset());
      if (previous.isEmpty()) {
        ctx.status(201).header("Location", "/v1/policies/" + name);
      } else {
        ctx.status(200);
      }
      ctx.json(PolicyView.of(policy));
    } finally {
      writes.unlock();
    }
  }

  private void get(Context ctx) {
    if (gate.authorize(ctx).isEmpty() || !loaded(ctx)) {
      return;
    }
    String name = ctx.pathParam("name");
    Optional<FallbackPolicy> policy = store.find(name);
    if (policy.isEmpty()) {
      notFound(ctx, name);
      return;
    }
    ctx.json(PolicyView.of(policy.get()));
  }

  private void list(Context ctx) {
    if (gate.authorize(ctx).isEmpty() || !loaded(ctx)) {
      return;
    }
    ctx.json(Map.of("policies", store.all().stream().map(PolicyView::of).toList()));
  }

  private void delete(Context ctx) throws InterruptedException {
    if (gate.authorize(ctx).isEmpty() || !loaded(ctx)) {
      return;
    }
    String name = ctx.pathParam("name");
    writes.lockInterruptibly();
    try {
      if (store.find(name).isEmpty()) {
        notFound(ctx, name);
        return;
      }
      Optional<RecordMetadata> stored = store(ctx, name, null);
      if (stored.isEmpty()) {
        return;
      }
      store.apply(name, null, stored.get().offset());
      ctx.status(204);
    } finally {
      writes.unlock();
    }
  }

  /** Writes the policy (or its tombstone) and waits for Kafka; else answers 503. */
  private Optional<RecordMetadata> store(Context ctx, String name, FallbackPolicy policy)
      throws InterruptedException {
    try {
      return Optional.of(sender
          .send(topics.fallbackPolicies, name, policy)
          .get(config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException | ExecutionException e) {
      unavailable(ctx, "Kafka did not acknowledge the policy in time; retry");
      return Optional.empty();
    }
  }

  /** Until the policies topic is read to its end, an unknown name may just not be read yet. */
  private boolean loaded(Context ctx) {
    if (!store.loaded()) {
      unavailable(ctx, "the stored policies are still being read; retry");
      return false;
    }
    return true;
  }

  private static void notFound(Context ctx, String name) {
    Problem.send(ctx, 404, "Not Found", "no policy named " + name);
  }

  private static void unavailable(Context ctx, String detail) {
    ctx.header("Retry-After", "1");
    Problem.send(ctx, 503, "Service Unavailable", detail);
  }

  private static void refuse(Context ctx, JsonBody.Refusal refusal) {
    Problem.send(ctx, refusal.status(), refusal.title(), refusal.detail(), refusal.errors());
  }
}
