package dev.cascade.fallback.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.platform.providers.ProviderIdForms;
import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelAttempt;
import dev.cascade.schemas.CommandType;
import dev.cascade.schemas.RawDeliveryReport;
import dev.cascade.schemas.ReportStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorrelationTest {

  @Test
  void smppIdsAreMatchedInHexAndDecimalAndEveryPartHasAKey() {
    ChannelAttempt attempt = attempt("smpp", List.of("4f1a0001", "4f1a0002"));

    List<String> keys =
        Correlation.byProviderMessageId(attempt).stream().map(kv -> kv.key).toList();

    assertThat(keys)
        .contains("smpp:4f1a0001", "smpp:1327104001", "smpp:4f1a0002", "smpp:1327104002");
  }

  @Test
  void aReceiptInDecimalIsReportedUnderTheAttemptsOwnIdForm() {
    ChannelAttempt attempt = attempt("smpp", List.of("4f1a0001", "4f1a0002"));
    RawDeliveryReport receipt = RawDeliveryReport.newBuilder()
        .setProvider("smpp")
        .setProviderMessageId("1327104002")
        .setStatus(ReportStatus.DELIVERED)
        .setProviderStatus("DELIVRD")
        .setOccurredAt(Instant.EPOCH)
        .setReceivedAt(Instant.EPOCH)
        .build();

    assertThat(Correlation.correlate(receipt, attempt).getProviderMessageId())
        .isEqualTo("4f1a0002");
  }

  @Test
  void anSmppIdGivenInUpperCaseZeroPaddedHexMatchesAReceiptInPlainHexAndKeepsItsOwnForm() {
    // given: submit_sm_resp said 00000A1F; the receipt says a1f
    ChannelAttempt attempt = attempt("smpp", List.of("00000A1F"));
    RawDeliveryReport receipt = receipt("a1f");

    // when
    List<String> keys =
        Correlation.byProviderMessageId(attempt).stream().map(kv -> kv.key).toList();

    // then: the key dlr-ingest writes for the receipt is one of the attempt's
    assertThat(keys).contains(ProviderIdForms.reportKey("smpp", "a1f").asKey());
    assertThat(Correlation.correlate(receipt, attempt).getProviderMessageId())
        .isEqualTo("00000A1F");
  }

  @Test
  void anSmppIdGivenInZeroPaddedDecimalMatchesAReceiptInPlainDecimal() {
    // given: submit_sm_resp said 0000002591; the receipt says 2591
    ChannelAttempt attempt = attempt("smpp", List.of("0000002590", "0000002591"));

    // when
    List<String> keys =
        Correlation.byProviderMessageId(attempt).stream().map(kv -> kv.key).toList();

    // then
    assertThat(keys).contains(ProviderIdForms.reportKey("smpp", "2591").asKey());
    assertThat(Correlation.correlate(receipt("2591"), attempt).getProviderMessageId())
        .isEqualTo("0000002591");
  }

  @Test
  void otherProvidersIdsAreMatchedAsGiven() {
    assertThat(Correlation.byProviderMessageId(attempt("meta", List.of("wamid.123"))))
        .extracting(kv -> kv.key)
        .containsExactly("meta:wamid.123");
  }

  @Test
  void anSmsSentOverTheFallbackProviderIsKeyedUnderThatProviderNotTheFirstTried() {
    // given: SMPP was unavailable, Infobip accepted the SMS
    ChannelAttempt attempt = attempt("infobip", List.of("4284d1f4-ff2b"));
    attempt.setProvidersTried(List.of("smpp", "infobip"));

    // when
    List<String> keys =
        Correlation.byProviderMessageId(attempt).stream().map(kv -> kv.key).toList();

    // then: Infobip's report (dlr-ingest keys it infobip:<messageId>) meets the attempt
    assertThat(keys)
        .containsExactly(ProviderIdForms.reportKey("infobip", "4284d1f4-ff2b").asKey());
  }

  private static RawDeliveryReport receipt(String id) {
    return RawDeliveryReport.newBuilder()
        .setProvider("smpp")
        .setProviderMessageId(id)
        .setStatus(ReportStatus.DELIVERED)
        .setProviderStatus("DELIVRD")
        .setOccurredAt(Instant.EPOCH)
        .setReceivedAt(Instant.EPOCH)
        .build();
  }

  private static ChannelAttempt attempt(String provider, List<String> ids) {
    return ChannelAttempt.newBuilder()
        .setAttemptId("a-1")
        .setMessageId("m-1")
        .setStep(0)
        .setChannel(Channel.SMS)
        .setProvider(provider)
        .setCommandType(CommandType.SEND)
        .setOutcome(AttemptResult.ACCEPTED)
        .setProviderMessageIds(ids)
        .setAttemptedAt(Instant.EPOCH)
        .build();
  }
}
