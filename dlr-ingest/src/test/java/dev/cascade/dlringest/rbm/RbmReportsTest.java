package dev.cascade.dlringest.rbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cascade.dlringest.Fixtures;
import dev.cascade.dlringest.reports.Handshake;
import dev.cascade.dlringest.reports.MalformedReportException;
import dev.cascade.dlringest.reports.ReportSource;
import dev.cascade.dlringest.reports.WebhookCall;
import dev.cascade.platform.config.Settings;
import dev.cascade.platform.webhooks.Signatures;
import dev.cascade.schemas.RawDeliveryReport;
import dev.cascade.schemas.ReportStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Google RBM events in their Pub/Sub push envelope, and how a call proves it is Google's. */
class RbmReportsTest {

  private static final Instant NOW = Instant.parse("2026-04-09T10:05:00Z");
  private final ReportSource source =
      new RbmReports().create(Settings.of(Map.of("rbm.client.token", "t0ken")));

  @Test
  void rbmReadEventIsReadOnTheClientChosenMessageId() throws Exception {
    List<RawDeliveryReport> reports =
        source.parse(envelope(Fixtures.bytes("rbm/event-read.json")), NOW);

    assertThat(reports).singleElement().satisfies(report -> {
      assertThat(report.getProvider()).isEqualTo("rbm");
      assertThat(report.getProviderMessageId()).isEqualTo("7f0d6c1e-3a51-3d0a-9c55-2f6a0a4e6b11");
      assertThat(report.getStatus()).isEqualTo(ReportStatus.READ);
      assertThat(report.getOccurredAt())
          .isEqualTo(Instant.parse("2026-04-09T10:02:31.345Z")); // millisecond precision
    });
  }

  @Test
  void rbmTypingEventsCarryNoReport() throws Exception {
    byte[] typing =
        "{\"eventType\":\"IS_TYPING\",\"messageId\":\"x\",\"senderPhoneNumber\":\"+393401230000\"}"
            .getBytes();
    assertThat(source.parse(envelope(typing), NOW)).isEmpty();
  }

  @Test
  void anEnvelopeWithoutEventDataIsMalformed() {
    byte[] empty = "{\"message\":{\"messageId\":\"1\"}}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> source.parse(empty, NOW))
        .isInstanceOf(MalformedReportException.class)
        .hasMessage("message.data is missing");
    assertThatThrownBy(() -> source.signed(WebhookCall.post(empty, Map.of())))
        .isInstanceOf(MalformedReportException.class);
  }

  @Test
  void aCallIsSignedOnlyWithTheClientTokensHmacOfTheDecodedEvent() throws Exception {
    byte[] event = Fixtures.bytes("rbm/event-read.json");

    assertThat(source.signed(WebhookCall.post(
            envelope(event), Map.of("X-Goog-Signature", Signatures.rbmSignature("t0ken", event)))))
        .isTrue();
    assertThat(source.signed(WebhookCall.post(
            envelope(event), Map.of("X-Goog-Signature", Signatures.rbmSignature("other", event)))))
        .isFalse();
  }

  @Test
  void theConfigurationCheckAnswersTheSecretOnlyForTheClientToken() throws Exception {
    assertThat(source.configurationCheck(WebhookCall.post(
            "{\"clientToken\":\"t0ken\",\"secret\":\"echo-me\"}".getBytes(StandardCharsets.UTF_8),
            Map.of())))
        .contains(Handshake.answer("echo-me"));
    assertThat(source.configurationCheck(WebhookCall.post(
            "{\"clientToken\":\"guess\",\"secret\":\"echo-me\"}".getBytes(StandardCharsets.UTF_8),
            Map.of())))
        .contains(Handshake.refused());
    assertThat(source.configurationCheck(
            WebhookCall.post(envelope(Fixtures.bytes("rbm/event-read.json")), Map.of())))
        .isEmpty();
  }

  /** The event as RBM's Pub/Sub push delivers it. */
  static byte[] envelope(byte[] event) {
    return ("{\"message\":{\"data\":\"" + Base64.getEncoder().encodeToString(event)
            + "\",\"messageId\":\"1\",\"publishTime\":\"2026-04-09T10:02:31Z\"},\"subscription\":\"projects/p/subscriptions/s\"}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
