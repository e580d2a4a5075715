package dev.cascade.dlringest.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cascade.dlringest.Fixtures;
import dev.cascade.dlringest.reports.Handshake;
import dev.cascade.dlringest.reports.MalformedReportException;
import dev.cascade.dlringest.reports.ReportSource;
import dev.cascade.dlringest.reports.WebhookCall;
import dev.cascade.platform.config.Settings;
import dev.cascade.platform.webhooks.Signatures;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.RawDeliveryReport;
import dev.cascade.schemas.ReportStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Meta's real status webhooks, normalized to RawDeliveryReport, and how a call proves it is Meta's. */
class WhatsAppReportsTest {

  private static final Instant NOW = Instant.parse("2026-04-09T10:05:00Z");
  private final ReportSource source = new WhatsAppReports()
      .create(
          Settings.of(Map.of("whatsapp.app.secret", "s3cret", "whatsapp.verify.token", "v3rify")));

  @Test
  void whatsappDeliveredStatusNamesTheWamidAndTheProvidersTime() throws Exception {
    List<RawDeliveryReport> reports =
        source.parse(Fixtures.bytes("whatsapp/status-delivered.json"), NOW);

    assertThat(reports).singleElement().satisfies(report -> {
      assertThat(report.getProvider()).isEqualTo("meta");
      assertThat(report.getProviderMessageId())
          .isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA");
      assertThat(report.getChannel()).isEqualTo(Channel.WHATSAPP);
      assertThat(report.getStatus()).isEqualTo(ReportStatus.DELIVERED);
      assertThat(report.getProviderStatus()).isEqualTo("delivered");
      assertThat(report.getOccurredAt()).isEqualTo(Instant.ofEpochSecond(1775728922));
      assertThat(report.getReceivedAt()).isEqualTo(NOW);
    });
  }

  @Test
  void whatsappFailedAsUndeliverableIsUndeliveredWithMetasCode() throws Exception {
    RawDeliveryReport report = source
        .parse(Fixtures.bytes("whatsapp/status-failed-undeliverable.json"), NOW)
        .getFirst();

    assertThat(report.getStatus()).isEqualTo(ReportStatus.UNDELIVERED);
    assertThat(report.getProviderStatus()).isEqualTo("failed");
    assertThat(report.getProviderCode()).isEqualTo("131026");
  }

  @Test
  void whatsappInboundMessagesCarryNoReportAndUnknownStatusesAreMalformed() throws Exception {
    assertThat(source.parse(Fixtures.bytes("whatsapp/inbound-text-message.json"), NOW))
        .isEmpty();

    ObjectNode odd = (ObjectNode) Fixtures.json("whatsapp/status-delivered.json");
    ((ObjectNode) odd.at("/entry/0/changes/0/value/statuses/0")).put("status", "teleported");
    assertThatThrownBy(() -> source.parse(odd.toString().getBytes(StandardCharsets.UTF_8), NOW))
        .isInstanceOf(MalformedReportException.class)
        .hasMessageContaining("teleported");
  }

  @Test
  void aBodyThatIsNotJsonIsMalformed() {
    assertThatThrownBy(() -> source.parse("<xml/>".getBytes(StandardCharsets.UTF_8), NOW))
        .isInstanceOf(MalformedReportException.class)
        .hasMessage("the body is not JSON");
  }

  @Test
  void aCallIsSignedOnlyWithTheAppSecretsHmacOfTheRawBody() throws Exception {
    byte[] body = Fixtures.bytes("whatsapp/status-delivered.json");

    assertThat(source.signed(WebhookCall.post(
            body, Map.of("x-hub-signature-256", Signatures.metaSignature("s3cret", body)))))
        .isTrue();
    assertThat(source.signed(WebhookCall.post(
            body, Map.of("X-Hub-Signature-256", Signatures.metaSignature("guess", body)))))
        .isFalse();
    assertThat(source.signed(WebhookCall.post(body, Map.of()))).isFalse();
  }

  @Test
  void theSubscriptionCheckEchoesTheChallengeOnlyForTheVerifyToken() {
    assertThat(source.subscriptionCheck(WebhookCall.get(Map.of(
            "hub.mode", "subscribe", "hub.verify_token", "v3rify", "hub.challenge", "1158201444"))))
        .contains(Handshake.answer("1158201444"));
    assertThat(source.subscriptionCheck(WebhookCall.get(Map.of(
            "hub.mode", "subscribe", "hub.verify_token", "nope", "hub.challenge", "1158201444"))))
        .contains(Handshake.refused());
    assertThat(source.subscriptionCheck(WebhookCall.get(Map.of("hub.verify_token", "v3rify"))))
        .contains(Handshake.refused());
  }
}
