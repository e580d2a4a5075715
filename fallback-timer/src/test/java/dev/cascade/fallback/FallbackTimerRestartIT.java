package dev.cascade.fallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cascade.platform.config.Settings;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.ClientProperties;
import dev.cascade.platform.kafka.EmbeddedKafka;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.RecordSender;
import dev.cascade.platform.kafka.TopicAdmin;
import dev.cascade.platform.kafka.TopicSpec;
import dev.cascade.platform.kafka.WatermarkBeacon;
import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelAttempt;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.CommandType;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.Fallback;
import dev.cascade.schemas.FallbackTrigger;
import dev.cascade.schemas.FinalStatus;
import dev.cascade.schemas.MessageOutcome;
import dev.cascade.schemas.RawDeliveryReport;
import dev.cascade.schemas.ReportStatus;
import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * fallback-timer on a real broker, with this test playing the channel workers and dlr-ingest:
 * stopped while timers are pending and started again from its changelogged state, every timer
 * fires once and every message gets exactly one outcome.
 */
class FallbackTimerRestartIT {

  private static final CascadeTopics TOPICS = new CascadeTopics();
  private static final int MESSAGES = 20;
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

  private static Settings settings(String applicationId) throws Exception {
    Path stateDir = Files.createTempDirectory("restart-it");
    return Settings.of(Map.of(
        "kafka.bootstrap.servers",
        kafka.bootstrapServers(),
        "timer.http.port",
        "0",
        "timer.state.dir",
        stateDir.toString(),
        "timer.application.id",
        applicationId,
        "kafka.replication.factor",
        "1"));
  }

  @Test
  void pendingTimersSurviveARestartAndFireOnceEach() throws Exception {
    Settings settings = settings("restart-it");
    try (RecordSender producer = RecordSender.create(kafkaSettings, "restart-it");
        Reader<ChannelCommand> whatsapp = new Reader<>(TOPICS.channelCommands(Channel.WHATSAPP));
        Reader<ChannelCommand> sms = new Reader<>(TOPICS.channelCommands(Channel.SMS));
        Reader<MessageOutcome> outcomes = new Reader<>(TOPICS.messageOutcomes)) {

      // given: messages whose WhatsApp step falls back to SMS 4 s after acceptance
      FallbackTimerService first = FallbackTimerService.start(settings, () -> {});
      for (int i = 0; i < MESSAGES; i++) {
        producer
            .send(TOPICS.sendRequests, "restart-" + i, request("restart-" + i))
            .get();
      }
      List<ChannelCommand> sent = whatsapp.await(MESSAGES);
      for (ChannelCommand command : sent) {
        producer
            .send(
                TOPICS.channelAttempts,
                command.getMessageId(),
                accepted(command, "meta", "wamid." + command.getStep() + command.getMessageId()))
            .get();
      }
      // the attempts must be processed (timers armed) before the stop
      for (ChannelCommand command : sent) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> lastStatus(first, command.getMessageId()).equals("SENT"));
      }

      // when: stopped with every timer pending, then started again after the timers came due
      first.close();
      Thread.sleep(4_500);
      FallbackTimerService second = FallbackTimerService.start(settings, () -> {});
      try {
        // then: each overdue timer fires once: one SMS command per message
        List<ChannelCommand> fallbacks = sms.await(MESSAGES);
        assertThat(fallbacks).extracting(ChannelCommand::getMessageId).doesNotHaveDuplicates();
        Thread.sleep(1_000);
        assertThat(sms.all()).hasSize(MESSAGES);

        // and each message gets exactly one outcome once its SMS is delivered
        for (ChannelCommand command : fallbacks) {
          String id = "sms-" + command.getMessageId();
          producer
              .send(
                  TOPICS.channelAttempts, command.getMessageId(), accepted(command, "infobip", id))
              .get();
          producer
              .send(TOPICS.dlrRaw, "infobip:" + id, delivered("infobip", id))
              .get();
        }
        List<MessageOutcome> ended = outcomes.await(MESSAGES);
        assertThat(ended).extracting(MessageOutcome::getMessageId).doesNotHaveDuplicates();
        assertThat(ended).allSatisfy(outcome -> {
          assertThat(outcome.getStatus()).isEqualTo(FinalStatus.DELIVERED);
          assertThat(outcome.getChannel()).isEqualTo(Channel.SMS);
          assertThat(outcome.getAttempts().getFirst().getReason()).isEqualTo("DELIVERY_TIMEOUT");
        });
      } finally {
        second.close();
      }
    }
  }

  @Test
  void afterARestartAReportThatCameInWhileItWasDownWinsOverItsOverdueTimer() throws Exception {
    Settings settings = settings("restart-watermarks-it");
    try (RecordSender producer = RecordSender.create(kafkaSettings, "restart-watermarks-it");
        Reader<ChannelCommand> whatsapp = new Reader<>(TOPICS.channelCommands(Channel.WHATSAPP));
        Reader<ChannelCommand> sms = new Reader<>(TOPICS.channelCommands(Channel.SMS));
        Reader<MessageOutcome> outcomes = new Reader<>(TOPICS.messageOutcomes)) {
      // given: dlr-ingest's watermark beating, and WhatsApp steps falling back 4 s after acceptance
      WatermarkBeacon dlrIngest = WatermarkBeacon.start(
          producer, TOPICS.dlrRaw.name(), "dlr-ingest-it", Duration.ofMillis(100), Instant::now);
      FallbackTimerService first = FallbackTimerService.start(settings, () -> {});
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < MESSAGES; i++) {
        ids.add("wm-" + (i % 2 == 0 ? "delivered-" : "silent-") + i);
      }
      for (String id : ids) {
        producer.send(TOPICS.sendRequests, id, request(id)).get();
      }
      List<ChannelCommand> sent =
          whatsapp.await(MESSAGES, command -> command.getMessageId().startsWith("wm-"));
      for (ChannelCommand command : sent) {
        producer
            .send(
                TOPICS.channelAttempts,
                command.getMessageId(),
                accepted(command, "meta", "wamid." + command.getMessageId()))
            .get();
      }
      for (String id : ids) {
        await().atMost(Duration.ofSeconds(30)).until(() -> lastStatus(first, id).equals("SENT"));
      }

      // when: down while half the messages are reported delivered and every timer comes due
      first.close();
      for (String id : ids) {
        if (id.contains("delivered")) {
          producer
              .send(TOPICS.dlrRaw, "meta:wamid." + id, delivered("meta", "wamid." + id))
              .get();
        }
      }
      Thread.sleep(4_500);
      FallbackTimerService second = FallbackTimerService.start(settings, () -> {});
      try {
        // then: the delivered ones end on WhatsApp, only the silent ones fall back to SMS
        List<MessageOutcome> delivered = outcomes.await(
            MESSAGES / 2, outcome -> outcome.getMessageId().startsWith("wm-delivered"));
        assertThat(delivered).allSatisfy(outcome -> {
          assertThat(outcome.getStatus()).isEqualTo(FinalStatus.DELIVERED);
          assertThat(outcome.getChannel()).isEqualTo(Channel.WHATSAPP);
        });
        List<ChannelCommand> fallbacks =
            sms.await(MESSAGES / 2, command -> command.getMessageId().startsWith("wm-"));
        Thread.sleep(1_000);
        assertThat(sms.all())
            .extracting(ChannelCommand::getMessageId)
            .filteredOn(id -> id.startsWith("wm-"))
            .hasSize(MESSAGES / 2)
            .allMatch(id -> id.startsWith("wm-silent"));
        assertThat(fallbacks).extracting(ChannelCommand::getMessageId).doesNotHaveDuplicates();
      } finally {
        second.close();
        dlrIngest.close();
      }
    }
  }

  private static String lastStatus(FallbackTimerService service, String messageId)
      throws Exception {
    var response = java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    "http://localhost:" + service.port() + "/internal/messages/" + messageId))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    return response.statusCode() != 200
        ? ""
        : dev.cascade.platform.json.Json.mapper()
            .readTree(response.body())
            .path("status")
            .asText();
  }

  private static SendRequest request(String messageId) {
    Step whatsapp = Step.newBuilder()
        .setChannel(Channel.WHATSAPP)
        .setSender("106540352242922")
        .setContent(Content.newBuilder().setText("code 1").build())
        .setFallback(Fallback.newBuilder()
            .setOn(List.of(FallbackTrigger.UNDELIVERED))
            .setAfterSeconds(4)
            .build())
        .build();
    Step sms = Step.newBuilder()
        .setChannel(Channel.SMS)
        .setSender("Cascade")
        .setContent(Content.newBuilder().setText("code 1").build())
        .build();
    return SendRequest.newBuilder()
        .setMessageId(messageId)
        .setTo("+393401233000")
        .setSteps(List.of(whatsapp, sms))
        .build();
  }

  private static ChannelAttempt accepted(
      ChannelCommand command, String provider, String providerMessageId) {
    return ChannelAttempt.newBuilder()
        .setAttemptId(command.getAttemptId())
        .setMessageId(command.getMessageId())
        .setStep(command.getStep())
        .setChannel(command.getChannel())
        .setProvider(provider)
        .setCommandType(CommandType.SEND)
        .setOutcome(AttemptResult.ACCEPTED)
        .setProviderMessageIds(List.of(providerMessageId))
        .setParts(1)
        .setEncoding("GSM7")
        .setAttemptedAt(Instant.now())
        .build();
  }

  private static RawDeliveryReport delivered(String provider, String providerMessageId) {
    return RawDeliveryReport.newBuilder()
        .setProvider(provider)
        .setProviderMessageId(providerMessageId)
        .setStatus(ReportStatus.DELIVERED)
        .setProviderStatus("DELIVERED_TO_HANDSET")
        .setOccurredAt(Instant.now())
        .setReceivedAt(Instant.now())
        .build();
  }

  /** Reads every value of a topic with read_committed isolation, from the beginning. */
  private static final class Reader<V> implements AutoCloseable {
    private final TopicSpec<String, V> topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<V> values = new ArrayList<>();

    Reader(TopicSpec<String, V> topic) {
      this.topic = topic;
      this.consumer = new KafkaConsumer<>(
          ClientProperties.consumer(kafkaSettings, "reader", "reader-" + UUID.randomUUID()));
      consumer.subscribe(List.of(topic.name()));
    }

    List<V> await(int count) {
      return await(count, value -> true);
    }

    List<V> await(int count, java.util.function.Predicate<V> matching) {
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> all().stream().filter(matching).count() >= count);
      return values.stream().filter(matching).toList();
    }

    List<V> all() {
      consumer
          .poll(Duration.ofMillis(200))
          .forEach(record -> values.add(
              topic.valueSerde().deserializer().deserialize(topic.name(), record.value())));
      return values;
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
