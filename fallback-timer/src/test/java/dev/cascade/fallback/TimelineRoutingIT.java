package dev.cascade.fallback;

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
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.Step;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two fallback-timer instances sharing the work on a real broker: a message's timeline is
 * answered by either, the instance that does not own the message forwarding to the one that
 * does (interactive queries), exactly as the message's state is.
 */
class TimelineRoutingIT {

  private static final CascadeTopics TOPICS = new CascadeTopics();
  private static final int MESSAGES = 20;
  private static EmbeddedKafka kafka;
  private static KafkaSettings kafkaSettings;
  private final HttpClient http = HttpClient.newHttpClient();

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
  void eitherInstanceAnswersEveryTimelineForwardingToTheOwner() throws Exception {
    try (FallbackTimerService first = FallbackTimerService.start(settings(), () -> {});
        FallbackTimerService second = FallbackTimerService.start(settings(), () -> {});
        RecordSender producer = RecordSender.create(kafkaSettings, "timeline-routing-it")) {
      // given: messages spread over both instances' partitions
      List<String> ids = send(producer, "routed-");

      // then: each id is owned by exactly one instance, which answers without forwarding...
      List<String> ownedBySecond = ownedBy(second, first, ids);
      assertThat(ownedBySecond).isNotEmpty().hasSizeLessThan(MESSAGES);

      // ...and the other instance forwards: the first answers every timeline, the second's too
      for (String id : ids) {
        HttpResponse<String> answer = events(first, id, false);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode timeline = Json.mapper().readTree(answer.body());
        assertThat(timeline.get("messageId").asText()).isEqualTo(id);
        assertThat(timeline.get("events").get(0).get("type").asText()).isEqualTo("ACCEPTED");
        assertThat(timeline.get("events").get(1).get("type").asText()).isEqualTo("COMMAND");
        assertThat(timeline.get("events").get(1).get("channel").asText()).isEqualTo("SMS");
      }
      HttpResponse<String> unknown = events(first, "never-sent", false);
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(unknown.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }
  }

  @Test
  void anOwnerThatDoesNotAnswerIsA503ToComeBackToNotAnError() throws Exception {
    // given: the second instance advertises an address nobody answers on, as a crashed one would
    // until the group drops it
    String app = "timeline-routing-503-it";
    try (FallbackTimerService first =
            FallbackTimerService.start(settings("timer.application.id", app), () -> {});
        FallbackTimerService unreachable = FallbackTimerService.start(
            settings("timer.application.id", app, "timer.advertised.host", "crashed-owner.invalid"),
            () -> {});
        RecordSender producer = RecordSender.create(kafkaSettings, "timeline-routing-it-503")) {
      List<String> ownedByUnreachable = ownedBy(unreachable, first, send(producer, "unanswered-"));
      assertThat(ownedByUnreachable).isNotEmpty();

      // when: the first is asked for a message the unreachable one owns
      HttpResponse<String> answer = events(first, ownedByUnreachable.getFirst(), false);

      // then
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
      assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(answer.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
      assertThat(answer.body()).contains("does not answer");
    }
  }

  private static List<String> send(RecordSender producer, String prefix) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      String id = prefix + i;
      ids.add(id);
      producer.send(TOPICS.sendRequests, id, request(id)).get();
    }
    return ids;
  }

  /**
   * The ids {@code one} owns, once each id is owned by exactly one of the two: answered by it
   * without forwarding, a 503 from the other.
   */
  private List<String> ownedBy(
      FallbackTimerService one, FallbackTimerService other, List<String> ids) {
    List<String> owned = new ArrayList<>();
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      owned.clear();
      for (String id : ids) {
        int fromOne = events(one, id, true).statusCode();
        int fromOther = events(other, id, true).statusCode();
        assertThat(List.of(fromOne, fromOther)).as(id).containsExactlyInAnyOrder(200, 503);
        if (fromOne == 200) {
          owned.add(id);
        }
      }
    });
    return owned;
  }

  private HttpResponse<String> events(FallbackTimerService service, String id, boolean noForward)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
            "http://localhost:" + service.port() + "/internal/messages/" + id + "/events"))
        .GET();
    if (noForward) {
      request.header("X-Cascade-Forwarded", "1"); // as a forwarded call: the owner or a 503
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Settings settings(String... more) throws Exception {
    Map<String, String> settings = new java.util.HashMap<>(Map.of(
        "kafka.bootstrap.servers", kafka.bootstrapServers(),
        "timer.http.port", "0",
        "timer.application.id", "timeline-routing-it",
        "timer.state.dir", Files.createTempDirectory("timeline-routing-it").toString(),
        "kafka.replication.factor", "1"));
    for (int i = 0; i < more.length; i += 2) {
      settings.put(more[i], more[i + 1]);
    }
    return Settings.of(settings);
  }

  private static SendRequest request(String messageId) {
    Step sms = Step.newBuilder()
        .setChannel(Channel.SMS)
        .setSender("Cascade")
        .setContent(Content.newBuilder().setText("code 1").build())
        .build();
    return SendRequest.newBuilder()
        .setMessageId(messageId)
        .setTo("+393401230000")
        .setSteps(List.of(sms))
        .build();
  }
}
