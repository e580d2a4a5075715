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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A named fallback policy end to end (SPEC section 10): stored over HTTP, named by a send, expanded
 * by send-intake, run by every service against the provider simulator, and recorded with its
 * version in the outcome and in the message's state.
 */
class NamedPoliciesIT {

  private static final CascadeTopics TOPICS = new CascadeTopics();
  private static CascadeStack stack;
  private static StackClient client;
  private static StackClient.TopicReader<MessageOutcome> outcomes;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startStack() {
    stack = CascadeStack.start(TestStackSettings.with(), 0, () -> {});
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
  void theOutcomeOfASendNamingAPolicyRecordsThePolicysNameAndVersion() throws Exception {
    // given: otp-default stored, then replaced (version 2): WhatsApp first, then SMS
    String policy = """
        {"steps": [
          {"channel": "WHATSAPP", "sender": "106540352242922",
           "fallback": {"on": ["SEND_FAILED", "UNDELIVERED"], "afterSeconds": %d}},
          {"channel": "SMS", "sender": "Cascade"}]}
        """;
    // intake answers policy calls once it has read the policies topic (503 until then)
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> call(HttpRequest.newBuilder(uri("/v1/policies")).GET()).statusCode() == 200);
    assertThat(put("otp-default", policy.formatted(120)).statusCode()).isEqualTo(201);
    HttpResponse<String> replaced = put("otp-default", policy.formatted(60));
    assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);

    // when: ...1100 = WhatsApp rejects, SMS delivers (SPEC section 9)
    assertAccepted(client.post("""
        {"messageId": "policy-it", "to": "+393401231100", "policy": "otp-default",
         "content": {"WHATSAPP": {"text": "Your code is 482913"}, "SMS": {"smsConversion": "AUTO"}}}
        """));

    // then
    await()
        .atMost(Duration.ofSeconds(45))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> !outcomes.valuesFor("policy-it").isEmpty());
    List<MessageOutcome> all = outcomes.valuesFor("policy-it");
    assertThat(all).as("exactly one outcome").hasSize(1);
    MessageOutcome outcome = all.getFirst();
    assertThat(outcome.getStatus()).isEqualTo(FinalStatus.DELIVERED);
    assertThat(outcome.getAttempts())
        .extracting(AttemptRecord::getChannel, AttemptRecord::getDeliveryStatus)
        .containsExactly(
            Tuple.tuple(Channel.WHATSAPP, DeliveryStatus.REJECTED),
            Tuple.tuple(Channel.SMS, DeliveryStatus.DELIVERED));
    assertThat(outcome.getPolicy().getName()).isEqualTo("otp-default");
    assertThat(outcome.getPolicy().getVersion()).isEqualTo(2);

    JsonNode state = client.get("policy-it").body();
    assertThat(state.get("policy").get("name").asText()).isEqualTo("otp-default");
    assertThat(state.get("policy").get("version").asInt()).isEqualTo(2);
  }

  @Test
  void aSendWithItsOwnStepsShowsNoPolicy() {
    assertAccepted(client.post("""
        {"messageId": "no-policy-it", "to": "+393401230000",
         "steps": [{"channel": "SMS", "sender": "Cascade", "content": {"text": "Your code is 482913"}}]}
        """));

    await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> {
      JsonNode state = client.get("no-policy-it").body();
      assertThat(state.path("terminal").asBoolean()).isTrue();
      assertThat(state.has("policy")).isFalse();
    });
  }

  private HttpResponse<String> put(String name, String body) throws Exception {
    return call(HttpRequest.newBuilder(uri("/v1/policies/" + name))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpResponse<String> call(HttpRequest.Builder request) throws Exception {
    return http.send(
        request.header("X-Api-Key", "dev-key").build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://localhost:" + stack.intakePort() + path);
  }
}
