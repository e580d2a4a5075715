package dev.cascade.dev;

import static dev.cascade.dev.StackClient.assertAccepted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
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
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RCS over Infobip end to end (issue 12 item 15): seeds 001 and 003 send RCS templates, which
 * Google RBM does not have. The simulator answers Infobip's RCS API and posts its reports to
 * dlr-ingest's Infobip webhook.
 */
@NeedsKafka
class RcsOverInfobipIT {

  private static final CascadeTopics TOPICS = new CascadeTopics();
  private static CascadeStack stack;
  private static StackClient client;
  private static StackClient.TopicReader<MessageOutcome> outcomes;

  @BeforeAll
  static void startStack() {
    stack = CascadeStack.start(TestStackSettings.with(), TestKafka::start, () -> {});
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
  void whatsappTemplateRejectedThenRcsTemplateDeliveredOverInfobip() {
    // given: seed 001's shape; ...1000 = WhatsApp rejects, RCS delivers (SPEC section 9)
    String body = seed001WithRcsTemplate("rcs-template-it", "+393401231000", "\"infobip\"");

    // when
    assertAccepted(client.post(body));

    // then
    MessageOutcome outcome = awaitOutcome("rcs-template-it");
    assertThat(outcome.getStatus()).isEqualTo(FinalStatus.DELIVERED);
    assertThat(outcome.getChannel()).isEqualTo(Channel.RCS);
    assertThat(outcome.getAttempts())
        .extracting(
            AttemptRecord::getChannel, AttemptRecord::getProvider, AttemptRecord::getDeliveryStatus)
        .containsExactly(
            tuple(Channel.WHATSAPP, "meta", DeliveryStatus.REJECTED),
            tuple(Channel.RCS, "infobip", DeliveryStatus.DELIVERED));
    assertThat(outcome.getAttempts().get(0).getProviderCode()).isEqualTo("131026");
    AttemptRecord rcs = outcome.getAttempts().get(1);
    assertThat(rcs.getBilled()).isTrue();
    assertThat(rcs.getDeliveryDate()).isNotNull();
    assertThat(client.get("rcs-template-it").body().get("channel").asText()).isEqualTo("RCS");
  }

  @Test
  void anRcsTemplateWithoutAProviderThatCanSendItIsA422NamingTheTemplate() {
    for (String provider : List.of("\"rbm\"", "null")) {
      StackClient.Response response =
          client.post(seed001WithRcsTemplate("rcs-template-422", "+393401231000", provider));

      assertThat(response.status()).isEqualTo(422);
      JsonNode error = response.body().get("errors").get(0);
      assertThat(error.get("field").asText()).isEqualTo("steps[1].content.template");
      assertThat(error.get("detail").asText())
          .contains("rbm")
          .contains("cannot send RCS templates; RCS template providers: infobip");
    }
  }

  @Test
  void anRcsNumberInfobipFindsNotCapableIsSkippedUnbilledForSms() {
    // given: ...0600 = Infobip's capability check answers UNREACHABLE
    String body = """
        {"messageId": "rcs-infobip-not-capable-it", "to": "+393401230600",
         "steps": [
           {"channel": "RCS", "provider": "infobip", "sender": "shop-agent",
            "content": {"text": "Your order is ready"}},
           {"channel": "SMS", "sender": "Shop", "content": {"smsConversion": "AUTO"}}]}
        """;

    assertAccepted(client.post(body));

    MessageOutcome outcome = awaitOutcome("rcs-infobip-not-capable-it");
    assertThat(outcome.getChannel()).isEqualTo(Channel.SMS);
    AttemptRecord rcs = outcome.getAttempts().getFirst();
    assertThat(rcs.getProvider()).isEqualTo("infobip");
    assertThat(rcs.getDeliveryStatus()).isEqualTo(DeliveryStatus.REJECTED);
    assertThat(rcs.getReason()).isEqualTo("DEVICE_NOT_CAPABLE");
    assertThat(rcs.getProviderCode()).isEqualTo("UNREACHABLE");
    assertThat(rcs.getBilled()).isFalse();
  }

  /** WhatsApp template, RCS template {@code 10} (Agile Telecom's templateId), SMS text. */
  private static String seed001WithRcsTemplate(String messageId, String to, String rcsProvider) {
    return """
        {"messageId": "%s", "to": "%s",
         "steps": [
           {"channel": "WHATSAPP", "sender": "106540352242922",
            "content": {"template": {"name": "txn_alert", "language": "it",
                                     "parameters": {"nome": "Giulia", "importo": "1.250,00"}}},
            "fallback": {"on": ["SEND_FAILED", "UNDELIVERED"], "afterSeconds": 60}},
           {"channel": "RCS", "provider": %s, "sender": "banca-agent",
            "content": {"template": {"name": "10", "language": "it",
                                     "parameters": {"nome": "Giulia", "importo": "1.250,00"}}},
            "fallback": {"on": ["SEND_FAILED", "UNDELIVERED"], "afterSeconds": 300}},
           {"channel": "SMS", "sender": "BancaAdri",
            "content": {"text": "Gentile Giulia, transazione di EUR 1.250,00 registrata il 09/04/2026."}}]}
        """.formatted(messageId, to, rcsProvider);
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
