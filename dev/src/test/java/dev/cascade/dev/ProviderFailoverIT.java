package dev.cascade.dev;

import static dev.cascade.dev.StackClient.assertAccepted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.schemas.AttemptRecord;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.DeliveryStatus;
import dev.cascade.schemas.FinalStatus;
import dev.cascade.schemas.MessageOutcome;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Provider failover on the same channel end to end (SPEC section 10, issue 11 item 1): with the
 * simulated SMSC stopped, an SMS step listing [smpp, infobip] goes out over Infobip's SMS API and
 * its Infobip report ends the message delivered; once the SMSC is back and the circuit's wait is
 * over, the half-open probe goes over SMPP and SMS goes that way again.
 */
class ProviderFailoverIT {

  private static final CascadeTopics TOPICS = new CascadeTopics();
  private static final String SERVICE = "service=\"channel-workers\"";
  private static CascadeStack stack;
  private static StackClient client;
  private static StackClient.TopicReader<MessageOutcome> outcomes;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startStack() {
    stack = CascadeStack.start(
        // short enough for a test: one call failing through both tries opens the circuit, which
        // lets a probe through after 3 s
        TestStackSettings.with(
            "workers.retry.max.attempts", "2",
            "workers.retry.base.delay", "100ms",
            "workers.circuit.consecutive.failures", "1",
            "workers.circuit.open.duration", "3s"),
        0,
        () -> {});
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
  void smsGoesOverInfobipWhileTheSmscIsDownAndBackOverSmppOnceItRecovers() throws Exception {
    // given: the SMSC is down
    stack.simulator().stopSmsc();

    // when: an SMS step lists SMPP first, Infobip second (...0000: SMS delivers, SPEC section 9)
    assertAccepted(client.post(sms("failover-smsc-down")));

    // then: the SMS went out over Infobip, whose report delivered it
    AttemptRecord overInfobip = onlyAttempt(awaitOutcome("failover-smsc-down"));
    assertThat(overInfobip.getProvider()).isEqualTo("infobip");
    assertThat(overInfobip.getProvidersTried()).containsExactly("smpp", "infobip");
    assertThat(overInfobip.getDeliveryStatus()).isEqualTo(DeliveryStatus.DELIVERED);
    JsonNode shown = client.get("failover-smsc-down").body().get("attempts").get(0);
    assertThat(shown.get("provider").asText()).isEqualTo("infobip");
    assertThat(shown.get("providersTried"))
        .extracting(JsonNode::asText)
        .containsExactly("smpp", "infobip");
    assertThat(workerMetrics())
        .contains("cascade_provider_failover_total{channel=\"SMS\",from=\"smpp\"," + SERVICE
            + ",to=\"infobip\"} 1.0")
        .contains("cascade_provider_circuit_state{provider=\"smpp\"," + SERVICE + "} 2.0")
        .contains("cascade_provider_circuit_state{provider=\"infobip\"," + SERVICE + "} 0.0");

    // when: the SMSC is back; SMS sent before the circuit's wait is over still go over Infobip
    stack.simulator().startSmsc();

    // then: after the wait, the half-open probe goes over SMPP and closes the circuit
    AtomicInteger sent = new AtomicInteger();
    AtomicReference<AttemptRecord> last = new AtomicReference<>();
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      String messageId = "failover-smsc-back-" + sent.incrementAndGet();
      assertAccepted(client.post(sms(messageId)));
      last.set(onlyAttempt(awaitOutcome(messageId)));
      assertThat(last.get().getProvider()).isEqualTo("smpp");
    });
    assertThat(last.get().getProvidersTried()).containsExactly("smpp");
    assertThat(last.get().getDeliveryStatus()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(workerMetrics())
        .contains("cascade_provider_circuit_state{provider=\"smpp\"," + SERVICE + "} 0.0");
  }

  private static String sms(String messageId) {
    return """
        {"messageId": "%s", "to": "+393401230000",
         "steps": [
           {"channel": "SMS", "providers": ["smpp", "infobip"], "sender": "Cascade",
            "content": {"text": "Your code is 482913"}}]}
        """.formatted(messageId);
  }

  private static AttemptRecord onlyAttempt(MessageOutcome outcome) {
    assertThat(outcome.getStatus()).isEqualTo(FinalStatus.DELIVERED);
    assertThat(outcome.getChannel()).isEqualTo(Channel.SMS);
    assertThat(outcome.getAttempts()).hasSize(1);
    return outcome.getAttempts().getFirst();
  }

  private String workerMetrics() throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + stack.workersPort() + "/metrics"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static MessageOutcome awaitOutcome(String messageId) {
    try {
      await()
          .atMost(Duration.ofSeconds(45))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> !outcomes.valuesFor(messageId).isEmpty());
    } catch (ConditionTimeoutException e) {
      // what the message went through says why (sent over which provider, report or not)
      throw new AssertionError(
          "no outcome for " + messageId + "; its timeline: "
              + client.events(messageId).body(),
          e);
    }
    List<MessageOutcome> all = outcomes.valuesFor(messageId);
    assertThat(all).as("exactly one outcome").hasSize(1);
    return all.getFirst();
  }
}
