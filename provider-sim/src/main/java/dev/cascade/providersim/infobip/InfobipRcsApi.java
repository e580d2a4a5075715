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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Infobip's RCS API: "Check RCS capability" ({@code POST /rcs/2/capability-check/query}: digit 6
 * is {@code UNREACHABLE}, every other digit {@code ENABLED}) and "Send RCS messages" ({@code POST
 * /rcs/2/messages}: one destination per message here; digit 1 is REJECTED with
 * REJECTED_ROUTE_NOT_AVAILABLE in the answer, digit 9 fails transiently twice, the rest are
 * PENDING_ACCEPTED and reported through Infobip's delivery and seen report webhooks).
 */
final class InfobipRcsApi {

  private static final Set<String> CONTENT_TYPES =
      Set.of("TEXT", "FILE", "CARD", "CAROUSEL", "PROVIDER_TEMPLATE");

  private final Reporter reporter;
  private final Flakiness flakiness;
  private final InfobipWebhooks webhooks;

  InfobipRcsApi(Reporter reporter, Flakiness flakiness, InfobipWebhooks webhooks) {
    this.reporter = reporter;
    this.flakiness = flakiness;
    this.webhooks = webhooks;
  }

  void register(Javalin app) {
    app.post("/rcs/2/capability-check/query", this::capability);
    app.post("/rcs/2/messages", this::send);
  }

  private void capability(Context ctx) throws Exception {
    if (!InfobipApi.authorized(ctx)) {
      return;
    }
    JsonNode numbers = Json.mapper().readTree(ctx.bodyAsBytes()).path("phoneNumbers");
    if (!numbers.isArray() || numbers.isEmpty()) {
      InfobipApi.serviceException(ctx, 400, "BAD_REQUEST", "phoneNumbers is required");
      return;
    }
    List<Map<String, Object>> results = new ArrayList<>();
    for (JsonNode number : numbers) {
      boolean capable = Behaviour.of(number.asText(), Channel.RCS) != Behaviour.NOT_CAPABLE;
      results.add(Map.of(
          "messageId",
          UUID.randomUUID().toString(),
          "phoneNumber",
          number.asText(),
          "code",
          capable ? "ENABLED" : "UNREACHABLE"));
    }
    ctx.json(Map.of("capabilityCheckResults", results));
  }

  private void send(Context ctx) throws Exception {
    if (!InfobipApi.authorized(ctx)) {
      return;
    }
    JsonNode message =
        Json.mapper().readTree(ctx.bodyAsBytes()).path("messages").path(0);
    JsonNode destination = message.path("destinations").path(0);
    String to = destination.path("to").asText("");
    JsonNode content = message.path("content");
    String type = content.path("type").asText("");
    if (to.isEmpty() || message.path("sender").asText("").isEmpty()) {
      InfobipApi.serviceException(
          ctx, 400, "BAD_REQUEST", "messages[0].sender and destinations[0].to are required");
      return;
    }
    if (!CONTENT_TYPES.contains(type)
        || (type.equals("PROVIDER_TEMPLATE")
            && content.path("templateId").asText("").isEmpty())) {
      InfobipApi.serviceException(
          ctx, 400, "BAD_REQUEST", "messages[0].content: unknown type or missing templateId");
      return;
    }
    String messageId = destination.path("messageId").asText(UUID.randomUUID().toString());
    Behaviour behaviour = Behaviour.of(to, Channel.RCS);
    if (behaviour == Behaviour.FLAKY
        && InfobipApi.transientFailure(ctx, flakiness.nextTry(messageId))) {
      return;
    }
    if (behaviour == Behaviour.REJECT) {
      answer(ctx, to, messageId, rejected());
      return;
    }
    // A not-capable number that was not checked first is accepted and never reported on, like
    // any message whose report is lost: the step's own timer or validity decides.
    reporter.accepted(
        new SentMessage(Channel.RCS, messageId, to, message.path("sender").asText()),
        behaviour,
        webhooks::report);
    answer(ctx, to, messageId, pending());
  }

  private static void answer(Context ctx, String to, String messageId, Map<String, Object> status) {
    ctx.json(Map.of(
        "bulkId",
        UUID.randomUUID().toString(),
        "messages",
        List.of(Map.of("messageId", messageId, "status", status, "destination", to))));
  }

  private static Map<String, Object> pending() {
    return Map.of(
        "groupId",
        1,
        "groupName",
        "PENDING",
        "id",
        26,
        "name",
        "PENDING_ACCEPTED",
        "description",
        "Message sent to next instance");
  }

  private static Map<String, Object> rejected() {
    return Map.of(
        "groupId",
        5,
        "groupName",
        "REJECTED",
        "id",
        19,
        "name",
        "REJECTED_ROUTE_NOT_AVAILABLE",
        "description",
        "Route not available");
  }
}
