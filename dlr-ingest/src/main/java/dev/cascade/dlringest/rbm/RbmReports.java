package dev.cascade.dlringest.rbm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.dlringest.reports.Handshake;
import dev.cascade.dlringest.reports.MalformedReportException;
import dev.cascade.dlringest.reports.ReportSource;
import dev.cascade.dlringest.reports.ReportSourceFactory;
import dev.cascade.dlringest.reports.WebhookCall;
import dev.cascade.platform.config.Settings;
import dev.cascade.platform.json.Json;
import dev.cascade.platform.json.Utf8;
import dev.cascade.platform.webhooks.Signatures;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.RawDeliveryReport;
import dev.cascade.schemas.ReportStatus;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Google RBM events as the webhook on {@code /webhooks/rbm} receives them ("Webhooks" and "Receive
 * messages and events"): a Pub/Sub push envelope whose {@code message.data} is the base64 event,
 * {@code {"eventType": "DELIVERED"|"READ"|..., "messageId", "sendTime", "senderPhoneNumber",
 * "agentId"}}. Other event types (typing indicators) and user messages carry no report. The
 * decoded event is signed in {@code X-Goog-Signature} with the client token; RBM's configuration
 * check is a POST of {@code {"clientToken", "secret"}}, answered with the secret.
 */
public final class RbmReports implements ReportSourceFactory {

  static final String PROVIDER = "rbm";

  @Override
  public ReportSource create(Settings settings) {
    return new Source(settings.string("rbm.client.token", "dev-secret"));
  }

  static final class Source implements ReportSource {

    private final String clientToken;

    Source(String clientToken) {
      this.clientToken = clientToken;
    }

    @Override
    public String provider() {
      return PROVIDER;
    }

    @Override
    public String webhookPath() {
      return "rbm";
    }

    @Override
    public Optional<Handshake> configurationCheck(WebhookCall call)
        throws MalformedReportException {
      JsonNode envelope = json(call.body());
      if (!envelope.has("clientToken") || !envelope.has("secret")) {
        return Optional.empty();
      }
      return Optional.of(
          Signatures.matches(clientToken, envelope.get("clientToken").asText())
              ? Handshake.answer(envelope.get("secret").asText())
              : Handshake.refused());
    }

    @Override
    public boolean signed(WebhookCall call) throws MalformedReportException {
      byte[] eventData = eventData(json(call.body()));
      return Signatures.matches(
          Signatures.rbmSignature(clientToken, eventData), call.header("X-Goog-Signature"));
    }

    @Override
    public List<RawDeliveryReport> parse(byte[] body, Instant receivedAt)
        throws MalformedReportException {
      return parseEvent(eventData(json(body)), receivedAt);
    }
  }

  private static JsonNode json(byte[] body) throws MalformedReportException {
    try {
      return Json.mapper().readTree(body);
    } catch (IOException e) {
      throw new MalformedReportException("the body is not JSON");
    }
  }

  /** The decoded event bytes, which the signature covers. */
  static byte[] eventData(JsonNode envelope) throws MalformedReportException {
    String data = envelope.path("message").path("data").asText("");
    if (data.isEmpty()) {
      throw new MalformedReportException("message.data is missing");
    }
    try {
      return Base64.getDecoder().decode(data);
    } catch (IllegalArgumentException e) {
      throw new MalformedReportException("message.data is not base64");
    }
  }

  /** The report in one decoded event, if it is a delivery or read event. */
  static List<RawDeliveryReport> parseEvent(byte[] eventData, Instant receivedAt)
      throws MalformedReportException {
    if (!Utf8.isWellFormed(eventData)) {
      throw new MalformedReportException("message.data is not well-formed UTF-8");
    }
    JsonNode event;
    try {
      event = Json.mapper().readTree(eventData);
    } catch (IOException e) {
      throw new MalformedReportException("message.data is not a JSON event");
    }
    String type = event.path("eventType").asText("");
    ReportStatus status = switch (type) {
      case "DELIVERED" -> ReportStatus.DELIVERED;
      case "READ" -> ReportStatus.READ;
      default -> null;
    };
    if (status == null) {
      return List.of();
    }
    String messageId = event.path("messageId").asText("");
    if (messageId.isEmpty()) {
      throw new MalformedReportException("event messageId is missing");
    }
    return List.of(RawDeliveryReport.newBuilder()
        .setProvider(PROVIDER)
        .setProviderMessageId(messageId)
        .setChannel(Channel.RCS)
        .setStatus(status)
        .setProviderStatus(type)
        .setOccurredAt(time(event.path("sendTime").asText(null), receivedAt))
        .setReceivedAt(receivedAt)
        .build());
  }

  private static Instant time(String text, Instant fallback) throws MalformedReportException {
    if (text == null) {
      return fallback;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new MalformedReportException("sendTime is not an RFC 3339 time: " + text);
    }
  }
}
