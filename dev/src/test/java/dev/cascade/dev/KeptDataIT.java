package dev.cascade.dev;

import static dev.cascade.dev.StackClient.assertAccepted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.FinalStatus;
import dev.cascade.schemas.MessageOutcome;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/cascade dev} keeps its data: a message accepted before the stack stops gets its
 * outcome after it starts again on the same data directory (the broker's log and fallback-timer's
 * timers kept).
 */
class KeptDataIT {

  private static final CascadeTopics TOPICS = new CascadeTopics();

  @TempDir
  Path data;

  @Test
  void aMessageAcceptedBeforeAStopEndsAfterTheRestart() throws Exception {
    // given: ...3000 = WhatsApp accepts and never reports, RCS delivers (SPEC section 9); the
    // WhatsApp step falls back after 8 s, so its timer is pending when the stack stops
    int kafkaPort = freePort();
    int controllerPort = freePort();
    String body = """
        {"messageId": "kept-1", "to": "+393401233000",
         "steps": [
           {"channel": "WHATSAPP", "sender": "106540352242922",
            "content": {"template": {"name": "txn_alert", "language": "it"}},
            "fallback": {"on": ["UNDELIVERED"], "afterSeconds": 8}},
           {"channel": "RCS", "sender": "banca-agent", "content": {"text": "hello"}}]}
        """;
    try (CascadeStack stack = start(kafkaPort, controllerPort);
        StackClient client = new StackClient(stack)) {
      assertAccepted(client.post(body));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() ->
              assertThat(client.get("kept-1").body().path("status").asText()).isEqualTo("SENT"));
    }

    // when: started again on the same directory and ports
    try (CascadeStack stack = start(kafkaPort, controllerPort);
        StackClient client = new StackClient(stack)) {
      StackClient.TopicReader<MessageOutcome> outcomes = client.reader(TOPICS.messageOutcomes);

      // then: the timer fired after the restart, and the one outcome says so
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> !outcomes.valuesFor("kept-1").isEmpty());
      Thread.sleep(1000); // a second outcome, were there one, would show up now
      List<MessageOutcome> ended = outcomes.valuesFor("kept-1");
      assertThat(ended).hasSize(1);
      assertThat(ended.getFirst().getStatus()).isEqualTo(FinalStatus.DELIVERED);
      assertThat(ended.getFirst().getChannel()).isEqualTo(Channel.RCS);
      assertThat(ended.getFirst().getFallbackCount()).isEqualTo(1);
      // and the request itself is still known: the same POST is answered as a repeat, not resent
      assertAccepted(client.post(body));
      assertThat(client.get("kept-1").body().path("channel").asText()).isEqualTo("RCS");
    }
  }

  private CascadeStack start(int kafkaPort, int controllerPort) {
    return CascadeStack.startKept(
        TestStackSettings.with(), data, kafkaPort, controllerPort, () -> {});
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
