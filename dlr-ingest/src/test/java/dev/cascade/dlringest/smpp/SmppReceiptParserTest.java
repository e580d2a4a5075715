package dev.cascade.dlringest.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cascade.dlringest.Fixtures;
import dev.cascade.dlringest.reports.MalformedReportException;
import dev.cascade.schemas.RawDeliveryReport;
import dev.cascade.schemas.ReportStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Receipts in the format of SMPP 3.4 Appendix B (fixture: smpp/receipt-delivered.txt). */
class SmppReceiptParserTest {

  private static final Instant NOW = Instant.parse("2026-04-09T10:05:00Z");

  @Test
  void aDeliveredReceiptNamesTheMessageAsTheSmscWroteIt() throws Exception {
    String receipt =
        new String(Fixtures.bytes("smpp/receipt-delivered.txt"), StandardCharsets.UTF_8).strip();

    RawDeliveryReport report = SmppReceiptParser.parse(receipt, NOW);

    assertThat(report.getProvider()).isEqualTo("smpp");
    assertThat(report.getProviderMessageId()).isEqualTo("1327104001");
    assertThat(report.getStatus()).isEqualTo(ReportStatus.DELIVERED);
    assertThat(report.getProviderStatus()).isEqualTo("DELIVRD");
    assertThat(report.getProviderCode()).isNull();
    assertThat(report.getOccurredAt()).isEqualTo(Instant.parse("2026-04-09T10:03:00Z"));
  }

  @Test
  void theShortMessageBytesAreReadAsIso88591AndKeepTheIdAsTheSmscWroteIt() throws Exception {
    byte[] shortMessage =
        "id:00000A1F sub:001 dlvrd:001 done date:2604091003 stat:DELIVRD err:000 text:Caf\u00e9"
            .getBytes(StandardCharsets.ISO_8859_1);

    assertThat(new SmppReceiptParser().parse(shortMessage, NOW))
        .singleElement()
        .satisfies(report -> {
          assertThat(report.getProvider()).isEqualTo("smpp");
          assertThat(report.getProviderMessageId()).isEqualTo("00000A1F");
          assertThat(report.getStatus()).isEqualTo(ReportStatus.DELIVERED);
        });
  }

  @Test
  void aReceiptDatedToTheMinuteTakesTheReceiveTimeWithinThatMinute() throws Exception {
    Instant received = Instant.parse("2026-04-09T10:03:41.250Z");
    assertThat(SmppReceiptParser.parse("id:7 stat:DELIVRD err:000 done date:2604091003", received)
            .getOccurredAt())
        .isEqualTo(received);
  }

  @Test
  void failureStatesKeepTheSmscErrorCode() throws Exception {
    RawDeliveryReport undelivered = SmppReceiptParser.parse(
        "id:4f1a0002 sub:001 dlvrd:000 submit date:260409100230 done date:260409100500 stat:UNDELIV err:027 text:",
        NOW);
    assertThat(undelivered.getStatus()).isEqualTo(ReportStatus.UNDELIVERED);
    assertThat(undelivered.getProviderCode()).isEqualTo("027");
    assertThat(undelivered.getOccurredAt()).isEqualTo(Instant.parse("2026-04-09T10:05:00Z"));

    assertThat(SmppReceiptParser.parse("id:9 stat:EXPIRED err:000", NOW).getStatus())
        .isEqualTo(ReportStatus.EXPIRED);
    assertThat(SmppReceiptParser.parse("id:9 stat:REJECTD err:011", NOW).getStatus())
        .isEqualTo(ReportStatus.FAILED);
  }

  @Test
  void aReceiptWithoutIdOrStateIsMalformed() {
    assertThatThrownBy(() -> SmppReceiptParser.parse("hello from the SMSC", NOW))
        .isInstanceOf(MalformedReportException.class);
    assertThatThrownBy(() -> SmppReceiptParser.parse("id:1 stat:TELEPORTED", NOW))
        .isInstanceOf(MalformedReportException.class);
  }
}
