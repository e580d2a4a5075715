package dev.cascade.dlringest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cascade.dlringest.infobip.InfobipReportParser;
import dev.cascade.dlringest.rbm.RbmEventParser;
import dev.cascade.dlringest.whatsapp.WhatsAppStatusParser;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.RawDeliveryReport;
import dev.cascade.schemas.ReportStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each provider's real webhook payloads, normalized to RawDeliveryReport. */
class ParsersTest {

  private static final Instant NOW = Instant.parse("2026-04-09T10:05:00Z");

  @Test
  void whatsappDeliveredStatusNamesTheWamidAndTheProvidersTime() throws Exception {
    List<RawDeliveryReport> reports = WhatsAppStatusParser.parse(Fixtures.json("whatsapp/status-delivered.json"), NOW);

    assertThat(reports).singleElement().satisfies(report -> {
      assertThat(report.getProvider()).isEqualTo("meta");
      assertThat(report.getProviderMessageId()).isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA");
      assertThat(report.getChannel()).isEqualTo(Channel.WHATSAPP);
      assertThat(report.getStatus()).isEqualTo(ReportStatus.DELIVERED);
      assertThat(report.getProviderStatus()).isEqualTo("delivered");
      assertThat(report.getOccurredAt()).isEqualTo(Instant.ofEpochSecond(1775728922));
      assertThat(report.getReceivedAt()).isEqualTo(NOW);
    });
  }

  @Test
  void whatsappFailedAsUndeliverableIsUndeliveredWithMetasCode() throws Exception {
    RawDeliveryReport report = WhatsAppStatusParser.parse(
        Fixtures.json("whatsapp/status-failed-undeliverable.json"), NOW).getFirst();

    assertThat(report.getStatus()).isEqualTo(ReportStatus.UNDELIVERED);
    assertThat(report.getProviderStatus()).isEqualTo("failed");
    assertThat(report.getProviderCode()).isEqualTo("131026");
  }

  @Test
  void whatsappInboundMessagesCarryNoReportAndUnknownStatusesAreMalformed() throws Exception {
    assertThat(WhatsAppStatusParser.parse(Fixtures.json("whatsapp/inbound-text-message.json"), NOW)).isEmpty();

    ObjectNode odd = (ObjectNode) Fixtures.json("whatsapp/status-delivered.json");
    ((ObjectNode) odd.at("/entry/0/changes/0/value/statuses/0")).put("status", "teleported");
    assertThatThrownBy(() -> WhatsAppStatusParser.parse(odd, NOW))
        .isInstanceOf(MalformedReportException.class).hasMessageContaining("teleported");
  }

  @Test
  void rbmReadEventIsReadOnTheClientChosenMessageId() throws Exception {
    List<RawDeliveryReport> reports = RbmEventParser.parse(Fixtures.bytes("rbm/event-read.json"), NOW);

    assertThat(reports).singleElement().satisfies(report -> {
      assertThat(report.getProvider()).isEqualTo("rbm");
      assertThat(report.getProviderMessageId()).isEqualTo("7f0d6c1e-3a51-3d0a-9c55-2f6a0a4e6b11");
      assertThat(report.getStatus()).isEqualTo(ReportStatus.READ);
      assertThat(report.getOccurredAt()).isEqualTo(Instant.parse("2026-04-09T10:02:31.345Z")); // millisecond precision
    });
  }

  @Test
  void rbmTypingEventsCarryNoReport() throws Exception {
    byte[] typing = "{\"eventType\":\"IS_TYPING\",\"messageId\":\"x\",\"senderPhoneNumber\":\"+393401230000\"}".getBytes();
    assertThat(RbmEventParser.parse(typing, NOW)).isEmpty();
  }

  @Test
  void infobipDeliveryReportsAndSeenReportsAreNormalized() throws Exception {
    RawDeliveryReport delivered = InfobipReportParser.parse(
        Fixtures.json("infobip/delivery-report-delivered.json"), NOW).getFirst();
    assertThat(delivered.getStatus()).isEqualTo(ReportStatus.DELIVERED);
    assertThat(delivered.getProviderStatus()).isEqualTo("DELIVERED_TO_HANDSET");
    assertThat(delivered.getProviderCode()).isNull();
    assertThat(delivered.getOccurredAt()).isEqualTo(Instant.parse("2026-04-09T10:02:31Z"));

    RawDeliveryReport undelivered = InfobipReportParser.parse(
        Fixtures.json("infobip/delivery-report-undeliverable.json"), NOW).getFirst();
    assertThat(undelivered.getStatus()).isEqualTo(ReportStatus.UNDELIVERED);
    assertThat(undelivered.getProviderCode()).isEqualTo("EC_ABSENT_SUBSCRIBER");

    RawDeliveryReport seen = InfobipReportParser.parse(Fixtures.json("infobip/viber-seen-report.json"), NOW).getFirst();
    assertThat(seen.getStatus()).isEqualTo(ReportStatus.READ);
    assertThat(seen.getOccurredAt()).isEqualTo(Instant.parse("2026-04-09T10:03:12Z"));
  }

  @Test
  void infobipReportsWithoutAMessageIdAreMalformed() {
    ObjectNode body = (ObjectNode) Fixtures.json("infobip/delivery-report-delivered.json");
    ((ObjectNode) body.at("/results/0")).remove("messageId");

    assertThatThrownBy(() -> InfobipReportParser.parse(body, NOW))
        .isInstanceOf(MalformedReportException.class).hasMessageContaining("messageId");
  }
}
