package dev.cascade.providersim.rbm;

import dev.cascade.platform.json.Json;
import dev.cascade.platform.webhooks.Signatures;
import dev.cascade.providersim.core.SentMessage;
import dev.cascade.providersim.core.Webhook;
import dev.cascade.providersim.script.ReportPlan;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * RBM user events ("Receive messages and events", "Webhooks"): the event JSON, base64 in the
 * Pub/Sub push envelope's {@code message.data}, signed with {@code X-Goog-Signature} = base64
 * HMAC-SHA512 of the decoded data with the client token.
 */
final class RbmWebhooks {

  private final String clientToken;

  RbmWebhooks(String clientToken) {
    this.clientToken = clientToken;
  }

  Webhook event(SentMessage message, ReportPlan.Kind kind, Instant at) {
    byte[] event = Json.bytes(Map.of(
        "senderPhoneNumber",
        message.to(),
        "eventType",
        kind == ReportPlan.Kind.READ ? "READ" : "DELIVERED",
        "eventId",
        "MxSIM" + UUID.randomUUID().toString().replace("-", "").substring(0, 18),
        "messageId",
        message.providerMessageId(),
        "sendTime",
        at.toString(),
        "agentId",
        message.sender() == null ? "sim-agent" : message.sender()));
    byte[] envelope = Json.bytes(Map.of(
        "message",
        Map.of(
            "data",
            Base64.getEncoder().encodeToString(event),
            "messageId",
            String.valueOf(at.toEpochMilli()),
            "publishTime",
            at.toString()),
        "subscription",
        "projects/rbm-sim-agent/subscriptions/rbm-agent-subscription"));
    return new Webhook(
        "/webhooks/rbm",
        Map.of("X-Goog-Signature", Signatures.rbmSignature(clientToken, event)),
        envelope);
  }
}
