package dev.cascade.intake.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.intake.SendIntakeService;
import dev.cascade.platform.config.Settings;
import dev.cascade.platform.json.Json;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.ClientProperties;
import dev.cascade.platform.kafka.EmbeddedKafka;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.TopicAdmin;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.SmsConversion;
import dev.cascade.schemas.Step;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Named fallback policies (SPEC section 10) over real HTTP on a real embedded broker, with two
 * intake instances sharing the compacted topic fallback.policies.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoliciesIT {

  private static final CascadeTopics TOPICS = new CascadeTopics();
  private static final String OTP_DEFAULT = """
      {"steps": [
        {"channel": "WHATSAPP", "sender": "106540352242922",
         "fallback": {"on": ["SEND_FAILED", "UNDELIVERED"], "afterSeconds": 60}},
        {"channel": "SMS", "sender": "Cascade"}]}
      """;
  private static final String OTP_MESSAGE = """
      {"messageId": "%s", "to": "+393401230000", "policy": "otp-default",
       "content": {"WHATSAPP": {"text": "Your code is 482913"}, "SMS": {"smsConversion": "AUTO"}}}
      """;

  private static EmbeddedKafka kafka;
  private static SendIntakeService first;
  private static SendIntakeService second;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start();
    // two partitions: the follower reads every partition of the policies topic
    TopicAdmin.ensureTopics(new KafkaSettings(kafka.bootstrapServers(), 2, (short) 1), TOPICS);
    first = startIntake();
  }

  @AfterAll
  static void stop() {
    if (second != null) {
      second.close();
    }
    first.close();
    kafka.close();
  }

  private static SendIntakeService startIntake() {
    return SendIntakeService.start(Settings.of(Map.of(
        "profile", "dev", // the development key dev-key
        "kafka.bootstrap.servers", kafka.bootstrapServers(),
        "intake.http.port", "0",
        "intake.ack.timeout", "5s",
        // nothing listens here: idempotency falls back to fallback-timer, which is absent
        "intake.status.url", "http://localhost:9")));
  }

  @Test
  @Order(1)
  void reportsReadyOnceThePoliciesAreRead() {
    awaitReady(first);
  }

  @Test
  @Order(2)
  void aPutStoresVersionOneAndIsReadBackAtOnce() throws Exception {
    // when
    HttpResponse<String> created = put(first, "otp-default", OTP_DEFAULT);

    // then
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue("/v1/policies/otp-default");
    JsonNode body = Json.mapper().readTree(created.body());
    assertThat(body.get("name").asText()).isEqualTo("otp-default");
    assertThat(body.get("version").asInt()).isEqualTo(1);
    assertThat(body.get("steps").get(0).get("fallback").get("afterSeconds").asInt())
        .isEqualTo(60);
    assertThat(body.get("steps").get(1).has("content")).isFalse();

    HttpResponse<String> read = get(first, "/v1/policies/otp-default");
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(Json.mapper().readTree(read.body()).get("version").asInt()).isEqualTo(1);
  }

  @Test
  @Order(3)
  void aSendNamingThePolicyIsStoredExpandedWithItsNameAndVersion() throws Exception {
    // when
    HttpResponse<String> response = post(first, OTP_MESSAGE.formatted("otp-it-1"));

    // then
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    assertThat(Json.mapper()
            .readTree(response.body())
            .get("smsPreview")
            .get(0)
            .get("step")
            .asInt())
        .isEqualTo(1);
    SendRequest stored = readRequest("otp-it-1");
    assertThat(stored.getSteps())
        .extracting(Step::getChannel)
        .containsExactly(Channel.WHATSAPP, Channel.SMS);
    assertThat(stored.getSteps().get(0).getContent().getText()).isEqualTo("Your code is 482913");
    assertThat(stored.getSteps().get(0).getFallback().getAfterSeconds()).isEqualTo(60);
    assertThat(stored.getSteps().get(1).getContent().getSmsConversion())
        .isEqualTo(SmsConversion.AUTO);
    assertThat(stored.getPolicy().getName()).isEqualTo("otp-default");
    assertThat(stored.getPolicy().getVersion()).isEqualTo(1);
  }

  @Test
  @Order(4)
  void aSecondInstanceReadsThePoliciesAndFollowsReplacements() throws Exception {
    // given: an instance started after the PUT
    second = startIntake();
    awaitReady(second);
    assertThat(Json.mapper()
            .readTree(get(second, "/v1/policies/otp-default").body())
            .get("version")
            .asInt())
        .isEqualTo(1);

    // when: the first instance replaces the policy
    HttpResponse<String> replaced = put(
        first, "otp-default", OTP_DEFAULT.replace("\"afterSeconds\": 60", "\"afterSeconds\": 30"));

    // then: version 2 (200, not 201), seen by the second instance once it read it
    assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
    assertThat(Json.mapper().readTree(replaced.body()).get("version").asInt()).isEqualTo(2);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(Json.mapper()
                .readTree(get(second, "/v1/policies/otp-default").body())
                .get("version")
                .asInt())
            .isEqualTo(2));
    HttpResponse<String> sent = post(second, OTP_MESSAGE.formatted("otp-it-2"));
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
    SendRequest stored = readRequest("otp-it-2");
    assertThat(stored.getPolicy().getVersion()).isEqualTo(2);
    assertThat(stored.getSteps().get(0).getFallback().getAfterSeconds()).isEqualTo(30);
  }

  @Test
  @Order(5)
  void listsEveryPolicy() throws Exception {
    assertThat(put(first, "viber-first", """
            {"steps": [{"channel": "VIBER", "sender": "CascadeBank", "fallback": {}},
                       {"channel": "SMS", "sender": "Cascade"}]}
            """).statusCode()).isEqualTo(201);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      JsonNode list = Json.mapper().readTree(get(second, "/v1/policies").body());
      assertThat(list.get("policies"))
          .extracting(p -> p.get("name").asText())
          .containsExactly("otp-default", "viber-first");
    });
  }

  @Test
  @Order(6)
  void anInvalidPolicyIsAProblemNamingTheFieldInsideThePolicy() throws Exception {
    HttpResponse<String> response = put(
        first, "otp-default", OTP_DEFAULT.replace("\"afterSeconds\": 60", "\"afterSeconds\": 0"));

    assertProblem(response, 422);
    assertThat(Json.mapper()
            .readTree(response.body())
            .get("errors")
            .get(0)
            .get("field")
            .asText())
        .isEqualTo("steps[0].fallback.afterSeconds");
    assertProblem(put(first, "not a name", OTP_DEFAULT), 422);
    assertProblem(get(first, "/v1/policies/no-such-policy"), 404);
    HttpResponse<String> unauthorized = http.send(
        HttpRequest.newBuilder(uri(first, "/v1/policies")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertProblem(unauthorized, 401);
  }

  @Test
  @Order(7)
  void afterADeleteSendingWithThePolicyIsRefusedOnEveryInstance() throws Exception {
    // when
    HttpResponse<String> deleted = delete(first, "otp-default");

    // then
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertProblem(get(first, "/v1/policies/otp-default"), 404);
    assertProblem(delete(first, "otp-default"), 404);
    HttpResponse<String> refused = post(first, OTP_MESSAGE.formatted("otp-it-3"));
    assertProblem(refused, 422);
    assertThat(Json.mapper()
            .readTree(refused.body())
            .get("errors")
            .get(0)
            .get("field")
            .asText())
        .isEqualTo("policy");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertProblem(post(second, OTP_MESSAGE.formatted("otp-it-4")), 422));
  }

  private void awaitReady(SendIntakeService intake) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(http.send(
                    HttpRequest.newBuilder(uri(intake, "/health")).GET().build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
            .isEqualTo(200));
  }

  private static void assertProblem(HttpResponse<String> response, int status) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(Json.mapper().readTree(response.body()).get("status").asInt()).isEqualTo(status);
  }

  private HttpResponse<String> put(SendIntakeService intake, String name, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(intake, "/v1/policies/" + name.replace(" ", "%20")))
            .header("Content-Type", "application/json")
            .header("X-Api-Key", "dev-key")
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(SendIntakeService intake, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(intake, "/v1/messages"))
            .header("Content-Type", "application/json")
            .header("X-Api-Key", "dev-key")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(SendIntakeService intake, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(intake, path))
            .header("X-Api-Key", "dev-key")
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> delete(SendIntakeService intake, String name) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(intake, "/v1/policies/" + name))
            .header("X-Api-Key", "dev-key")
            .DELETE()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(SendIntakeService intake, String path) {
    return URI.create("http://localhost:" + intake.port() + path);
  }

  private static SendRequest readRequest(String messageId) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientProperties.consumer(
        new KafkaSettings(kafka.bootstrapServers(), 2, (short) 1), "it", "it-" + messageId))) {
      consumer.subscribe(List.of(TOPICS.sendRequests.name()));
      long deadline = System.currentTimeMillis() + 20_000;
      while (System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (new String(record.key(), StandardCharsets.UTF_8).equals(messageId)) {
            return TOPICS
                .sendRequests
                .valueSerde()
                .deserializer()
                .deserialize(record.topic(), record.value());
          }
        }
      }
    }
    throw new AssertionError("no send request " + messageId + " on send.requests");
  }
}
