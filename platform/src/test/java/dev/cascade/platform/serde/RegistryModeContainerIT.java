package dev.cascade.platform.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.ClientProperties;
import dev.cascade.platform.kafka.KafkaBroker;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.NeedsKafka;
import dev.cascade.platform.kafka.RecordSender;
import dev.cascade.platform.kafka.TestKafka;
import dev.cascade.platform.kafka.TopicAdmin;
import dev.cascade.schemas.CancelRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * {@link RegistryModeIT}'s round trip against the Apicurio Registry image instead of the fast-jar
 * process: the registry in a container, through Testcontainers. Without a Docker engine the class
 * is skipped (disabledWithoutDocker) and JUnit reports it so.
 */
@NeedsKafka
// a Docker-only test: runs under the Testcontainers switch (README, Tests), skipped otherwise
@EnabledIfSystemProperty(
    named = "cascade.kafka",
    matches = "testcontainers",
    disabledReason = "runs with -Dcascade.kafka=testcontainers (or -Ptestcontainers) and Docker")
@Testcontainers(disabledWithoutDocker = true)
class RegistryModeContainerIT {

  @Container
  private static final GenericContainer<?> REGISTRY = new GenericContainer<>(
          DockerImageName.parse("apicurio/apicurio-registry")
              .withTag(System.getProperty("apicurio.registry.version", "3.3.3")))
      .withExposedPorts(8080)
      .waitingFor(Wait.forHttp("/apis/registry/v2/system/info").forStatusCode(200))
      .withStartupTimeout(Duration.ofMinutes(3));

  @Test
  void roundTripsARecordThroughTheRegistryInAContainer() throws Exception {
    String url = "http://" + REGISTRY.getHost() + ":" + REGISTRY.getMappedPort(8080);
    CascadeTopics topics = new CascadeTopics(RecordSerdes.registry(SchemaRegistrySettings.at(url)));
    CancelRequest cancel = CancelRequest.newBuilder()
        .setMessageId("container-1")
        .setRequestedAt(Instant.ofEpochMilli(1_775_000_000_000L))
        .build();
    try (KafkaBroker kafka = TestKafka.start()) {
      KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), 1, (short) 1);
      TopicAdmin.ensureTopics(settings, topics);

      // when
      try (RecordSender sender = RecordSender.create(settings, "registry-container-it")) {
        sender.send(topics.messageCancels, "container-1", cancel).get();
      }
      byte[] bytes = firstValue(settings, topics.messageCancels.name());

      // then
      assertThat(bytes[0]).isEqualTo((byte) 0);
      int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
      HttpResponse<String> schema = HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(url + "/apis/ccompat/v7/schemas/ids/" + id))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(schema.statusCode()).isEqualTo(200);
      assertThat(topics
              .messageCancels
              .valueSerde()
              .deserializer()
              .deserialize(topics.messageCancels.name(), bytes))
          .isEqualTo(cancel);
    }
  }

  private static byte[] firstValue(KafkaSettings settings, String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
        ClientProperties.consumer(settings, "registry-container-it", "raw-" + topic))) {
      consumer.subscribe(List.of(topic));
      List<byte[]> values = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
      assertThat(values).as("a record on " + topic).isNotEmpty();
      return values.getFirst();
    }
  }
}
