package dev.cascade.providersim.infobip;

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
 * Infobip's send endpoints for SMS ("Send SMS message", {@code /sms/2/text/advanced}) and Viber
 * ({@code /viber/2/messages}): one destination per message here, answered with a bulkId and the
 * message's PENDING_ACCEPTED status, or a {@code requestError.serviceException}. Its RCS API is
 * {@link InfobipRcsApi}.
 */
public final class InfobipApi {

  private final Reporter reporter;
  private final Flakiness flakiness;
  private final InfobipWebhooks webhooks;
  private final InfobipRcsApi rcs;

  /** {@code secret}: the password of the Basic credentials the reports are posted with. */
  public InfobipApi(Reporter reporter, Flakiness flakiness, String secret) {
    this.reporter = reporter;
    this.flakiness = flakiness;
    this.webhooks = new InfobipWebhooks(secret);
    this.rcs = new InfobipRcsApi(reporter, flakiness, webhooks);
  }

  public void register(Javalin app) {
    app.post("/sms/2/text/advanced", ctx -> send(ctx, Channel.SMS));
    app.post("/viber/2/messages", ctx -> send(ctx, Channel.VIBER));
    rcs.register(app);
  }

  private void send(Context ctx, Channel channel) throws Exception {
    if (!authorized(ctx)) {
      return;
    }
    JsonNode message =
        Json.mapper().readTree(ctx.bodyAsBytes()).path("messages").path(0);
    JsonNode destination = message.path("destinations").path(0);
    String to = destination.path("to").asText("");
    if (to.isEmpty()) {
      serviceException(ctx, 400, "BAD_REQUEST", "messages[0].destinations[0].to is required");
      return;
    }
    String messageId = destination.path("messageId").asText(UUID.randomUUID().toString());
    Behaviour behaviour = Behaviour.of(to, channel);
    if (behaviour == Behaviour.FLAKY && transientFailure(ctx, flakiness.nextTry(messageId))) {
      return;
    }
    if (behaviour == Behaviour.REJECT) {
      if (channel == Channel.SMS) {
        serviceException(ctx, 400, "INVALID_DESTINATION", "Invalid destination address");
      } else {
        serviceException(ctx, 400, "NOT_VIBER_USER", "Destination is not a Viber user");
      }
      return;
    }
    String sender = channel == Channel.SMS
        ? message.path("from").asText()
        : message.path("sender").asText();
    reporter.accepted(new SentMessage(channel, messageId, to, sender), behaviour, webhooks::report);
    ctx.json(Map.of(
        "bulkId",
        UUID.randomUUID().toString(),
        "messages",
        List.of(Map.of(
            "to",
            to,
            "messageId",
            messageId,
            "status",
            Map.of(
                "groupId",
                1,
                "groupName",
                "PENDING",
                "id",
                26,
                "name",
                "PENDING_ACCEPTED",
                "description",
                "Message sent to next instance")))));
  }

  /** Infobip's API key authorization, {@code App <key>}; else a 401. */
  static boolean authorized(Context ctx) {
    String authorization = ctx.header("Authorization");
    if (authorization == null || !authorization.startsWith("App ") || authorization.length() <= 4) {
      serviceException(ctx, 401, "UNAUTHORIZED", "Invalid login details");
      return false;
    }
    return true;
  }

  static boolean transientFailure(Context ctx, Flakiness.Answer answer) {
    switch (answer) {
      case UNAVAILABLE ->
        serviceException(ctx, 503, "SERVICE_UNAVAILABLE", "Service temporarily unavailable");
      case TOO_MANY_REQUESTS -> {
        ctx.header("Retry-After", "1");
        serviceException(ctx, 429, "TOO_MANY_REQUESTS", "Too many requests");
      }
      case PROCEED -> {
        return false;
      }
    }
    return true;
  }

  static void serviceException(Context ctx, int status, String messageId, String text) {
    ctx.status(status)
        .json(Map.of(
            "requestError",
            Map.of("serviceException", Map.of("messageId", messageId, "text", text))));
  }
}
