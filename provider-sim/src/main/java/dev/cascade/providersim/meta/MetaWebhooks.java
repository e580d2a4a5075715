package dev.cascade.providersim.meta;

import dev.cascade.platform.json.Json;
import dev.cascade.platform.webhooks.Signatures;
import dev.cascade.providersim.core.SentMessage;
import dev.cascade.providersim.core.Webhook;
import dev.cascade.providersim.script.ReportPlan;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WhatsApp status notifications ("Webhooks: messages field, status messages"): the
 * whatsapp_business_account envelope with one {@code statuses} entry, signed with
 * {@code X-Hub-Signature-256} as Meta signs them. WhatsApp has no "undelivered" status: it
 * reports {@code failed} with error 131026 (message undeliverable).
 */
final class MetaWebhooks {

  private final String appSecret;

  MetaWebhooks(String appSecret) {
    this.appSecret = appSecret;
  }

  Webhook status(SentMessage message, ReportPlan.Kind kind, Instant at, String callbackData) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("id", message.providerMessageId());
    status.put(
        "status",
        switch (kind) {
          case SENT -> "sent";
          case DELIVERED -> "delivered";
          case READ -> "read";
          case UNDELIVERED, FAILED -> "failed";
        });
    status.put("timestamp", String.valueOf(at.getEpochSecond()));
    status.put("recipient_id", message.to());
    status.put("biz_opaque_callback_data", callbackData);
    if (kind == ReportPlan.Kind.UNDELIVERED) {
      status.put(
          "errors", List.of(error(131026, "Message undeliverable", "Unable to deliver message.")));
    } else if (kind == ReportPlan.Kind.FAILED) {
      status.put(
          "errors", List.of(error(131000, "Something went wrong", "Message failed to send.")));
    }
    Map<String, Object> value = Map.of(
        "messaging_product", "whatsapp",
        "metadata",
            Map.of("display_phone_number", "15550783881", "phone_number_id", message.sender()),
        "statuses", List.of(status));
    Map<String, Object> body = Map.of(
        "object",
        "whatsapp_business_account",
        "entry",
        List.of(Map.of(
            "id",
            "102290129340398",
            "changes",
            List.of(Map.of("value", value, "field", "messages")))));
    byte[] bytes = Json.bytes(body);
    return new Webhook(
        "/webhooks/whatsapp",
        Map.of("X-Hub-Signature-256", Signatures.metaSignature(appSecret, bytes)),
        bytes);
  }

  private static Map<String, Object> error(int code, String title, String details) {
    return Map.of(
        "code", code, "title", title, "message", title, "error_data", Map.of("details", details));
  }
}
