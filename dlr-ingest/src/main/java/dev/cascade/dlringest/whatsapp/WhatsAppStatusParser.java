package dev.cascade.dlringest.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.dlringest.MalformedReportException;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.RawDeliveryReport;
import dev.cascade.schemas.ReportStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Meta WhatsApp Cloud API status webhooks ("Webhooks: messages field, statuses"): {@code
 * entry[].changes[].value.statuses[]} with {@code id} (the wamid), {@code status} (sent,
 * delivered, read, failed), a Unix {@code timestamp} and, on failure, {@code errors[].code}.
 * Notifications without statuses (inbound messages) carry no report.
 */
public final class WhatsAppStatusParser {

  public static final String PROVIDER = "meta";
  /** Meta's error "Message undeliverable". */
  static final int MESSAGE_UNDELIVERABLE = 131026;

  private WhatsAppStatusParser() {}

  public static List<RawDeliveryReport> parse(JsonNode body, Instant receivedAt) throws MalformedReportException {
    if (!"whatsapp_business_account".equals(body.path("object").asText())) {
      throw new MalformedReportException("object must be whatsapp_business_account");
    }
    if (!body.path("entry").isArray()) {
      throw new MalformedReportException("entry must be an array");
    }
    List<RawDeliveryReport> reports = new ArrayList<>();
    for (JsonNode entry : body.path("entry")) {
      for (JsonNode change : entry.path("changes")) {
        for (JsonNode status : change.path("value").path("statuses")) {
          reports.add(report(status, receivedAt));
        }
      }
    }
    return reports;
  }

  private static RawDeliveryReport report(JsonNode status, Instant receivedAt) throws MalformedReportException {
    String id = status.path("id").asText("");
    if (id.isEmpty()) {
      throw new MalformedReportException("statuses[].id is missing");
    }
    String name = status.path("status").asText("");
    ReportStatus normalized = switch (name) {
      case "sent" -> ReportStatus.SENT;
      case "delivered" -> ReportStatus.DELIVERED;
      case "read" -> ReportStatus.READ;
      case "failed" -> ReportStatus.FAILED;
      default -> throw new MalformedReportException("unknown WhatsApp status '" + name + "'");
    };
    JsonNode error = status.path("errors").path(0);
    if (normalized == ReportStatus.FAILED && error.path("code").asInt() == MESSAGE_UNDELIVERABLE) {
      normalized = ReportStatus.UNDELIVERED; // WhatsApp's way of saying the handset was not reached
    }
    return RawDeliveryReport.newBuilder()
        .setProvider(PROVIDER)
        .setProviderMessageId(id)
        .setChannel(Channel.WHATSAPP)
        .setStatus(normalized)
        .setProviderStatus(name)
        .setProviderCode(error.hasNonNull("code") ? error.get("code").asText() : null)
        .setOccurredAt(status.hasNonNull("timestamp")
            ? Instant.ofEpochSecond(status.get("timestamp").asLong()) : receivedAt)
        .setReceivedAt(receivedAt)
        .build();
  }
}
