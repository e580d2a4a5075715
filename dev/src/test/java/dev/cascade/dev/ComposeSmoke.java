package dev.cascade.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.platform.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The shipped docker-compose.yml started by Testcontainers' {@link ComposeContainer} (the images
 * built from the Dockerfile), and the seed 001 message sent to it as a user would.
 */
final class ComposeSmoke {

  /** Kafka and the pipeline; Prometheus and Grafana are left out of the smoke test. */
  static final List<String> PIPELINE = List.of(
      "kafka", "provider-sim", "dlr-ingest", "channel-workers", "fallback-timer", "send-intake");

  private ComposeSmoke() {}

  /** The compose stack of {@code services}, send-intake's port exposed once it is healthy. */
  static ComposeContainer compose(List<String> services) {
    return new ComposeContainer(DeployFiles.root().resolve("docker-compose.yml").toFile())
        .withBuild(true)
        .withServices(services.toArray(String[]::new))
        .withExposedService(
            "send-intake",
            8080,
            Wait.forHttp("/health").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(15)));
  }

  /** Sends seed 001 and waits for its state to end DELIVERED on SMS after two fallbacks. */
  static void sendsSeed001AndItEndsDeliveredOnSms(ComposeContainer compose, String messageId)
      throws Exception {
    String intake = "http://" + compose.getServiceHost("send-intake", 8080) + ":"
        + compose.getServicePort("send-intake", 8080);
    HttpClient http = HttpClient.newHttpClient();
    String body = """
        {"messageId": "%s", "to": "+393401231100",
         "steps": [
           {"channel": "WHATSAPP", "sender": "106540352242922",
            "content": {"template": {"name": "txn_alert", "language": "it",
                                     "parameters": {"nome": "Giulia", "importo": "1.250,00"}}},
            "fallback": {"on": ["SEND_FAILED", "UNDELIVERED"], "afterSeconds": 60}},
           {"channel": "RCS", "sender": "banca-agent",
            "content": {"richCard": {"title": "Suspicious transaction", "description": "EUR 1.250,00 on 09/04"}},
            "fallback": {"on": ["SEND_FAILED", "UNDELIVERED"], "afterSeconds": 300}},
           {"channel": "SMS", "sender": "BancaAdri", "content": {"smsConversion": "AUTO"}}]}
        """.formatted(messageId);
    HttpResponse<String> accepted = http.send(
        HttpRequest.newBuilder(URI.create(intake + "/v1/messages"))
            .header("Content-Type", "application/json")
            .header("X-Api-Key", "dev-key")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

    HttpRequest status = HttpRequest.newBuilder(URI.create(intake + "/v1/messages/" + messageId))
        .header("X-Api-Key", "dev-key")
        .build();
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      JsonNode state = Json.mapper()
          .readTree(http.send(status, HttpResponse.BodyHandlers.ofString()).body());
      assertThat(state.path("status").asText()).isEqualTo("DELIVERED");
      assertThat(state.path("channel").asText()).isEqualTo("SMS");
      assertThat(state.path("fallbackCount").asInt()).isEqualTo(2);
    });
  }
}
