package dev.cascade.dev;

import static dev.cascade.dev.StackClient.assertAccepted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.NeedsKafka;
import dev.cascade.platform.kafka.TestKafka;
import dev.cascade.schemas.AttemptRecord;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.DeliveryStatus;
import dev.cascade.schemas.FinalStatus;
import dev.cascade.schemas.MessageOutcome;
import dev.cascade.schemas.UsageEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed scenarios end to end on a real embedded broker: HTTP in, every service, the provider
 * simulator answering the providers' real APIs and posting real-format webhooks, outcomes out.
 */
@NeedsKafka
class SeedScenariosIT {

  private static final CascadeTopics TOPICS = new CascadeTopics();
  private static CascadeStack stack;
  private static StackClient client;
  private static StackClient.TopicReader<MessageOutcome> outcomes;

  @BeforeAll
  static void startStack() {
    stack = CascadeStack.start(
        TestStackSettings.with("sim.late.delay.s", "3"), TestKafka::start, () -> {});
    client = new StackClient(stack);
    outcomes = client.reader(TOPICS.messageOutcomes);
  }

  @AfterAll
  static void stopStack() {
    if (client != null) {
      client.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void seed001WhatsappRejectedThenRcsRejectedThenSmsDelivered() {
    // given: ...1100 = WhatsApp rejects, RCS rejects, Viber -, SMS delivers (SPEC section 9)
    String body = """
        {"messageId": "seed001-it", "to": "+393401231100",
         "steps": [
           {"channel": "WHATSAPP", "sender": "106540352242922",
            "content": {"template": {"name": "txn_alert", "language": "it",
                                     "parameters": {"nome": "Giulia", "importo": "1.250,00"}}},
            "fallback": {"on": ["SEND_FAILED", "UNDELIVERED"], "afterSeconds": 60}},
           {"channel": "RCS", "sender": "banca-agent",
            "content": {"richCard": {"title": "Suspicious transaction", "description": "EUR 1.250,00 on 09/04"}},
            "fallback": {"on": ["SEND_FAILED", "UNDELIVERED"], "afterSeconds": 300}},
           {"channel": "SMS", "sender": "BancaAdri", "content": {"smsConversion": "AUTO"}}]}
        """;

    // when
    StackClient.Response response = client.post(body);

    // then: accepted with an SMS preview of the converted card
    assertAccepted(response);
    assertThat(response.raw().headers().firstValue("Location")).hasValue("/v1/messages/seed001-it");
    assertThat(response.body().get("smsPreview").get(0).get("encoding").asText())
        .isEqualTo("GSM7");

    MessageOutcome outcome = awaitOutcome("seed001-it");
    assertThat(outcome.getStatus()).isEqualTo(FinalStatus.DELIVERED);
    assertThat(outcome.getChannel()).isEqualTo(Channel.SMS);
    assertThat(outcome.getFallbackCount()).isEqualTo(2);
    assertThat(outcome.getAttempts())
        .extracting(AttemptRecord::getChannel, AttemptRecord::getDeliveryStatus)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Channel.WHATSAPP, DeliveryStatus.REJECTED),
            org.assertj.core.groups.Tuple.tuple(Channel.RCS, DeliveryStatus.REJECTED),
            org.assertj.core.groups.Tuple.tuple(Channel.SMS, DeliveryStatus.DELIVERED));
    assertThat(outcome.getAttempts().get(0).getProviderCode()).isEqualTo("131026");
    assertThat(outcome.getAttempts().get(1).getProviderCode()).isEqualTo("AGENT_NOT_REACHABLE");

    JsonNode status = client.get("seed001-it").body();
    assertThat(status.get("status").asText()).isEqualTo("DELIVERED");
    // the request's fingerprint is internal to idempotency, not part of the message (issue 12)
    assertThat(status.has("requestFingerprint")).isFalse();
    assertThat(status.get("channel").asText()).isEqualTo("SMS");
    JsonNode smsAttempt = status.get("attempts").get(2);
    assertThat(smsAttempt.get("sendDate").isNull()).isFalse();
    assertThat(smsAttempt.get("deliveryDate").isNull()).isFalse();
  }

  @Test
  void aScheduledSendLeavesAtItsSendAt() {
    // given: SPEC section 10, a send scheduled 3 s ahead; ...0000 = every channel delivers
    java.time.Instant sendAt = java.time.Instant.now().plusSeconds(3);
    String body = """
        {"messageId": "scheduled-it", "to": "+393401230000", "sendAt": "%s",
         "steps": [{"channel": "SMS", "sender": "Cascade", "content": {"text": "Your code is 482913"}}]}
        """.formatted(sendAt.atOffset(java.time.ZoneOffset.ofHours(1)));

    assertAccepted(client.post(body));

    // then: held (SCHEDULED), then sent no earlier than sendAt and delivered
    await()
        .atMost(java.time.Duration.ofSeconds(3))
        .untilAsserted(
            () -> assertThat(client.get("scheduled-it").body().path("status").asText())
                .isEqualTo("SCHEDULED"));
    MessageOutcome outcome = awaitOutcome("scheduled-it");
    assertThat(outcome.getStatus()).isEqualTo(FinalStatus.DELIVERED);
    assertThat(outcome.getAttempts().getFirst().getSendDate())
        .isAfterOrEqualTo(sendAt.minusMillis(1));
  }

  @Test
  void aCancelledScheduledMessageNeverLeavesAndCannotBeCancelledTwice() {
    // given: SPEC section 10, a send scheduled an hour ahead
    String body = """
        {"messageId": "cancel-it", "to": "+393401230000", "sendAt": "%s",
         "steps": [{"channel": "SMS", "sender": "Cascade", "content": {"text": "Your code is 482913"}}]}
        """.formatted(java.time.Instant.now().plusSeconds(3600));
    assertAccepted(client.post(body));
    await()
        .atMost(java.time.Duration.ofSeconds(5))
        .untilAsserted(
            () -> assertThat(client.get("cancel-it").body().path("status").asText())
                .isEqualTo("SCHEDULED"));

    // when
    StackClient.Response cancelled = client.delete("cancel-it");

    // then
    assertThat(cancelled.status()).isEqualTo(202);
    assertThat(cancelled.body().get("alreadySent")).isEmpty();
    MessageOutcome outcome = awaitOutcome("cancel-it");
    assertThat(outcome.getStatus()).isEqualTo(FinalStatus.CANCELLED);
    assertThat(outcome.getAttempts()).isEmpty();
    await()
        .atMost(java.time.Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(client.delete("cancel-it").status()).isEqualTo(409));
    assertThat(client.delete("no-such-message").status()).isEqualTo(404);
  }

  @Test
  void aMessageDeliveredOnItsFirstChannelEndsThere() {
    // given: ...0000 = every channel delivers
    String body = """
        {"messageId": "first-channel-it", "to": "+393401230000",
         "steps": [
           {"channel": "VIBER", "sender": "CascadeBank", "content": {"text": "Your card was used at 10:02"}},
           {"channel": "SMS", "sender": "Cascade", "content": {"text": "Your card was used at 10:02"}}]}
        """;

    assertAccepted(client.post(body));

    MessageOutcome outcome = awaitOutcome("first-channel-it");
    assertThat(outcome.getStatus()).isEqualTo(FinalStatus.DELIVERED);
    assertThat(outcome.getChannel()).isEqualTo(Channel.VIBER);
    assertThat(outcome.getAttempts()).hasSize(1);
  }

  @Test
  void seed000RcsNotDeliveredWithinItsFiveSecondValidityFallsBackToSmsInsideTheDeliveryWindow() {
    // given: ...0300 = RCS accepts and never reports; a window open now (it spans midnight when
    // needed)
    java.time.LocalTime now = java.time.LocalTime.now(java.time.ZoneOffset.UTC);
    String body = """
        {"messageId": "seed000-it", "to": "+393401230300",
         "steps": [
           {"channel": "RCS", "sender": "infobip-agent", "validitySeconds": 5,
            "content": {"text": "Your parcel arrives today"}, "fallback": {"on": ["UNDELIVERED"]}},
           {"channel": "SMS", "sender": "Parcels", "validitySeconds": 172800, "content": {"smsConversion": "AUTO"}}],
         "deliveryWindow": {"days": ["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY","SATURDAY","SUNDAY"],
                            "from": "%s", "to": "%s", "zone": "UTC"}}
        """.formatted(clock(now.minusHours(1)), clock(now.plusHours(2)));

    assertAccepted(client.post(body));

    MessageOutcome outcome = awaitOutcome("seed000-it");
    assertThat(outcome.getStatus()).isEqualTo(FinalStatus.DELIVERED);
    assertThat(outcome.getChannel()).isEqualTo(Channel.SMS);
    AttemptRecord rcs = outcome.getAttempts().getFirst();
    assertThat(rcs.getReason()).isEqualTo("EXPIRED");
    AttemptRecord sms = outcome.getAttempts().get(1);
    assertThat(java.time.Duration.between(rcs.getSendDate(), sms.getSendDate()))
        .isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(5));
  }

  @Test
  void seed002NotCapableRcsIsSkippedAndTheRichCardGoesOutAsSms() {
    // given: ...0600 = the RCS capability check says not capable
    String body = """
        {"messageId": "seed002-it", "to": "+393401230600", "campaignReferenceId": "spring-sale",
         "steps": [
           {"channel": "RCS", "sender": "shop-agent",
            "content": {"richCard": {"title": "Spring sale", "description": "20% off until Sunday",
                                     "media": "https://example.com/sale.png",
                                     "suggestions": [{"text": "Shop now", "postbackData": "shop"}]}}},
           {"channel": "SMS", "sender": "Shop", "content": {"smsConversion": "AUTO"}}]}
        """;
    StackClient.TopicReader<UsageEvent> usage = client.reader(TOPICS.usageEvents);

    assertAccepted(client.post(body));

    MessageOutcome outcome = awaitOutcome("seed002-it");
    assertThat(outcome.getChannel()).isEqualTo(Channel.SMS);
    AttemptRecord rcs = outcome.getAttempts().getFirst();
    assertThat(rcs.getDeliveryStatus()).isEqualTo(DeliveryStatus.REJECTED);
    assertThat(rcs.getReason()).isEqualTo("DEVICE_NOT_CAPABLE");
    assertThat(rcs.getBilled()).isFalse();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !usage.valuesFor("seed002-it").isEmpty());
    assertThat(usage.valuesFor("seed002-it")).singleElement().satisfies(event -> {
      assertThat(event.getOriginalChannel()).isEqualTo(Channel.RCS);
      assertThat(event.getChannel()).isEqualTo(Channel.SMS);
      assertThat(event.getFallbackReason()).isEqualTo("DEVICE_NOT_CAPABLE");
      assertThat(event.getCampaignReferenceId()).isEqualTo("spring-sale");
    });
    assertThat(client.get("seed002-it").body().get("channel").asText()).isEqualTo("SMS");
  }

  @Test
  void seed004WhatsappDeliveredAfterItsFallbackIsALateDeliveryBilledTwice() {
    // given: ...5000 = WhatsApp delivers only after the late delay (3 s here); fallback after 2 s
    String body = """
        {"messageId": "seed004-it", "to": "+393401235000",
         "steps": [
           {"channel": "WHATSAPP", "sender": "106540352242922", "content": {"text": "Your code is 482913"},
            "fallback": {"on": ["UNDELIVERED"], "afterSeconds": 2}},
           {"channel": "SMS", "sender": "Cascade", "content": {"text": "Your code is 482913"}}]}
        """;
    StackClient.TopicReader<UsageEvent> usage = client.reader(TOPICS.usageEvents);

    assertAccepted(client.post(body));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> outcomes.valuesFor("seed004-it").size() == 2);
    List<MessageOutcome> revisions = outcomes.valuesFor("seed004-it");
    assertThat(revisions.get(0).getRevision()).isEqualTo(1);
    assertThat(revisions.get(0).getChannel()).isEqualTo(Channel.SMS);
    assertThat(revisions.get(1).getRevision()).isEqualTo(2);
    assertThat(revisions.get(1).getDoubleDelivered()).isTrue();
    assertThat(revisions.get(1).getAttempts().getFirst().getLateDelivery()).isTrue();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> usage.valuesFor("seed004-it").size() == 2);
    assertThat(usage.valuesFor("seed004-it"))
        .extracting(UsageEvent::getChannel, UsageEvent::getLateAfterFallback)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Channel.SMS, false),
            org.assertj.core.groups.Tuple.tuple(Channel.WHATSAPP, true));
    JsonNode state = client.get("seed004-it").body();
    assertThat(state.get("doubleDelivered").asBoolean()).isTrue();
    assertThat(state.get("lateDelivery").asBoolean()).isTrue();
  }

  @Test
  void seed004UnreadWithoutDurationFallsBackWhenValidityEndsDeliveredButUnread() {
    // given: ...4000 = WhatsApp delivers and is never read; UNREAD, no afterSeconds, validity 3 s
    String body = """
        {"messageId": "seed004-unread-it", "to": "+393401234000",
         "steps": [
           {"channel": "WHATSAPP", "sender": "106540352242922", "content": {"text": "Please confirm"},
            "validitySeconds": 3, "fallback": {"on": ["UNREAD"]}},
           {"channel": "SMS", "sender": "Cascade", "content": {"text": "Please confirm"}}]}
        """;

    assertAccepted(client.post(body));

    MessageOutcome outcome = awaitOutcome("seed004-unread-it");
    assertThat(outcome.getChannel()).isEqualTo(Channel.SMS);
    assertThat(outcome.getAttempts().getFirst().getDeliveryStatus())
        .isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(outcome.getAttempts().getFirst().getReason()).isEqualTo("UNREAD");
  }

  @Test
  void seed004ViberFallsBackToSmsTheSameWay() {
    // given: ...0050 = Viber delivers only after the late delay (3 s); fallback after 2 s
    String body = """
        {"messageId": "seed004-viber-it", "to": "+393401230050",
         "steps": [
           {"channel": "VIBER", "sender": "CascadeBank", "content": {"text": "Payment received"},
            "fallback": {"on": ["UNDELIVERED"], "afterSeconds": 2}},
           {"channel": "SMS", "sender": "Cascade", "content": {"text": "Payment received"}}]}
        """;

    assertAccepted(client.post(body));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> outcomes.valuesFor("seed004-viber-it").size() == 2);
    assertThat(outcomes.valuesFor("seed004-viber-it").get(1).getDoubleDelivered())
        .isTrue();
  }

  @Test
  void seed001AllThreeFailEndsFailedWithEveryReasonAndASimulationBillsNothing() {
    String body = """
        {"messageId": "seed001-fail-it", "to": "+393401231111", "simulation": true,
         "steps": [
           {"channel": "WHATSAPP", "sender": "106540352242922", "content": {"text": "Invoice due"}},
           {"channel": "RCS", "sender": "telco-agent", "content": {"text": "Invoice due"}},
           {"channel": "SMS", "sender": "TelcoMob", "content": {"text": "Invoice due"}}]}
        """;
    StackClient.TopicReader<UsageEvent> usage = client.reader(TOPICS.usageEvents);

    assertAccepted(client.post(body));

    MessageOutcome outcome = awaitOutcome("seed001-fail-it");
    assertThat(outcome.getStatus()).isEqualTo(FinalStatus.FAILED);
    assertThat(outcome.getSimulation()).isTrue();
    assertThat(outcome.getAttempts())
        .extracting(AttemptRecord::getProviderCode)
        .containsExactly("131026", "AGENT_NOT_REACHABLE", "INVALID_DESTINATION");
    assertThat(outcome.getAttempts()).noneMatch(AttemptRecord::getBilled);
    assertThat(usage.valuesFor("seed001-fail-it")).isEmpty();
  }

  @Test
  void anUndeliveredRcsMessageIsRevokedBeforeTheSmsFallback() {
    // given: ...0200 = RCS accepts and never reports (RBM reports no failures); revoke after 2 s
    String body = """
        {"messageId": "revoke-it", "to": "+393401230200",
         "steps": [
           {"channel": "RCS", "sender": "banca-agent", "content": {"text": "Your OTP is 482913"},
            "fallback": {"on": ["UNDELIVERED"], "afterSeconds": 2, "revoke": true}},
           {"channel": "SMS", "sender": "Cascade", "content": {"smsConversion": "AUTO"}}]}
        """;

    assertAccepted(client.post(body));

    MessageOutcome outcome = awaitOutcome("revoke-it");
    assertThat(outcome.getChannel()).isEqualTo(Channel.SMS);
    assertThat(outcome.getAttempts().getFirst().getDeliveryStatus())
        .isEqualTo(DeliveryStatus.REVOKED);
    assertThat(outcome.getAttempts().getFirst().getReason()).isEqualTo("DELIVERY_TIMEOUT");
  }

  @Test
  void aRevokeAnsweredAlreadyDeliveredEndsOnRcsWithoutAnSms() {
    // given: ...0300 = RCS delivered but its report was lost: the revoke says already delivered
    String body = """
        {"messageId": "revoke-late-it", "to": "+393401230300",
         "steps": [
           {"channel": "RCS", "sender": "banca-agent", "content": {"text": "Your OTP is 482913"},
            "fallback": {"on": ["UNDELIVERED"], "afterSeconds": 2, "revoke": true}},
           {"channel": "SMS", "sender": "Cascade", "content": {"smsConversion": "AUTO"}}]}
        """;

    assertAccepted(client.post(body));

    MessageOutcome outcome = awaitOutcome("revoke-late-it");
    assertThat(outcome.getStatus()).isEqualTo(FinalStatus.DELIVERED);
    assertThat(outcome.getChannel()).isEqualTo(Channel.RCS);
    assertThat(outcome.getAttempts()).hasSize(1);
    assertThat(outcome.getDoubleDelivered()).isFalse();
  }

  @Test
  void theSameMessageIdWithAnEqualBodyIsAnsweredAgainAndWithAnotherBodyIs409() {
    String body = """
        {"messageId": "idempotent-it", "to": "+393401230000",
         "steps": [{"channel": "SMS", "sender": "Cascade", "content": {"text": "Your code is 482913"}}]}
        """;
    String sameAfterParsing = """
        {"to":"+393401230000","steps":[{"content":{"text":"Your code is 482913"},"sender":"Cascade","channel":"SMS"}],
         "messageId":"idempotent-it"}
        """;
    assertAccepted(client.post(body));
    awaitOutcome("idempotent-it");

    StackClient.Response again = client.post(sameAfterParsing);
    StackClient.Response conflicting = client.post(body.replace("482913", "000000"));

    assertAccepted(again);
    assertThat(again.body().get("messageId").asText()).isEqualTo("idempotent-it");
    assertThat(conflicting.status()).isEqualTo(409);
    assertThat(outcomes.valuesFor("idempotent-it")).hasSize(1);
  }

  @Test
  void aLongUcs2SmsOverSmppGoesAsConcatenatedPartsAndIsDeliveredWhenEveryPartIs() {
    // given: 150 UCS-2 units (Cyrillic) = 3 parts of at most 67; WhatsApp rejects first (...1000)
    String text =
        "Ваш код подтверждения 482913. Никому его не сообщайте. ".repeat(3).substring(0, 150);
    String body = """
        {"messageId": "smpp-it", "to": "+393401231000",
         "steps": [
           {"channel": "WHATSAPP", "sender": "106540352242922", "content": {"text": "%s"}},
           {"channel": "SMS", "provider": "smpp", "sender": "Cascade", "content": {"text": "%s"}}]}
        """.formatted(text, text);

    StackClient.Response response = client.post(body);

    assertAccepted(response);
    assertThat(response.body().at("/smsPreview/0/encoding").asText()).isEqualTo("UCS2");
    assertThat(response.body().at("/smsPreview/0/parts").asInt()).isEqualTo(3);
    MessageOutcome outcome = awaitOutcome("smpp-it");
    assertThat(outcome.getStatus()).isEqualTo(FinalStatus.DELIVERED);
    AttemptRecord sms = outcome.getAttempts().get(1);
    assertThat(sms.getProvider()).isEqualTo("smpp");
    assertThat(sms.getEncoding()).isEqualTo("UCS2");
    assertThat(sms.getParts()).isEqualTo(3);
    assertThat(sms.getProviderMessageIds()).hasSize(3);
    assertThat(sms.getDeliveredProviderMessageIds())
        .containsExactlyInAnyOrderElementsOf(sms.getProviderMessageIds());
  }

  @Test
  void anSmscRejectionIsASendFailureWithTheSmppStatus() {
    String body = """
        {"messageId": "smpp-reject-it", "to": "+393401230001",
         "steps": [{"channel": "SMS", "provider": "smpp", "sender": "Cascade", "content": {"text": "hi"}}]}
        """;

    assertAccepted(client.post(body));

    MessageOutcome outcome = awaitOutcome("smpp-reject-it");
    assertThat(outcome.getStatus()).isEqualTo(FinalStatus.FAILED);
    assertThat(outcome.getAttempts().getFirst().getProviderCode()).isEqualTo("INVALID_DESTINATION");
  }

  private static String clock(java.time.LocalTime time) {
    return time.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString();
  }

  private static MessageOutcome awaitOutcome(String messageId) {
    await()
        .atMost(Duration.ofSeconds(45))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> !outcomes.valuesFor(messageId).isEmpty());
    List<MessageOutcome> all = outcomes.valuesFor(messageId);
    assertThat(all).as("exactly one outcome").hasSize(1);
    return all.getFirst();
  }
}
