package dev.cascade.dlringest.rbm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.dlringest.MalformedReportException;
import dev.cascade.platform.json.Json;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.RawDeliveryReport;
import dev.cascade.schemas.ReportStatus;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;

/**
 * Google RBM events as the webhook receives them ("Webhooks" and "Receive messages and events"):
 * a Pub/Sub push envelope whose {@code message.data} is the base64 event, {@code {"eventType":
 * "DELIVERED"|"READ"|..., "messageId", "sendTime", "senderPhoneNumber", "agentId"}}. Other event
 * types (typing indicators) and user messages carry no report.
 */
public final class RbmEventParser {

  public static final String PROVIDER = "rbm";

  private RbmEventParser() {}

  /** The decoded event bytes, which the signature covers. */
  public static byte[] eventData(JsonNode envelope) throws MalformedReportException {
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

  public static List<RawDeliveryReport> parse(byte[] eventData, Instant receivedAt) throws MalformedReportException {
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
