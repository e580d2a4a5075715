package dev.cascade.dev;

import static dev.cascade.dev.StackClient.assertAccepted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.platform.json.Json;
import dev.cascade.platform.kafka.ClientProperties;
import dev.cascade.platform.kafka.Dlq;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.NeedsKafka;
import dev.cascade.platform.kafka.TestKafka;
import dev.cascade.platform.serde.ApicurioRegistry;
import dev.cascade.platform.serde.RecordSerdes;
import dev.cascade.schemas.AttemptRecord;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.DeliveryStatus;
import dev.cascade.schemas.FinalStatus;
import dev.cascade.schemas.MessageOutcome;
import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.Step;
import dev.cascade.schemas.serde.AvroSerde;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Seed 001 end to end on the all-in-one in registry mode: every service writes and reads the
 * Confluent wire format against a real Apicurio Registry process, and every topic the message
 * crossed has its subject in the registry.
 */
@NeedsKafka
// seed 001 first: it reads the first record of send.requests, where the second test adds a stale
// one
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryModeStackIT {

  private static ApicurioRegistry registry;
  private static CascadeStack stack;
  private static StackClient client;
  private static StackClient.TopicReader<MessageOutcome> outcomes;

  @BeforeAll
  static void startStack() {
    registry = ApicurioRegistry.start();
    stack = CascadeStack.start(
        TestStackSettings.with("serde.mode", "registry", "schema.registry.url", registry.url()),
        TestKafka::start,
        () -> {});
    client = new StackClient(stack);
    outcomes = client.reader(stack.topics().messageOutcomes);
  }

  @AfterAll
  static void stopStack() {
    if (client != null) {
      client.close();
    }
    if (stack != null) {
      stack.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  @Order(1)
  void seed001EndsDeliveredOnSmsWithEveryTopicInTheRegistryFormat() throws Exception {
    // given: ...1100 = WhatsApp rejects, RCS rejects, SMS delivers (SPEC section 9)
    assertThat(stack.topics().serdes().mode()).isEqualTo(RecordSerdes.Mode.REGISTRY);
    String body = """
        {"messageId": "seed001-registry", "to": "+393401231100",
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
    assertAccepted(client.post(body));

    // then: the same outcome as in single-object mode
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> !outcomes.valuesFor("seed001-registry").isEmpty());
    MessageOutcome outcome = outcomes.valuesFor("seed001-registry").getFirst();
    assertThat(outcome.getStatus()).isEqualTo(FinalStatus.DELIVERED);
    assertThat(outcome.getChannel()).isEqualTo(Channel.SMS);
    assertThat(outcome.getAttempts())
        .extracting(AttemptRecord::getChannel, AttemptRecord::getDeliveryStatus)
        .containsExactly(
            Tuple.tuple(Channel.WHATSAPP, DeliveryStatus.REJECTED),
            Tuple.tuple(Channel.RCS, DeliveryStatus.REJECTED),
            Tuple.tuple(Channel.SMS, DeliveryStatus.DELIVERED));
    assertThat(client.get("seed001-registry").body().get("status").asText()).isEqualTo("DELIVERED");

    // and: each topic the message crossed carries magic byte 0 and an id the registry serves
    HttpClient http = HttpClient.newHttpClient();
    for (String topic : List.of(
        "send.requests",
        "channel.commands.whatsapp",
        "channel.commands.rcs",
        "channel.commands.sms",
        "channel.attempts",
        "dlr.raw",
        "delivery.reports",
        "message.status",
        "message.outcomes",
        "usage.events")) {
      byte[] value = firstValue(topic);
      assertThat(value[0]).as("magic byte on " + topic).isEqualTo((byte) 0);
      int id = ByteBuffer.wrap(value, 1, 4).getInt();
      HttpResponse<String> schema = http.send(
          HttpRequest.newBuilder(URI.create(registry.ccompatUrl() + "/schemas/ids/" + id))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(schema.statusCode()).as("schema " + id + " of " + topic).isEqualTo(200);
    }
    JsonNode subjects = Json.mapper()
        .readTree(http.send(
                HttpRequest.newBuilder(URI.create(registry.ccompatUrl() + "/subjects"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
    assertThat(subjects)
        .extracting(JsonNode::asText)
        .contains("send.requests-value", "message.outcomes-value", "usage.events-value");
  }

  @Test
  @Order(2)
  void aSingleObjectRecordOnSendRequestsIsDeadLetteredSayingWhy() throws Exception {
    // given: a producer still in single-object mode writes a request
    SendRequest request = SendRequest.newBuilder()
        .setMessageId("stale-producer-1")
        .setTo("+393401230000")
        .setSteps(List.of(Step.newBuilder()
            .setChannel(Channel.SMS)
            .setSender("BancaAdri")
            .setContent(Content.newBuilder().setText("Codice 123456").build())
            .build()))
        .build();
    KafkaSettings kafka = new KafkaSettings(stack.bootstrapServers(), 1, (short) 1);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(ClientProperties.producer(kafka, "stale-producer"))) {
      producer
          .send(new ProducerRecord<>(
              "send.requests",
              "stale-producer-1".getBytes(StandardCharsets.UTF_8),
              AvroSerde.of(SendRequest.class).encode(request)))
          .get();
    }

    // then: fallback-timer, reading in registry mode, dead-letters it with the reason
    ConsumerRecord<byte[], byte[]> dead = firstRecord("send.requests.dlq");
    assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("stale-producer-1");
    assertThat(
            new String(dead.headers().lastHeader(Dlq.ERROR_HEADER).value(), StandardCharsets.UTF_8))
        .contains("not in the schema-registry wire format");
  }

  private static byte[] firstValue(String topic) {
    return firstRecord(topic).value();
  }

  private static ConsumerRecord<byte[], byte[]> firstRecord(String topic) {
    KafkaSettings kafka = new KafkaSettings(stack.bootstrapServers(), 1, (short) 1);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
        ClientProperties.consumer(kafka, "registry-raw", "raw-" + UUID.randomUUID()))) {
      consumer.subscribe(List.of(topic));
      List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() != null) { // watermark records carry no value, hence no schema
            seen.add(record);
          }
        }
        return !seen.isEmpty();
      });
      return seen.getFirst();
    }
  }
}
