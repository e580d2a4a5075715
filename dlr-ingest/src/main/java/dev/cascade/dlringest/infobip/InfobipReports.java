package dev.cascade.dlringest.infobip;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.dlringest.reports.MalformedReportException;
import dev.cascade.dlringest.reports.ReportSource;
import dev.cascade.dlringest.reports.ReportSourceFactory;
import dev.cascade.dlringest.reports.WebhookCall;
import dev.cascade.platform.config.Settings;
import dev.cascade.platform.json.Json;
import dev.cascade.platform.webhooks.Signatures;
import dev.cascade.schemas.RawDeliveryReport;
import dev.cascade.schemas.ReportStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Infobip delivery reports ("Receive outbound SMS message report", the Viber one, "Receive RCS
 * delivery reports") {@code {"results": [{"messageId", "to", "doneAt", "status": {"groupName",
 * "name"}, "error": {"id", "name"}}]}} and seen reports {@code {"results": [{"messageId",
 * "seenAt"}]}} (Viber, RCS: the message was read), on {@code /webhooks/infobip}: one format for
 * every channel, whose messageId is the attempt id Cascade set. Infobip calls the notifyUrl with
 * Basic credentials ({@code infobip:<secret>}) in {@code Authorization}.
 */
public final class InfobipReports implements ReportSourceFactory {

  static final String PROVIDER = "infobip";
  /** Infobip writes times like 2019-11-09T16:00:00.000+0000. */
  private static final DateTimeFormatter INFOBIP_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  @Override
  public ReportSource create(Settings settings) {
    return new Source(settings.string("infobip.webhook.secret", "dev-secret"));
  }

  static final class Source implements ReportSource {

    private final String authorization;

    Source(String secret) {
      this.authorization = basic(secret);
    }

    @Override
    public String provider() {
      return PROVIDER;
    }

    @Override
    public String webhookPath() {
      return "infobip";
    }

    @Override
    public boolean signed(WebhookCall call) {
      return Signatures.matches(authorization, call.header("Authorization"));
    }

    @Override
    public List<RawDeliveryReport> parse(byte[] body, Instant receivedAt)
        throws MalformedReportException {
      try {
        return InfobipReports.parse(Json.mapper().readTree(body), receivedAt);
      } catch (IOException e) {
        throw new MalformedReportException("the body is not JSON");
      }
    }
  }

  /** The Authorization header Infobip sends when its notifyUrl carries Basic credentials. */
  static String basic(String secret) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(("infobip:" + secret).getBytes(StandardCharsets.UTF_8));
  }

  static List<RawDeliveryReport> parse(JsonNode body, Instant receivedAt)
      throws MalformedReportException {
    if (!body.path("results").isArray()) {
      throw new MalformedReportException("results must be an array");
    }
    List<RawDeliveryReport> reports = new ArrayList<>();
    for (JsonNode result : body.path("results")) {
      reports.add(report(result, receivedAt));
    }
    return reports;
  }

  private static RawDeliveryReport report(JsonNode result, Instant receivedAt)
      throws MalformedReportException {
    String messageId = result.path("messageId").asText("");
    if (messageId.isEmpty()) {
      throw new MalformedReportException("results[].messageId is missing");
    }
    RawDeliveryReport.Builder report = RawDeliveryReport.newBuilder()
        .setProvider(PROVIDER)
        .setProviderMessageId(messageId)
        .setReceivedAt(receivedAt);
    if (result.hasNonNull("seenAt")) {
      return report
          .setStatus(ReportStatus.READ)
          .setProviderStatus("SEEN")
          .setOccurredAt(time(result.get("seenAt").asText(), receivedAt))
          .build();
    }
    JsonNode status = result.path("status");
    String group = status.path("groupName").asText("");
    ReportStatus normalized = switch (group) {
      case "DELIVERED" -> ReportStatus.DELIVERED;
      case "UNDELIVERABLE" -> ReportStatus.UNDELIVERED;
      case "EXPIRED" -> ReportStatus.EXPIRED;
      case "REJECTED" -> ReportStatus.FAILED;
      case "PENDING" -> ReportStatus.SENT;
      default -> throw new MalformedReportException("unknown Infobip status group '" + group + "'");
    };
    JsonNode error = result.path("error");
    boolean realError = error.hasNonNull("id") && error.get("id").asInt() != 0;
    return report
        .setStatus(normalized)
        .setProviderStatus(status.path("name").asText(group))
        .setProviderCode(realError ? error.path("name").asText(error.get("id").asText()) : null)
        .setOccurredAt(time(result.path("doneAt").asText(null), receivedAt))
        .build();
  }

  private static Instant time(String text, Instant fallback) throws MalformedReportException {
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    try {
      return OffsetDateTime.parse(text, INFOBIP_TIME).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException again) {
        throw new MalformedReportException("not an Infobip time: " + text);
      }
    }
  }
}
