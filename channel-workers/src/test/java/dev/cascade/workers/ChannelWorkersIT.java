package dev.cascade.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cascade.platform.config.Settings;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.ClientProperties;
import dev.cascade.platform.kafka.EmbeddedKafka;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.RecordSender;
import dev.cascade.platform.kafka.TopicAdmin;
import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelAttempt;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.CommandType;
import dev.cascade.schemas.Content;
import dev.cascade.workers.provider.StubProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Workers on a real broker: commands in, provider called once per attempt, attempts out. */
class ChannelWorkersIT {

  private static final CascadeTopics TOPICS = new CascadeTopics();

  @Test
  void aRedeliveredCommandIsNotSentTwiceButItsAttemptIsWrittenAgain() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(); StubProvider infobip = new StubProvider()) {
      KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), 1, (short) 1);
      TopicAdmin.ensureTopics(settings, TOPICS);
      infobip.answer(200, """
          {"bulkId":"b","messages":[{"to":"393401230000","messageId":"attempt-7",
           "status":{"groupId":1,"groupName":"PENDING","id":26,"name":"PENDING_ACCEPTED"}}]}""");
      try (ChannelWorkersService workers = ChannelWorkersService.start(Settings.of(Map.of(
              "kafka.bootstrap.servers", kafka.bootstrapServers(), "workers.http.port", "0",
              "workers.channels", "SMS", "provider.infobip.base.url", infobip.url())));
          RecordSender producer = RecordSender.create(settings, "it");
          KafkaConsumer<byte[], byte[]> attempts = new KafkaConsumer<>(
              ClientProperties.consumer(settings, "it", "it-" + UUID.randomUUID()))) {
        ChannelCommand command = ChannelCommand.newBuilder().setType(CommandType.SEND).setAttemptId("attempt-7")
            .setMessageId("m-7").setStep(1).setChannel(Channel.SMS).setTo("+393401230000").setSender("Cascade")
            .setContent(Content.newBuilder().setText("Your code is 482913").build()).setIssuedAt(Instant.now()).build();

        // when: the same command twice (as after a worker crash before its commit), and a poison record
        producer.send(TOPICS.channelCommands(Channel.SMS), "m-7", command).get();
        producer.sendBytes(new ProducerRecord<>("channel.commands.sms", "m-8".getBytes(), "garbage".getBytes())).get();
        producer.send(TOPICS.channelCommands(Channel.SMS), "m-7", command).get();

        // then
        attempts.subscribe(List.of(TOPICS.channelAttempts.name()));
        List<ChannelAttempt> written = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
          attempts.poll(Duration.ofMillis(200)).forEach(r ->
              written.add(TOPICS.channelAttempts.valueSerde().deserializer().deserialize(r.topic(), r.value())));
          return written.size() >= 2;
        });
        assertThat(written).allSatisfy(attempt -> {
          assertThat(attempt.getAttemptId()).isEqualTo("attempt-7");
          assertThat(attempt.getOutcome()).isEqualTo(AttemptResult.ACCEPTED);
          assertThat(attempt.getProvider()).isEqualTo("infobip");
          assertThat(attempt.getProviderMessageIds()).containsExactly("attempt-7");
          assertThat(attempt.getParts()).isEqualTo(1);
        });
        assertThat(infobip.requests()).hasSize(1);
        try (KafkaConsumer<byte[], byte[]> dlq = new KafkaConsumer<>(
            ClientProperties.consumer(settings, "it", "it-" + UUID.randomUUID()))) {
          dlq.subscribe(List.of("channel.commands.sms.dlq"));
          List<byte[]> dead = new ArrayList<>();
          await().atMost(Duration.ofSeconds(20)).until(() -> {
            dlq.poll(Duration.ofMillis(200)).forEach(r -> dead.add(r.value()));
            return !dead.isEmpty();
          });
          assertThat(new String(dead.getFirst(), StandardCharsets.UTF_8)).isEqualTo("garbage");
        }
      }
    }
  }
}
