package dev.cascade.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.intake.SendIntakeService;
import dev.cascade.platform.config.Settings;
import dev.cascade.platform.json.Json;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.ClientProperties;
import dev.cascade.platform.kafka.KafkaBroker;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.NeedsKafka;
import dev.cascade.platform.kafka.TestKafka;
import dev.cascade.platform.kafka.TopicAdmin;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.SendRequest;
import java.io.IOException;
import java.io.InputStream;
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

/** send-intake over real HTTP in front of a real embedded broker: every answer of SPEC section 3. */
@NeedsKafka
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SendIntakeIT {

  private static final CascadeTopics TOPICS = new CascadeTopics();
  private static KafkaBroker kafka;
  private static SendIntakeService intake;
  private static String seed001;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    kafka = TestKafka.start();
    TopicAdmin.ensureTopics(new KafkaSettings(kafka.bootstrapServers(), 1, (short) 1), TOPICS);
    intake = SendIntakeService.start(Settings.of(Map.of(
        "profile", "dev", // the development key dev-key
        "kafka.bootstrap.servers", kafka.bootstrapServers(),
        "intake.http.port", "0",
        "intake.ack.timeout", "2s",
        "intake.rate.per.second", "20",
        // nothing listens here: status reads answer 503, idempotency falls back to fallback-timer
        "intake.status.url", "http://localhost:9")));
    try (InputStream in =
        SendIntakeIT.class.getResourceAsStream("/requests/seed-001-banca-adriatica.json")) {
      seed001 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @AfterAll
  static void stop() {
    // null when a start failed or was skipped (no Docker for -Dcascade.kafka=testcontainers)
    if (intake != null) {
      intake.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  @Order(1)
  void acceptsTheSpecExampleOnlyAfterKafkaStoredIt() throws Exception {
    HttpResponse<String> response = post(seed001, "application/json", "X-Api-Key", "dev-key");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.headers().firstValue("Location"))
        .hasValue("/v1/messages/txn-notifica-20260409-001");
    JsonNode body = Json.mapper().readTree(response.body());
    assertThat(body.get("messageId").asText()).isEqualTo("txn-notifica-20260409-001");
    assertThat(body.get("simulation").asBoolean()).isFalse();
    JsonNode preview = body.get("smsPreview").get(0);
    assertThat(preview.get("step").asInt()).isEqualTo(2);
    assertThat(preview.get("encoding").asText()).isEqualTo("GSM7");
    // "Suspicious transaction\nEUR 1.250,00 on 09/04": the rich card converted for SMS
    assertThat(preview.get("length").asInt()).isEqualTo(44);
    assertThat(preview.get("parts").asInt()).isEqualTo(1);

    SendRequest stored = readOne("txn-notifica-20260409-001");
    assertThat(stored.getSteps())
        .extracting(s -> s.getChannel())
        .containsExactly(Channel.WHATSAPP, Channel.RCS, Channel.SMS);
    assertThat(stored.getApiKeyId()).isEqualTo("dev");
    assertThat(stored.getReceivedAt()).isNotNull();
  }

  @Test
  @Order(2)
  void generatesAMessageIdWhenNoneIsGivenAndTakesABearerKey() throws Exception {
    String body =
        "{\"to\":\"+393401230000\",\"steps\":[{\"channel\":\"SMS\",\"sender\":\"S\",\"content\":{\"text\":\"hi\"}}]}";

    HttpResponse<String> response =
        post(body, "application/json; charset=utf-8", "Authorization", "Bearer dev-key");

    assertThat(response.statusCode()).isEqualTo(202);
    String id = Json.mapper().readTree(response.body()).get("messageId").asText();
    assertThat(id).matches("[0-9a-f-]{36}");
    assertThat(readOne(id).getTo()).isEqualTo("+393401230000");
  }

  @Test
  @Order(3)
  void answersEachKindOfBadRequestWithAProblem() throws Exception {
    assertProblem(post(seed001, "application/json", "X-Api-Key", "wrong"), 401);
    assertProblem(post(seed001, "text/plain", "X-Api-Key", "dev-key"), 415);
    assertProblem(post("{\"to\": ", "application/json", "X-Api-Key", "dev-key"), 400);
    assertProblem(
        post("{\"x\":\"" + "a".repeat(70_000) + "\"}", "application/json", "X-Api-Key", "dev-key"),
        413);

    HttpResponse<String> invalid =
        post(seed001.replace("+393401231100", "12345"), "application/json", "X-Api-Key", "dev-key");
    assertProblem(invalid, 422);
    assertThat(Json.mapper()
            .readTree(invalid.body())
            .get("errors")
            .get(0)
            .get("field")
            .asText())
        .isEqualTo("to");

    HttpResponse<String> wrongType = post(
        seed001.replace("\"afterSeconds\": 60", "\"afterSeconds\": \"soon\""),
        "application/json",
        "X-Api-Key",
        "dev-key");
    assertProblem(wrongType, 422);
    assertThat(wrongType.body()).contains("steps[0].fallback.afterSeconds");
  }

  @Test
  @Order(4)
  void readsAnswer503WhileFallbackTimerIsUnreachable() throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(uri("/v1/messages/whatever"))
            .header("X-Api-Key", "dev-key")
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertProblem(response, 503);
  }

  @Test
  @Order(5)
  void limitsTheRatePerApiKeyWithRetryAfter() throws Exception {
    int limited = 0;
    for (int i = 0; i < 40 && limited == 0; i++) {
      HttpResponse<String> response = post("{}", "application/json", "X-Api-Key", "dev-key");
      if (response.statusCode() == 429) {
        limited++;
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
      }
    }
    assertThat(limited).isEqualTo(1);
    Thread.sleep(1_100); // let the bucket refill for the next test
  }

  @Test
  @Order(6)
  void concurrentPostsWithOneMessageIdGetOneAcceptanceAndOneRecord() throws Exception {
    // given: six POSTs racing with one messageId; different bodies, then equal bodies (issue 12
    // item 4)
    List<String> different = new java.util.ArrayList<>();
    List<String> equal = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      different.add(seed001
          .replace("txn-notifica-20260409-001", "race-different")
          .replace("spring-alerts", "campaign-" + i));
      equal.add(seed001.replace("txn-notifica-20260409-001", "race-equal"));
    }

    // when
    List<Integer> differentAnswers = postAll(different);
    List<Integer> equalAnswers = postAll(equal);

    // then: one 202 and five 409 for different bodies; the same 202 for equal ones; one record each
    assertThat(differentAnswers)
        .containsOnly(202, 409)
        .filteredOn(code -> code == 202)
        .hasSize(1);
    assertThat(equalAnswers).containsOnly(202);
    assertThat(countRecords("race-different")).isEqualTo(1);
    assertThat(countRecords("race-equal")).isEqualTo(1);
  }

  @Test
  @Order(7)
  void neverAnswers202WhenKafkaDoesNotAcknowledge() throws Exception {
    kafka.close();

    HttpResponse<String> response = post(
        seed001.replace("txn-notifica-20260409-001", "after-kafka-died"),
        "application/json",
        "X-Api-Key",
        "dev-key");

    assertProblem(response, 503);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
  }

  private static void assertProblem(HttpResponse<String> response, int status) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(Json.mapper().readTree(response.body()).get("status").asInt()).isEqualTo(status);
  }

  private HttpResponse<String> post(String body, String contentType, String header, String value)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri("/v1/messages"))
            .header("Content-Type", contentType)
            .header(header, value)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private List<Integer> postAll(List<String> bodies) throws Exception {
    List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> answers = bodies.stream()
        .map(body -> http.sendAsync(
            HttpRequest.newBuilder(uri("/v1/messages"))
                .header("Content-Type", "application/json")
                .header("X-Api-Key", "dev-key")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString()))
        .toList();
    List<Integer> codes = new java.util.ArrayList<>();
    for (var answer : answers) {
      codes.add(answer.get(20, java.util.concurrent.TimeUnit.SECONDS).statusCode());
    }
    return codes;
  }

  /** How many records send.requests holds under {@code messageId}, read to the end of the topic. */
  private static int countRecords(String messageId) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientProperties.consumer(
        new KafkaSettings(kafka.bootstrapServers(), 1, (short) 1),
        "it",
        "it-count-" + messageId))) {
      consumer.subscribe(List.of(TOPICS.sendRequests.name()));
      int count = 0;
      long quietUntil = System.currentTimeMillis() + 3_000;
      while (System.currentTimeMillis() < quietUntil) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (new String(record.key(), StandardCharsets.UTF_8).equals(messageId)) {
            count++;
          }
          quietUntil = System.currentTimeMillis() + 1_000;
        }
      }
      return count;
    }
  }

  private static URI uri(String path) {
    return URI.create("http://localhost:" + intake.port() + path);
  }

  private static SendRequest readOne(String messageId) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientProperties.consumer(
        new KafkaSettings(kafka.bootstrapServers(), 1, (short) 1), "it", "it-" + messageId))) {
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
