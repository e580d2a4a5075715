package dev.cascade.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.schemas.Channel;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.Step;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaTest {

  @Test
  void createsCascadeTopicsAndCarriesAvroRecordsOnAFixedPort() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (EmbeddedKafka kafka = EmbeddedKafka.start(port)) {
      // given
      assertThat(kafka.bootstrapServers()).isEqualTo("localhost:" + port);
      KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), 3, (short) 1);
      CascadeTopics topics = new CascadeTopics();

      // when: created twice, the second time is a no-op
      TopicAdmin.ensureTopics(settings, topics);
      TopicAdmin.ensureTopics(settings, topics);
      SendRequest request = SendRequest.newBuilder()
          .setMessageId("m-1")
          .setTo("+393401231100")
          .setSteps(List.of(Step.newBuilder()
              .setChannel(Channel.SMS)
              .setSender("S")
              .setContent(Content.newBuilder().setText("hi").build())
              .build()))
          .build();
      try (RecordSender sender = RecordSender.create(settings, "test")) {
        sender.send(topics.sendRequests, "m-1", request).get();
      }

      // then
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        Set<String> names = admin.listTopics().names().get();
        assertThat(names)
            .contains(
                "send.requests",
                "send.requests.dlq",
                "channel.commands.whatsapp",
                "message.status",
                "dlr.raw",
                "usage.events");
        assertThat(admin
                .describeTopics(List.of("message.outcomes"))
                .allTopicNames()
                .get()
                .get("message.outcomes")
                .partitions())
            .hasSize(3);
      }
      try (KafkaConsumer<byte[], byte[]> consumer =
          new KafkaConsumer<>(ClientProperties.consumer(settings, "test", "test-group"))) {
        consumer.subscribe(List.of("send.requests"));
        SendRequest read = null;
        long deadline = System.currentTimeMillis() + 20_000;
        while (read == null && System.currentTimeMillis() < deadline) {
          ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
          for (ConsumerRecord<byte[], byte[]> record : records) {
            read = topics
                .sendRequests
                .valueSerde()
                .deserializer()
                .deserialize(record.topic(), record.value());
          }
        }
        assertThat(read).isEqualTo(request);
      }
    }
  }
}
