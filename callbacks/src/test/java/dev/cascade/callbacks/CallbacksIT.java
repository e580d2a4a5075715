package dev.cascade.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.platform.config.Settings;
import dev.cascade.platform.json.Json;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.EmbeddedKafka;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.RecordSender;
import dev.cascade.platform.kafka.TopicAdmin;
import dev.cascade.schemas.CallbackDelivery;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The callbacks service on a real broker, this test playing send-intake and fallback-timer (it
 * writes the request, status and outcome records) and the user's receiver (a real HTTP server).
 */
class CallbacksIT {

  static final String SECRET = "it-callback-s3cret";
  private static final Duration RETRY_FOR = Duration.ofSeconds(3);
  private static final CascadeTopics TOPICS = new CascadeTopics();
  private static EmbeddedKafka kafka;
  private static KafkaSettings kafkaSettings;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.start();
    kafkaSettings = new KafkaSettings(kafka.bootstrapServers(), 2, (short) 1);
    TopicAdmin.ensureTopics(kafkaSettings, TOPICS);
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @Test
  void aReceiverThatFailsTheFirstCallsGetsEveryEventInOrderSignedUnderStableIds() throws Exception {
    String id = "cb-order-" + UUID.randomUUID();
    String stuck = "cb-stuck-" + UUID.randomUUID();
    // the receiver fails the first three calls of each message; another message's calls always
    // fail, and must hold up no one else
    try (CallbackReceiver receiver =
            new CallbackReceiver((path, number) -> path.equals("/stuck") || number <= 3);
        CallbacksService service = CallbacksService.start(settings(Duration.ofHours(1)), () -> {});
        RecordSender producer = RecordSender.create(kafkaSettings, "callbacks-it");
        TopicReader deliveries = new TopicReader(kafkaSettings, TOPICS.callbackDeliveries.name())) {
      send(producer, stuck, receiver.url("/stuck"), List.of("OUTCOME"));
      producer.send(TOPICS.messageOutcomes, stuck, Events.outcome(stuck)).get();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> receiver.calls("/stuck").size() >= 2);

      send(producer, id, receiver.url("/hooks/" + id), List.of("STATUS", "OUTCOME"));
      producer
          .send(TOPICS.messageStatus, id, Events.status(id, "ACCEPTED", false))
          .get();
      producer.send(TOPICS.messageStatus, id, Events.status(id, "SENT", false)).get();
      producer
          .send(TOPICS.messageStatus, id, Events.status(id, "DELIVERED", true))
          .get();
      producer.send(TOPICS.messageOutcomes, id, Events.outcome(id)).get();

      String path = "/hooks/" + id;
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> receiver.delivered(path).size() >= 4);
      List<CallbackReceiver.Call> calls = receiver.calls(path);
      List<CallbackReceiver.Call> delivered = receiver.delivered(path);

      assertThat(calls.stream().filter(call -> !call.delivered())).hasSize(3);
      assertThat(delivered)
          .extracting(call -> Json.mapper().readTree(call.body()).path("status").asText())
          .containsExactly("ACCEPTED", "SENT", "DELIVERED", "DELIVERED");
      assertThat(delivered)
          .extracting(CallbackReceiver.Call::event)
          .containsExactly("STATUS", "STATUS", "STATUS", "OUTCOME");
      // the three failed calls were all of the first event: nothing overtook it
      assertThat(calls.subList(0, 4))
          .extracting(CallbackReceiver.Call::deliveryId)
          .containsOnly(delivered.getFirst().deliveryId());
      assertThat(delivered).extracting(CallbackReceiver.Call::deliveryId).doesNotHaveDuplicates();
      long now = Instant.now().getEpochSecond();
      for (CallbackReceiver.Call call : calls) {
        assertThat(CallbackVerifier.verify(SECRET, call.signature(), call.body(), now))
            .as("signature of call %d", call.number())
            .isTrue();
        assertThat(CallbackVerifier.verify("not-the-secret", call.signature(), call.body(), now))
            .isFalse();
      }
      JsonNode outcome = Json.mapper().readTree(delivered.getLast().body());
      assertThat(outcome.path("messageId").asText()).isEqualTo(id);
      assertThat(outcome.path("terminal").asBoolean()).isTrue();
      assertThat(outcome.path("channel").asText()).isEqualTo("SMS");
      assertThat(outcome.path("campaignReferenceId").asText()).isEqualTo("callbacks-it");
      assertThat(outcome.path("attempts").get(0).path("deliveryStatus").asText())
          .isEqualTo("DELIVERED");

      // the stuck receiver was called again meanwhile, and its callback is still pending
      assertThat(receiver.delivered("/stuck")).isEmpty();

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> deliveriesOf(deliveries.all(), id).size() >= 4);
      assertThat(deliveriesOf(deliveries.all(), id))
          .allSatisfy(record -> {
            assertThat(record.getDelivered()).isTrue();
            assertThat(record.getUrl()).isEqualTo(receiver.url(path));
            assertThat(record.getHttpStatus()).isEqualTo(204);
          })
          .extracting(CallbackDelivery::getDeliveryId)
          .containsExactlyElementsOf(
              delivered.stream().map(CallbackReceiver.Call::deliveryId).toList());
      assertThat(deliveriesOf(deliveries.all(), id).getFirst().getTries()).isEqualTo(4);

      String metrics = metrics(service.port());
      assertThat(metrics)
          .contains("cascade_callbacks_total{result=\"delivered\",service=\"callbacks\"}")
          .contains("cascade_callbacks_total{result=\"gave_up\",service=\"callbacks\"} 0.0")
          .contains("cascade_callbacks_total{result=\"refused\",service=\"callbacks\"} 0.0")
          .contains("kafka_consumer_fetch_manager_records_lag");
    }
  }

  @Test
  void aCallbackStillFailingAtTheEndOfTheRetryPeriodGoesToTheDeadLetterTopic() throws Exception {
    String id = "cb-dlq-" + UUID.randomUUID();
    try (CallbackReceiver receiver = new CallbackReceiver((path, number) -> true);
        CallbacksService service =
            CallbacksService.start(settings(Duration.ofSeconds(2)), () -> {});
        RecordSender producer = RecordSender.create(kafkaSettings, "callbacks-it");
        TopicReader dlq = new TopicReader(kafkaSettings, TOPICS.callbacksDlq);
        TopicReader deliveries = new TopicReader(kafkaSettings, TOPICS.callbackDeliveries.name())) {
      send(producer, id, receiver.url("/down"), List.of("OUTCOME"));
      Instant produced = Instant.now();
      producer.send(TOPICS.messageOutcomes, id, Events.outcome(id)).get();

      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> recordsOf(dlq.all(), id).size() == 1);
      ConsumerRecord<byte[], byte[]> dead = recordsOf(dlq.all(), id).getFirst();
      Map<String, String> headers = new HashMap<>();
      dead.headers()
          .forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
      int tries = receiver.calls("/down").size();

      assertThat(tries).isPositive();
      // given up only once the retry period, counted from reading the event, was over. "Reading"
      // is the stream thread's clock, which Kafka Streams samples once per poll loop: it can be a
      // poll (up to a few hundred ms on a loaded machine) before this test's clock read `produced`
      assertThat(Instant.parse(headers.get("cascade.failed.at")))
          .isAfterOrEqualTo(produced.plus(RETRY_FOR).minusSeconds(1));
      assertThat(headers)
          .containsEntry("cascade.source.topic", "message.outcomes")
          .containsEntry("cascade.callback.url", receiver.url("/down"))
          .containsEntry("cascade.callback.event", "OUTCOME")
          .containsEntry("cascade.callback.http.status", "503")
          .containsEntry("cascade.callback.tries", String.valueOf(tries))
          .containsEntry(
              "cascade.callback.delivery", receiver.calls("/down").getFirst().deliveryId())
          .containsKey("cascade.failed.at");
      assertThat(headers.get("cascade.error")).startsWith("gave up after " + tries + " tries");
      assertThat(metrics(service.port()))
          .contains("cascade_dlq_total{service=\"callbacks\",topic=\"callbacks.dlq\"}")
          .doesNotContain("cascade_dlq_total{service=\"callbacks\",topic=\"callbacks.dlq\"} 0.0");
      assertThat(Json.mapper().readTree(dead.value()).path("messageId").asText())
          .isEqualTo(id);

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> deliveriesOf(deliveries.all(), id).size() == 1);
      CallbackDelivery given = deliveriesOf(deliveries.all(), id).getFirst();
      assertThat(given.getDelivered()).isFalse();
      assertThat(given.getHttpStatus()).isEqualTo(503);
      assertThat(metrics(service.port()))
          .contains("cascade_callbacks_total{result=\"gave_up\",service=\"callbacks\"}")
          .doesNotContain("cascade_callbacks_total{result=\"gave_up\",service=\"callbacks\"} 0.0");
      // given up: never called again
      Thread.sleep(500);
      assertThat(receiver.calls("/down")).hasSize(tries);
    }
  }

  @Test
  void aPrivateUrlProducedStraightToKafkaIsRefusedOutsideDevelopment() throws Exception {
    String id = "cb-private-" + UUID.randomUUID();
    Settings strict = settings(Duration.ofHours(1))
        .with(Map.of("callbacks.allow.private", "false", "callbacks.application.id", "cb-strict"));
    try (CallbackReceiver receiver = new CallbackReceiver((path, number) -> false);
        CallbacksService service = CallbacksService.start(strict, () -> {});
        RecordSender producer = RecordSender.create(kafkaSettings, "callbacks-it");
        TopicReader dlq = new TopicReader(kafkaSettings, TOPICS.callbacksDlq)) {
      send(producer, id, receiver.url("/private"), List.of("OUTCOME"));
      producer.send(TOPICS.messageOutcomes, id, Events.outcome(id)).get();

      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> recordsOf(dlq.all(), id).size() == 1);
      String error = new String(
          recordsOf(dlq.all(), id)
              .getFirst()
              .headers()
              .lastHeader("cascade.error")
              .value(),
          StandardCharsets.UTF_8);
      assertThat(error)
          .isEqualTo("the callback URL must not point to a loopback or private address");
      assertThat(receiver.calls()).isEmpty();
      // (messages of the other tests, read from the beginning, are refused here too)
      assertThat(metrics(service.port()))
          .contains("cascade_callbacks_total{result=\"refused\",service=\"callbacks\"}")
          .doesNotContain("cascade_callbacks_total{result=\"refused\",service=\"callbacks\"} 0.0");
    }
  }

  @Test
  void aRequestThatNamesNoCallbackCallsItsKeysDefaultUrlWithTheOutcome() throws Exception {
    String id = "cb-default-" + UUID.randomUUID();
    String otherKey = "cb-default-other-" + UUID.randomUUID();
    try (CallbackReceiver receiver = new CallbackReceiver((path, number) -> false)) {
      Settings withDefault = settings(Duration.ofHours(1))
          .with(Map.of("callbacks.default.urls", "ops=" + receiver.url("/default")));
      try (CallbacksService service = CallbacksService.start(withDefault, () -> {});
          RecordSender producer = RecordSender.create(kafkaSettings, "callbacks-it")) {
        producer
            .send(TOPICS.sendRequests, id, Events.request(id, null, null, "ops"))
            .get();
        producer
            .send(TOPICS.sendRequests, otherKey, Events.request(otherKey, null, null, "batch"))
            .get();
        for (String message : List.of(otherKey, id)) {
          producer
              .send(TOPICS.messageStatus, message, Events.status(message, "ACCEPTED", false))
              .get();
          producer
              .send(TOPICS.messageOutcomes, message, Events.outcome(message))
              .get();
        }

        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> !receiver.delivered("/default").isEmpty());
        // the default subscribes to the outcome only; the key without a default calls nothing
        assertThat(receiver.calls()).singleElement().satisfies(call -> {
          assertThat(call.event()).isEqualTo("OUTCOME");
          assertThat(Json.mapper().readTree(call.body()).path("messageId").asText())
              .isEqualTo(id);
        });
      }
    }
  }

  static void send(RecordSender producer, String id, String url, List<String> events)
      throws Exception {
    producer
        .send(TOPICS.sendRequests, id, Events.request(id, url, events, "ops"))
        .get();
  }

  private Settings settings(Duration retryFor) throws IOException {
    return Settings.of(Map.of(
        "kafka.bootstrap.servers",
        kafka.bootstrapServers(),
        "kafka.partitions",
        "2",
        "callbacks.http.port",
        "0",
        "callbacks.state.dir",
        Files.createTempDirectory("callbacks-it").toString(),
        "callbacks.application.id",
        "cb-" + UUID.randomUUID(),
        "callbacks.allow.private",
        "true",
        "callbacks.secrets",
        "ops=" + SECRET,
        "callbacks.retry.initial",
        "100ms",
        "callbacks.retry.max.interval",
        "400ms",
        "callbacks.retry.for",
        retryFor.toMillis() + "ms"));
  }

  private static List<CallbackDelivery> deliveriesOf(
      List<ConsumerRecord<byte[], byte[]>> records, String id) {
    return recordsOf(records, id).stream()
        .map(record -> TOPICS
            .callbackDeliveries
            .valueSerde()
            .deserializer()
            .deserialize(TOPICS.callbackDeliveries.name(), record.value()))
        .toList();
  }

  private static List<ConsumerRecord<byte[], byte[]>> recordsOf(
      List<ConsumerRecord<byte[], byte[]>> records, String id) {
    return records.stream()
        .filter(record -> new String(record.key(), StandardCharsets.UTF_8).equals(id))
        .toList();
  }

  static String metrics(int port) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
