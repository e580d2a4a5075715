package dev.cascade.providersim.meta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.platform.json.Json;
import dev.cascade.providersim.core.Flakiness;
import dev.cascade.providersim.core.Reporter;
import dev.cascade.providersim.core.SentMessage;
import dev.cascade.providersim.script.Behaviour;
import dev.cascade.schemas.Channel;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The WhatsApp Cloud API's send endpoint ("Messages" reference, Graph API v21.0), answering as
 * Meta does: {@code messages[0].id} on success, an {@code error} object with Meta's code otherwise.
 */
public final class MetaApi {

  private final Reporter reporter;
  private final Flakiness flakiness;
  private final MetaWebhooks webhooks;

  /** {@code appSecret}: what the status webhooks are signed with. */
  public MetaApi(Reporter reporter, Flakiness flakiness, String appSecret) {
    this.reporter = reporter;
    this.flakiness = flakiness;
    this.webhooks = new MetaWebhooks(appSecret);
  }

  public void register(Javalin app) {
    app.post("/{version}/{phoneNumberId}/messages", this::send);
  }

  private void send(Context ctx) throws Exception {
    String authorization = ctx.header("Authorization");
    if (authorization == null
        || !authorization.startsWith("Bearer ")
        || authorization.length() <= 7) {
      error(
          ctx,
          401,
          190,
          "Invalid OAuth access token - Cannot parse access token",
          "OAuthException",
          null);
      return;
    }
    JsonNode body = Json.mapper().readTree(ctx.bodyAsBytes());
    String to = body.path("to").asText("");
    String type = body.path("type").asText("");
    if (!"whatsapp".equals(body.path("messaging_product").asText())
        || to.isEmpty()
        || !body.has(type)) {
      error(
          ctx,
          400,
          100,
          "(#100) Invalid parameter",
          "OAuthException",
          "messaging_product, to and a " + type + " object are required");
      return;
    }
    String reference =
        body.path("biz_opaque_callback_data").asText(to + ":" + ctx.bodyAsBytes().length);
    Behaviour behaviour = Behaviour.of(to, Channel.WHATSAPP);
    if (behaviour == Behaviour.FLAKY && transientFailure(ctx, flakiness.nextTry(reference))) {
      return;
    }
    if (behaviour == Behaviour.REJECT) {
      error(
          ctx,
          400,
          131026,
          "(#131026) Message undeliverable",
          "OAuthException",
          "Recipient is not a WhatsApp user");
      return;
    }
    String wamid = "wamid." + UUID.randomUUID().toString().replace("-", "").toUpperCase();
    reporter.accepted(
        new SentMessage(Channel.WHATSAPP, wamid, to, ctx.pathParam("phoneNumberId")),
        behaviour,
        (message, kind, at) -> webhooks.status(message, kind, at, reference));
    ctx.json(Map.of(
        "messaging_product",
        "whatsapp",
        "contacts",
        List.of(Map.of("input", to, "wa_id", to)),
        "messages",
        List.of(Map.of("id", wamid, "message_status", "accepted"))));
  }

  static boolean transientFailure(Context ctx, Flakiness.Answer answer) {
    switch (answer) {
      case UNAVAILABLE ->
        ctx.status(503)
            .json(Map.of(
                "error",
                Map.of(
                    "message",
                    "Service temporarily unavailable",
                    "type",
                    "OAuthException",
                    "code",
                    2,
                    "fbtrace_id",
                    "sim")));
      case TOO_MANY_REQUESTS ->
        ctx.status(429)
            .header("Retry-After", "1")
            .json(Map.of(
                "error",
                Map.of(
                    "message",
                    "(#130429) Rate limit hit",
                    "type",
                    "OAuthException",
                    "code",
                    130429,
                    "fbtrace_id",
                    "sim")));
      case PROCEED -> {
        return false;
      }
    }
    return true;
  }

  private static void error(
      Context ctx, int status, int code, String message, String type, String details) {
    Map<String, Object> error = new java.util.LinkedHashMap<>();
    error.put("message", message);
    error.put("type", type);
    error.put("code", code);
    if (details != null) {
      error.put("error_data", Map.of("messaging_product", "whatsapp", "details", details));
    }
    error.put("fbtrace_id", "Az8or2yhqkZfEZ-_4Qn_Bam");
    ctx.status(status).json(Map.of("error", error));
  }
}
