package dev.cascade.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cascade.platform.config.Settings;
import dev.cascade.platform.kafka.EmbeddedKafka.ScramUser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cascade's Kafka clients against a real broker's SASL_PLAINTEXT listener with SCRAM-SHA-256,
 * configured only through the {@code kafka.*} settings: the admin client creates the topics, a
 * producer and a consumer round-trip a record, and a wrong password gets nowhere.
 */
class KafkaScramIT {

  // a password JAAS must quote: a double quote, a backslash and a space
  private static final ScramUser USER = new ScramUser("cascade", "s3cr\"t \\ pass");
  private static final CascadeTopics TOPICS = new CascadeTopics();
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.startWithScram(USER);
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  @Test
  void aProducerAndAConsumerBuiltFromTheScramSettingsRoundTripARecord() throws Exception {
    // given the topics, created by the admin client over SCRAM
    KafkaSettings settings = settings(USER.password());
    TopicAdmin.ensureTopics(settings, TOPICS);
    String topic = TOPICS.dlrRaw.name();

    // when
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(ClientProperties.producer(settings, "scram-it"))) {
      producer
          .send(new ProducerRecord<>(topic, bytes("meta:wamid.1"), bytes("over SCRAM")))
          .get(30, TimeUnit.SECONDS);
    }

    // then
    List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(ClientProperties.consumer(settings, "scram-it", "scram-it"))) {
      consumer.subscribe(List.of(topic));
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
        assertThat(read)
            .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
            .containsExactly("over SCRAM");
      });
    }
  }

  @Test
  void aWrongPasswordIsRefusedToTheProducerTheConsumerAndTheAdminClient() {
    KafkaSettings wrong = settings("guess");

    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(ClientProperties.producer(wrong, "scram-it-wrong"))) {
      Future<RecordMetadata> sent =
          producer.send(new ProducerRecord<>(TOPICS.dlrRaw.name(), bytes("k"), bytes("v")));
      assertThatThrownBy(() -> sent.get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(ClientProperties.consumer(wrong, "scram-it-wrong", "scram-it-wrong"))) {
      consumer.subscribe(List.of(TOPICS.dlrRaw.name()));
      assertThatThrownBy(() -> {
            for (int polls = 0; polls < 60; polls++) {
              consumer.poll(Duration.ofMillis(500));
            }
          })
          .isInstanceOf(SaslAuthenticationException.class);
    }
    assertThatThrownBy(() -> TopicAdmin.ensureTopics(wrong, TOPICS))
        .hasRootCauseInstanceOf(SaslAuthenticationException.class);
  }

  private static KafkaSettings settings(String password) {
    return KafkaSettings.from(Settings.of(Map.of(
        "kafka.bootstrap.servers",
        kafka.scramBootstrapServers(),
        "kafka.partitions",
        "1",
        "kafka.security.protocol",
        "SASL_PLAINTEXT",
        "kafka.sasl.mechanism",
        "SCRAM-SHA-256",
        "kafka.sasl.username",
        USER.name(),
        "kafka.sasl.password",
        password)));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
