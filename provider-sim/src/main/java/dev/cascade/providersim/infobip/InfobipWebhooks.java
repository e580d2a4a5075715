package dev.cascade.providersim.infobip;

import dev.cascade.platform.json.Json;
import dev.cascade.providersim.core.SentMessage;
import dev.cascade.providersim.core.Webhook;
import dev.cascade.providersim.script.ReportPlan;
import dev.cascade.schemas.Channel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Infobip delivery reports ("Receive outbound SMS message reports", the Viber equivalent, "Receive
 * RCS delivery reports") and Viber and RCS seen reports: one {@code results} format for every
 * channel, posted with HTTP Basic credentials whose password is the shared secret.
 */
final class InfobipWebhooks {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

  private final String authorization;

  InfobipWebhooks(String secret) {
    this.authorization = "Basic "
        + Base64.getEncoder()
            .encodeToString(("infobip:" + secret).getBytes(StandardCharsets.UTF_8));
  }

  Webhook report(SentMessage message, ReportPlan.Kind kind, Instant at) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("messageId", message.providerMessageId());
    result.put("to", message.to());
    result.put("sentAt", TIME.format(at));
    if (kind == ReportPlan.Kind.READ) {
      result.put("from", message.sender());
      result.put("seenAt", TIME.format(at));
    } else {
      result.put("bulkId", "sim-bulk");
      result.put("doneAt", TIME.format(at));
      result.put("messageCount", 1);
      result.put("price", Map.of("pricePerMessage", 0.01, "currency", "EUR"));
      result.put("status", status(kind));
      result.put("error", error(kind));
      result.put("channel", message.channel().name());
      if (message.channel() == Channel.RCS) {
        result.put("sender", message.sender());
      }
    }
    return new Webhook(
        "/webhooks/infobip",
        Map.of("Authorization", authorization),
        Json.bytes(Map.of("results", List.of(result))));
  }

  private static Map<String, Object> status(ReportPlan.Kind kind) {
    return switch (kind) {
      case DELIVERED, READ ->
        Map.of(
            "groupId",
            3,
            "groupName",
            "DELIVERED",
            "id",
            5,
            "name",
            "DELIVERED_TO_HANDSET",
            "description",
            "Message delivered to handset");
      case UNDELIVERED ->
        Map.of(
            "groupId",
            2,
            "groupName",
            "UNDELIVERABLE",
            "id",
            9,
            "name",
            "UNDELIVERABLE_NOT_DELIVERED",
            "description",
            "Message sent not delivered");
      case FAILED ->
        Map.of(
            "groupId",
            5,
            "groupName",
            "REJECTED",
            "id",
            6,
            "name",
            "REJECTED_NETWORK",
            "description",
            "Network is forbidden");
      case SENT ->
        Map.of(
            "groupId",
            1,
            "groupName",
            "PENDING",
            "id",
            7,
            "name",
            "PENDING_ENROUTE",
            "description",
            "Message sent to next instance");
    };
  }

  private static Map<String, Object> error(ReportPlan.Kind kind) {
    return switch (kind) {
      case UNDELIVERED ->
        Map.of(
            "groupId",
            1,
            "groupName",
            "HANDSET_ERRORS",
            "id",
            27,
            "name",
            "EC_ABSENT_SUBSCRIBER",
            "description",
            "Absent Subscriber",
            "permanent",
            false);
      case FAILED ->
        Map.of(
            "groupId",
            2,
            "groupName",
            "USER_ERRORS",
            "id",
            9,
            "name",
            "EC_CALL_BARRED",
            "description",
            "Call Barred",
            "permanent",
            true);
      default ->
        Map.of(
            "groupId",
            0,
            "groupName",
            "OK",
            "id",
            0,
            "name",
            "NO_ERROR",
            "description",
            "No Error",
            "permanent",
            false);
    };
  }
}
