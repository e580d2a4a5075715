package dev.cascade.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cascade.platform.config.Settings;
import dev.cascade.platform.json.Json;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.EmbeddedKafka;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.RecordSender;
import dev.cascade.platform.kafka.TopicAdmin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The callbacks service in its own JVM, killed with SIGKILL while it retries callbacks its
 * receiver keeps failing, then started again: every callback arrives, in order per message, under
 * the delivery ids it had before the kill.
 */
class CallbacksCrashIT {

  private static final CascadeTopics TOPICS = new CascadeTopics();
  private static final int MESSAGES = 6;
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
  void aServiceKilledMidRetryAndRestartedLosesNoCallback() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      ids.add("crash-" + run + "-" + i);
    }
    try (CallbackReceiver receiver = new CallbackReceiver((path, number) -> true);
        RecordSender producer = RecordSender.create(kafkaSettings, "callbacks-crash-it")) {
      Process first = startCallbacks(receiver, "first");
      try {
        for (String id : ids) {
          CallbacksIT.send(
              producer, id, receiver.url("/hooks/" + id), List.of("STATUS", "OUTCOME"));
          producer
              .send(TOPICS.messageStatus, id, Events.status(id, "ACCEPTED", false))
              .get();
          producer
              .send(TOPICS.messageStatus, id, Events.status(id, "SENT", false))
              .get();
        }
        // mid-retry: every message's first callback failed at least twice
        await()
            .atMost(Duration.ofSeconds(90))
            .until(() ->
                ids.stream().allMatch(id -> receiver.calls("/hooks/" + id).size() >= 2));
      } finally {
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no commit, no clean close
        first.waitFor();
      }
      Map<String, Set<String>> idsBeforeTheKill = new java.util.HashMap<>();
      for (String id : ids) {
        idsBeforeTheKill.put(id, deliveryIds(receiver.calls("/hooks/" + id)));
      }
      // while it is down, the messages end
      for (String id : ids) {
        producer
            .send(TOPICS.messageStatus, id, Events.status(id, "DELIVERED", true))
            .get();
        producer.send(TOPICS.messageOutcomes, id, Events.outcome(id)).get();
      }
      receiver.failWhile((path, number) -> false);

      Process second = startCallbacks(receiver, "second");
      try {
        await()
            .atMost(Duration.ofSeconds(120))
            .until(() -> ids.stream()
                .allMatch(
                    id -> distinctDelivered(receiver.delivered("/hooks/" + id)).size() >= 4));
      } finally {
        second.destroy();
        second.waitFor();
      }

      long now = Instant.now().getEpochSecond();
      for (String id : ids) {
        List<CallbackReceiver.Call> delivered =
            distinctDelivered(receiver.delivered("/hooks/" + id));
        assertThat(delivered)
            .as(id)
            .extracting(call -> call.event() + " "
                + Json.mapper().readTree(call.body()).path("status").asText())
            .containsExactly(
                "STATUS ACCEPTED", "STATUS SENT", "STATUS DELIVERED", "OUTCOME DELIVERED");
        // the callback being retried when the process died kept its delivery id
        assertThat(idsBeforeTheKill.get(id))
            .containsExactly(delivered.getFirst().deliveryId());
        for (CallbackReceiver.Call call : receiver.calls("/hooks/" + id)) {
          assertThat(
                  CallbackVerifier.verify(CallbacksIT.SECRET, call.signature(), call.body(), now))
              .isTrue();
        }
      }
    }
  }

  /** Each delivered callback once, in the order first delivered (a repeat is at least once). */
  private static List<CallbackReceiver.Call> distinctDelivered(List<CallbackReceiver.Call> calls) {
    Set<String> seen = new LinkedHashSet<>();
    return calls.stream().filter(call -> seen.add(call.deliveryId())).toList();
  }

  private static Set<String> deliveryIds(List<CallbackReceiver.Call> calls) {
    Set<String> ids = new LinkedHashSet<>();
    calls.forEach(call -> ids.add(call.deliveryId()));
    return ids;
  }

  /** {@link CallbacksApp} in a JVM of its own, on this test's class path, logging to target/. */
  private static Process startCallbacks(CallbackReceiver receiver, String name) throws IOException {
    Path log = Path.of("target", "callbacks-crash-it-" + name + ".log");
    ProcessBuilder builder = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            CallbacksApp.class.getName())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.startsWith("CASCADE_"));
    Map<String, String> settings = Map.of(
        "kafka.bootstrap.servers", kafka.bootstrapServers(),
        "kafka.partitions", "2",
        "callbacks.http.port", "0",
        // a fresh state directory each time: what survives is what the changelog holds
        "callbacks.state.dir",
            Files.createTempDirectory("callbacks-crash-" + name).toString(),
        "callbacks.application.id", "callbacks-crash-it",
        "callbacks.allow.private", "true",
        "callbacks.secrets", "ops=" + CallbacksIT.SECRET,
        "callbacks.retry.initial", "200ms",
        "callbacks.retry.max.interval", "500ms");
    settings.forEach((key, value) -> env.put(Settings.environmentName(key), value));
    return builder.start();
  }
}
