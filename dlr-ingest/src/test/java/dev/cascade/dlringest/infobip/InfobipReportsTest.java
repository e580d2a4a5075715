package dev.cascade.dlringest.infobip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cascade.dlringest.Fixtures;
import dev.cascade.dlringest.reports.MalformedReportException;
import dev.cascade.dlringest.reports.ReportSource;
import dev.cascade.dlringest.reports.WebhookCall;
import dev.cascade.platform.config.Settings;
import dev.cascade.schemas.RawDeliveryReport;
import dev.cascade.schemas.ReportStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Infobip's delivery and seen reports, and the Basic credentials its notifyUrl carries. */
class InfobipReportsTest {

  private static final Instant NOW = Instant.parse("2026-04-09T10:05:00Z");
  private final ReportSource source =
      new InfobipReports().create(Settings.of(Map.of("infobip.webhook.secret", "sh4red")));

  @Test
  void infobipDeliveryReportsAndSeenReportsAreNormalized() throws Exception {
    RawDeliveryReport delivered = source
        .parse(Fixtures.bytes("infobip/delivery-report-delivered.json"), NOW)
        .getFirst();
    assertThat(delivered.getStatus()).isEqualTo(ReportStatus.DELIVERED);
    assertThat(delivered.getProviderStatus()).isEqualTo("DELIVERED_TO_HANDSET");
    assertThat(delivered.getProviderCode()).isNull();
    assertThat(delivered.getOccurredAt()).isEqualTo(Instant.parse("2026-04-09T10:02:31Z"));

    RawDeliveryReport undelivered = source
        .parse(Fixtures.bytes("infobip/delivery-report-undeliverable.json"), NOW)
        .getFirst();
    assertThat(undelivered.getStatus()).isEqualTo(ReportStatus.UNDELIVERED);
    assertThat(undelivered.getProviderCode()).isEqualTo("EC_ABSENT_SUBSCRIBER");

    RawDeliveryReport seen =
        source.parse(Fixtures.bytes("infobip/viber-seen-report.json"), NOW).getFirst();
    assertThat(seen.getStatus()).isEqualTo(ReportStatus.READ);
    assertThat(seen.getOccurredAt()).isEqualTo(Instant.parse("2026-04-09T10:03:12Z"));
  }

  @Test
  void rcsDeliveryAndSeenReportsComeInTheSameFormatAndNameTheAttempt() throws Exception {
    // the RCS API's messageId is the attempt id Cascade set; its reports key dlr.raw by it
    RawDeliveryReport delivered = source
        .parse(Fixtures.bytes("infobip/rcs-delivery-report-delivered.json"), NOW)
        .getFirst();
    assertThat(delivered.getProvider()).isEqualTo("infobip");
    assertThat(delivered.getProviderMessageId()).isEqualTo("0b6f0d4e-8a51-4c1e-9a0d-3f6c2a7d5e10");
    assertThat(delivered.getStatus()).isEqualTo(ReportStatus.DELIVERED);
    assertThat(delivered.getProviderStatus()).isEqualTo("DELIVERED_TO_HANDSET");
    assertThat(delivered.getProviderCode()).isNull();
    assertThat(delivered.getOccurredAt()).isEqualTo(Instant.parse("2026-04-09T10:02:33Z"));

    RawDeliveryReport seen =
        source.parse(Fixtures.bytes("infobip/rcs-seen-report.json"), NOW).getFirst();
    assertThat(seen.getProviderMessageId()).isEqualTo(delivered.getProviderMessageId());
    assertThat(seen.getStatus()).isEqualTo(ReportStatus.READ);
    assertThat(seen.getOccurredAt()).isEqualTo(Instant.parse("2026-04-09T10:02:41Z"));
  }

  @Test
  void infobipReportsWithoutAMessageIdAreMalformed() {
    ObjectNode body = (ObjectNode) Fixtures.json("infobip/delivery-report-delivered.json");
    ((ObjectNode) body.at("/results/0")).remove("messageId");

    assertThatThrownBy(() -> source.parse(body.toString().getBytes(StandardCharsets.UTF_8), NOW))
        .isInstanceOf(MalformedReportException.class)
        .hasMessageContaining("messageId");
  }

  @Test
  void aCallIsSignedOnlyWithTheSharedSecretAsBasicCredentials() throws Exception {
    byte[] body = Fixtures.bytes("infobip/delivery-report-delivered.json");

    assertThat(
            source.signed(WebhookCall.post(body, Map.of("Authorization", basic("infobip:sh4red")))))
        .isTrue();
    assertThat(
            source.signed(WebhookCall.post(body, Map.of("Authorization", basic("infobip:wrong")))))
        .isFalse();
    assertThat(source.signed(WebhookCall.post(body, Map.of()))).isFalse();
  }

  private static String basic(String credentials) {
    return "Basic "
        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }
}
