package dev.cascade.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cascade.platform.config.Settings;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.ClientProperties;
import dev.cascade.platform.kafka.KafkaBroker;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.NeedsKafka;
import dev.cascade.platform.kafka.RecordSender;
import dev.cascade.platform.kafka.TestKafka;
import dev.cascade.platform.kafka.TopicAdmin;
import dev.cascade.platform.metrics.DlqMeter;
import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelAttempt;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.CommandType;
import dev.cascade.schemas.Content;
import dev.cascade.workers.faulty.FaultyPlugin;
import dev.cascade.workers.provider.ProviderResult;
import dev.cascade.workers.provider.StubProvider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** Workers on a real broker: commands in, provider called once per attempt, attempts out. */
@NeedsKafka
class ChannelWorkersIT {

  private static final CascadeTopics TOPICS = new CascadeTopics();

  @Test
  void aCommandRedeliveredToARestartedWorkerIsNotSentTwice() throws Exception {
    // issue 10 item 3: duplicate suppression used to live in memory only
    try (KafkaBroker kafka = TestKafka.start();
        StubProvider infobip = new StubProvider()) {
      KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), 1, (short) 1);
      TopicAdmin.ensureTopics(settings, TOPICS);
      infobip.answer(200, """
          {"bulkId":"b","messages":[{"to":"393401230000","messageId":"attempt-9",
           "status":{"groupId":1,"groupName":"PENDING","id":26,"name":"PENDING_ACCEPTED"}}]}""");
      Settings workerSettings = Settings.of(Map.of(
          "profile",
          "dev",
          "kafka.bootstrap.servers",
          kafka.bootstrapServers(),
          "workers.http.port",
          "0",
          "workers.channels",
          "SMS",
          "provider.infobip.base.url",
          infobip.url()));
      ChannelCommand command = ChannelCommand.newBuilder()
          .setType(CommandType.SEND)
          .setAttemptId("attempt-9")
          .setMessageId("m-9")
          .setStep(0)
          .setChannel(Channel.SMS)
          .setTo("+393401230000")
          .setSender("Cascade")
          .setContent(Content.newBuilder().setText("Your code is 482913").build())
          .setIssuedAt(Instant.now())
          .build();
      try (RecordSender producer = RecordSender.create(settings, "it");
          KafkaConsumer<byte[], byte[]> attempts = new KafkaConsumer<>(
              ClientProperties.consumer(settings, "it", "it-" + UUID.randomUUID()))) {
        attempts.subscribe(List.of(TOPICS.channelAttempts.name()));
        List<ChannelAttempt> written = new ArrayList<>();
        // given: a worker carried the command out, then stopped
        try (ChannelWorkersService first = ChannelWorkersService.start(workerSettings)) {
          producer.send(TOPICS.channelCommands(Channel.SMS), "m-9", command).get();
          await().atMost(Duration.ofSeconds(30)).until(() -> readInto(attempts, written) >= 1);
        }

        // when: a new worker (nothing in memory) gets the same command again, as after a crash
        // before the commit
        try (ChannelWorkersService second = ChannelWorkersService.start(workerSettings)) {
          producer.send(TOPICS.channelCommands(Channel.SMS), "m-9", command).get();
          await().atMost(Duration.ofSeconds(30)).until(() -> readInto(attempts, written) >= 2);
        }

        // then: its attempt is written again, the provider was called once
        assertThat(written)
            .extracting(ChannelAttempt::getAttemptId)
            .containsExactly("attempt-9", "attempt-9");
        assertThat(written)
            .extracting(ChannelAttempt::getOutcome)
            .containsExactly(AttemptResult.ACCEPTED, AttemptResult.ACCEPTED);
        assertThat(infobip.requests()).hasSize(1);
      }
    }
  }

  private static int readInto(
      KafkaConsumer<byte[], byte[]> consumer, List<ChannelAttempt> written) {
    for (var r : consumer.poll(Duration.ofMillis(200))) {
      if (r.value() != null) { // watermarks carry no attempt
        written.add(
            TOPICS.channelAttempts.valueSerde().deserializer().deserialize(r.topic(), r.value()));
      }
    }
    return written.size();
  }

  @Test
  void aRedeliveredCommandIsNotSentTwiceButItsAttemptIsWrittenAgain() throws Exception {
    try (KafkaBroker kafka = TestKafka.start();
        StubProvider infobip = new StubProvider()) {
      KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), 1, (short) 1);
      TopicAdmin.ensureTopics(settings, TOPICS);
      infobip.answer(200, """
          {"bulkId":"b","messages":[{"to":"393401230000","messageId":"attempt-7",
           "status":{"groupId":1,"groupName":"PENDING","id":26,"name":"PENDING_ACCEPTED"}}]}""");
      try (ChannelWorkersService workers = ChannelWorkersService.start(Settings.of(Map.of(
              "profile",
              "dev",
              "kafka.bootstrap.servers",
              kafka.bootstrapServers(),
              "workers.http.port",
              "0",
              "workers.channels",
              "SMS",
              "provider.infobip.base.url",
              infobip.url())));
          RecordSender producer = RecordSender.create(settings, "it");
          KafkaConsumer<byte[], byte[]> attempts = new KafkaConsumer<>(
              ClientProperties.consumer(settings, "it", "it-" + UUID.randomUUID()))) {
        ChannelCommand command = ChannelCommand.newBuilder()
            .setType(CommandType.SEND)
            .setAttemptId("attempt-7")
            .setMessageId("m-7")
            .setStep(1)
            .setChannel(Channel.SMS)
            .setTo("+393401230000")
            .setSender("Cascade")
            .setContent(Content.newBuilder().setText("Your code is 482913").build())
            .setIssuedAt(Instant.now())
            .build();

        // when: the same command twice (as after a worker crash before its commit), and a poison
        // record
        producer.send(TOPICS.channelCommands(Channel.SMS), "m-7", command).get();
        producer
            .sendBytes(new ProducerRecord<>(
                "channel.commands.sms", "m-8".getBytes(), "garbage".getBytes()))
            .get();
        producer.send(TOPICS.channelCommands(Channel.SMS), "m-7", command).get();

        // then
        attempts.subscribe(List.of(TOPICS.channelAttempts.name()));
        List<ChannelAttempt> written = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
          return readInto(attempts, written) >= 2;
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

  @Test
  void manyProviderCallsAreInFlightAtOnceAndTheBatchIsCommittedAfterItsAttempts() throws Exception {
    try (KafkaBroker kafka = TestKafka.start();
        StubProvider infobip = new StubProvider()) {
      KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), 1, (short) 1);
      TopicAdmin.ensureTopics(settings, TOPICS);
      infobip.answer(200, """
          {"bulkId":"b","messages":[{"messageId":"x","status":{"groupName":"PENDING","name":"PENDING_ACCEPTED"}}]}""").delay(Duration.ofMillis(400));
      // given: twelve commands waiting before the worker starts, so that they come in one poll
      try (RecordSender producer = RecordSender.create(settings, "it")) {
        for (int i = 0; i < 12; i++) {
          producer
              .send(TOPICS.channelCommands(Channel.SMS), "m-" + i, sms("attempt-" + i, "m-" + i))
              .get();
        }
      }

      // when
      try (ChannelWorkersService workers = ChannelWorkersService.start(Settings.of(Map.of(
              "profile",
              "dev",
              "kafka.bootstrap.servers",
              kafka.bootstrapServers(),
              "workers.http.port",
              "0",
              "workers.channels",
              "SMS",
              "provider.infobip.base.url",
              infobip.url(),
              "workers.max.in.flight",
              "4")));
          KafkaConsumer<byte[], byte[]> attempts = new KafkaConsumer<>(
              ClientProperties.consumer(settings, "it", "it-" + UUID.randomUUID()))) {
        attempts.subscribe(List.of(TOPICS.channelAttempts.name()));
        List<ChannelAttempt> written = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
          return readInto(attempts, written) >= 12;
        });

        // then: calls overlapped, never more than the bound, and the offsets followed the attempts
        assertThat(written)
            .extracting(ChannelAttempt::getOutcome)
            .containsOnly(AttemptResult.ACCEPTED);
        assertThat(infobip.mostAtOnce()).isBetween(2, 4);
        await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(() -> assertThat(committedOffsets(kafka)).containsExactly(12L));
      }
    }
  }

  @Test
  void anUnexpectedErrorStopsTheWorkerUncommittedAndHealthSaysNotReady() throws Exception {
    try (KafkaBroker kafka = TestKafka.start()) {
      KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), 1, (short) 1);
      TopicAdmin.ensureTopics(settings, TOPICS);
      try (ChannelWorkersService workers = ChannelWorkersService.start(Settings.of(Map.of(
              "profile",
              "dev",
              "kafka.bootstrap.servers",
              kafka.bootstrapServers(),
              "workers.http.port",
              "0",
              "workers.channels",
              "SMS")));
          RecordSender producer = RecordSender.create(settings, "it")) {
        await().atMost(Duration.ofSeconds(30)).until(() -> health(workers) == 200);

        // when: a provider fails in a way nobody foresaw
        ChannelCommand command = ChannelCommand.newBuilder(sms("attempt-9", "m-9"))
            .setProvider(FaultyPlugin.NAME)
            .build();
        producer.send(TOPICS.channelCommands(Channel.SMS), "m-9", command).get();

        // then
        await().atMost(Duration.ofSeconds(30)).until(() -> health(workers) == 503);
        assertThat(committedOffsets(kafka))
            .allSatisfy(offset -> assertThat(offset).isZero());
      }
    }
  }

  @Test
  void aBatchWhoseAttemptsKafkaDidNotTakeInTimeIsReadAgainWithoutASecondProviderCall()
      throws Exception {
    try (KafkaBroker kafka = TestKafka.start()) {
      KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), 1, (short) 1);
      TopicAdmin.ensureTopics(settings, TOPICS);
      try (RecordSender producer = RecordSender.create(settings, "it")) {
        producer
            .send(TOPICS.channelCommands(Channel.SMS), "m-1", sms("attempt-1", "m-1"))
            .get();
      }
      // the attempts go to a producer the test completes by hand: the first one expires, as a
      // send does while the broker is away for longer than the delivery timeout
      MockProducer<byte[], byte[]> attemptsProducer =
          new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
      ScriptedProvider provider = new ScriptedProvider(
          "infobip",
          Set.of(Channel.SMS),
          command -> CompletableFuture.completedFuture(ProviderResult.accepted(List.of("ib-1"))));
      WorkersConfig config = WorkersConfig.from(Settings.of(Map.of("workers.channels", "SMS")));
      try (ProviderRegistry registry =
          new ProviderRegistry(List.of(new ProviderPlugins.Built(provider, 1000, false)), config)) {
        CommandLoop loop = new CommandLoop(
            TOPICS.channelCommands(Channel.SMS),
            TOPICS.channelAttempts,
            new KafkaConsumer<>(ClientProperties.consumer(settings, "it-loop", "it-loop")),
            new RecordSender(attemptsProducer),
            new Dispatcher(
                registry, new WorkerMetrics(new SimpleMeterRegistry()), Clock.systemUTC()),
            new DlqMeter(new SimpleMeterRegistry()),
            new AttemptHistory(
                TOPICS.channelAttempts, Channel.SMS, () -> null, Duration.ZERO, Clock.systemUTC()),
            Clock.systemUTC());
        Thread thread = new Thread(loop, "it-loop");
        thread.start();
        try {
          // when: Kafka does not take the attempt in time
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> attemptsProducer.history().size() == 1);
          attemptsProducer.errorNext(new TimeoutException("Expiring 1 record(s): 30000 ms passed"));

          // then: the command is read again and its attempt written again, the provider not
          // called twice; the worker stays up and commits once the attempt is taken
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> attemptsProducer.history().size() == 2);
          assertThat(attemptsProducer.completeNext()).isTrue();
          assertThat(provider.sent()).hasSize(1);
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> committedOffsets(kafka, "it-loop").equals(List.of(1L)));
          assertThat(loop.failed()).isFalse();
          assertThat(loop.ready()).isTrue();
        } finally {
          loop.stop();
          thread.join(10_000);
        }
      }
    }
  }

  private static ChannelCommand sms(String attemptId, String messageId) {
    return ChannelCommand.newBuilder()
        .setType(CommandType.SEND)
        .setAttemptId(attemptId)
        .setMessageId(messageId)
        .setStep(1)
        .setChannel(Channel.SMS)
        .setTo("+393401230000")
        .setSender("Cascade")
        .setContent(Content.newBuilder().setText("Your code is 482913").build())
        .setIssuedAt(Instant.now())
        .build();
  }

  /** The SMS workers' committed offsets, one per partition that has one. */
  private static List<Long> committedOffsets(KafkaBroker kafka) throws Exception {
    return committedOffsets(kafka, ChannelWorkersService.GROUP_ID + "-sms");
  }

  private static List<Long> committedOffsets(KafkaBroker kafka, String group) throws Exception {
    try (Admin admin = Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      return admin
          .listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata()
          .get()
          .values()
          .stream()
          .filter(o -> o != null)
          .map(OffsetAndMetadata::offset)
          .toList();
    }
  }

  private static int health(ChannelWorkersService workers) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client
          .send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + workers.port() + "/health"))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    }
  }
}
