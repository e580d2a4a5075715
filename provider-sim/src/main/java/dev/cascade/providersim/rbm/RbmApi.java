package dev.cascade.providersim.rbm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.platform.json.Json;
import dev.cascade.providersim.core.Flakiness;
import dev.cascade.providersim.core.Reporter;
import dev.cascade.providersim.core.SentMessage;
import dev.cascade.providersim.script.Behaviour;
import dev.cascade.schemas.Channel;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Google RBM v1 as an agent sees it ("REST Resource: phones.agentMessages", "phones.getCapabilities"):
 * capability checks, agent messages with the client-chosen messageId, and revocation. Errors are
 * Google API errors with an ErrorInfo detail.
 */
public final class RbmApi {

  private final Reporter reporter;
  private final Flakiness flakiness;
  private final RbmWebhooks webhooks;

  /** {@code clientToken}: what the user events are signed with. */
  public RbmApi(Reporter reporter, Flakiness flakiness, String clientToken) {
    this.reporter = reporter;
    this.flakiness = flakiness;
    this.webhooks = new RbmWebhooks(clientToken);
  }

  public void register(Javalin app) {
    app.get("/v1/phones/{phone}/capabilities", this::capabilities);
    app.post("/v1/phones/{phone}/agentMessages", this::send);
    app.delete("/v1/phones/{phone}/agentMessages/{messageId}", this::revoke);
  }

  private void capabilities(Context ctx) {
    if (!authorized(ctx)) {
      return;
    }
    if (Behaviour.of(ctx.pathParam("phone"), Channel.RCS) == Behaviour.NOT_CAPABLE) {
      error(ctx, 404, "NOT_FOUND", "Requested entity was not found.", null);
      return;
    }
    ctx.json(Map.of(
        "features",
        List.of(
            "RICHCARD_STANDALONE",
            "RICHCARD_CAROUSEL",
            "ACTION_CREATE_CALENDAR_EVENT",
            "ACTION_DIAL",
            "ACTION_OPEN_URL",
            "ACTION_SHARE_LOCATION",
            "ACTION_VIEW_LOCATION")));
  }

  private void send(Context ctx) throws Exception {
    if (!authorized(ctx)) {
      return;
    }
    String phone = ctx.pathParam("phone");
    String messageId = ctx.queryParam("messageId");
    JsonNode body = Json.mapper().readTree(ctx.bodyAsBytes());
    if (messageId == null || messageId.isBlank() || !body.path("contentMessage").isObject()) {
      error(ctx, 400, "INVALID_ARGUMENT", "messageId and contentMessage are required", null);
      return;
    }
    Behaviour behaviour = Behaviour.of(phone, Channel.RCS);
    if (behaviour == Behaviour.FLAKY && transientFailure(ctx, flakiness.nextTry(messageId))) {
      return;
    }
    switch (behaviour) {
      case NOT_CAPABLE -> error(ctx, 404, "NOT_FOUND", "Requested entity was not found.", null);
      case REJECT ->
        error(
            ctx,
            403,
            "PERMISSION_DENIED",
            "The agent cannot reach this user.",
            "AGENT_NOT_REACHABLE");
      default -> {
        reporter.accepted(
            new SentMessage(Channel.RCS, messageId, phone, ctx.queryParam("agentId")),
            behaviour,
            webhooks::event,
            false); // RBM sends no failure events: an undelivered message is noticed by its timer
        ctx.json(Map.of(
            "name",
            "phones/" + phone + "/agentMessages/" + messageId,
            "sendTime",
            Instant.now().toString(),
            "contentMessage",
            body.path("contentMessage")));
      }
    }
  }

  /** A message that reached the handset can no longer be revoked: NOT_FOUND, as RBM answers. */
  private void revoke(Context ctx) {
    if (!authorized(ctx)) {
      return;
    }
    String messageId = ctx.pathParam("messageId");
    if (!reporter.knows(messageId) || reporter.delivered(messageId)) {
      error(ctx, 404, "NOT_FOUND", "Requested entity was not found.", null);
      return;
    }
    reporter.revoked(messageId);
    ctx.json(Map.of());
  }

  private static boolean transientFailure(Context ctx, Flakiness.Answer answer) {
    switch (answer) {
      case UNAVAILABLE ->
        error(ctx, 503, "UNAVAILABLE", "The service is currently unavailable.", null);
      case TOO_MANY_REQUESTS -> {
        ctx.header("Retry-After", "1");
        error(ctx, 429, "RESOURCE_EXHAUSTED", "Quota exceeded.", null);
      }
      case PROCEED -> {
        return false;
      }
    }
    return true;
  }

  private static boolean authorized(Context ctx) {
    String authorization = ctx.header("Authorization");
    if (authorization == null
        || !authorization.startsWith("Bearer ")
        || authorization.length() <= 7) {
      error(ctx, 401, "UNAUTHENTICATED", "Request had invalid authentication credentials.", null);
      return false;
    }
    return true;
  }

  private static void error(Context ctx, int code, String status, String message, String reason) {
    Map<String, Object> error = new java.util.LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.put("status", status);
    if (reason != null) {
      error.put(
          "details",
          List.of(Map.of(
              "@type",
              "type.googleapis.com/google.rpc.ErrorInfo",
              "reason",
              reason,
              "domain",
              "rcsbusinessmessaging.googleapis.com")));
    }
    ctx.status(code).json(Map.of("error", error));
  }
}
