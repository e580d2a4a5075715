package dev.cascade.dlringest.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.dlringest.reports.Handshake;
import dev.cascade.dlringest.reports.MalformedReportException;
import dev.cascade.dlringest.reports.ReportSource;
import dev.cascade.dlringest.reports.ReportSourceFactory;
import dev.cascade.dlringest.reports.WebhookCall;
import dev.cascade.platform.config.Settings;
import dev.cascade.platform.json.Json;
import dev.cascade.platform.webhooks.Signatures;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.RawDeliveryReport;
import dev.cascade.schemas.ReportStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Meta WhatsApp Cloud API status webhooks ("Webhooks: messages field, statuses") on
 * {@code /webhooks/whatsapp}: {@code entry[].changes[].value.statuses[]} with {@code id} (the
 * wamid), {@code status} (sent, delivered, read, failed), a Unix {@code timestamp} and, on failure,
 * {@code errors[].code}. Notifications without statuses (inbound messages) carry no report. Calls
 * are signed in {@code X-Hub-Signature-256} with the app secret; Meta's subscription check is a GET
 * with {@code hub.mode}, {@code hub.verify_token} and {@code hub.challenge}.
 */
public final class WhatsAppReports implements ReportSourceFactory {

  static final String PROVIDER = "meta";
  /** Meta's error "Message undeliverable". */
  static final int MESSAGE_UNDELIVERABLE = 131026;

  @Override
  public ReportSource create(Settings settings) {
    return new Source(
        settings.string("whatsapp.app.secret", "dev-secret"),
        settings.string("whatsapp.verify.token", "dev-secret"));
  }

  static final class Source implements ReportSource {

    private final String appSecret;
    private final String verifyToken;

    Source(String appSecret, String verifyToken) {
      this.appSecret = appSecret;
      this.verifyToken = verifyToken;
    }

    @Override
    public String provider() {
      return PROVIDER;
    }

    @Override
    public String webhookPath() {
      return "whatsapp";
    }

    @Override
    public boolean signed(WebhookCall call) {
      return Signatures.matches(
          Signatures.metaSignature(appSecret, call.body()), call.header("X-Hub-Signature-256"));
    }

    /** Echo hub.challenge when hub.mode is subscribe and hub.verify_token is ours. */
    @Override
    public Optional<Handshake> subscriptionCheck(WebhookCall call) {
      boolean subscribe = "subscribe".equals(call.query("hub.mode"));
      return Optional.of(
          subscribe && Signatures.matches(verifyToken, call.query("hub.verify_token"))
              ? Handshake.answer(String.valueOf(call.query("hub.challenge")))
              : Handshake.refused());
    }

    @Override
    public List<RawDeliveryReport> parse(byte[] body, Instant receivedAt)
        throws MalformedReportException {
      try {
        return WhatsAppReports.parse(Json.mapper().readTree(body), receivedAt);
      } catch (IOException e) {
        throw new MalformedReportException("the body is not JSON");
      }
    }
  }

  static List<RawDeliveryReport> parse(JsonNode body, Instant receivedAt)
      throws MalformedReportException {
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

  private static RawDeliveryReport report(JsonNode status, Instant receivedAt)
      throws MalformedReportException {
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
        .setOccurredAt(
            status.hasNonNull("timestamp")
                ? Instant.ofEpochSecond(status.get("timestamp").asLong())
                : receivedAt)
        .setReceivedAt(receivedAt)
        .build();
  }
}
