package dev.cascade.providersim.infobip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.cascade.platform.config.Settings;
import dev.cascade.platform.json.Json;
import dev.cascade.providersim.core.Flakiness;
import dev.cascade.providersim.core.Reporter;
import dev.cascade.providersim.core.SimConfig;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated Infobip RCS API, scripted by the destination's RCS digit (SPEC section 9). */
class InfobipRcsApiTest {

  private final HttpClient client = HttpClient.newHttpClient();
  private final List<JsonNode> webhooks = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private HttpServer dlrIngest;
  private Reporter reporter;
  private Javalin sim;

  @BeforeEach
  void start() throws IOException {
    dlrIngest = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    dlrIngest.createContext("/webhooks/infobip", exchange -> {
      webhooks.add(Json.mapper().readTree(exchange.getRequestBody().readAllBytes()));
      authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    dlrIngest.start();
    reporter = new Reporter(SimConfig.from(Settings.of(Map.of(
        "sim.webhook.base.url",
        "http://localhost:" + dlrIngest.getAddress().getPort(),
        "sim.report.delay.ms",
        "20"))));
    sim = Javalin.create(javalin -> {
      javalin.showJavalinBanner = false;
      javalin.jsonMapper(new JavalinJackson(Json.mapper(), false));
    });
    new InfobipApi(reporter, new Flakiness(), "dev-secret").register(sim);
    sim.start(0);
  }

  @AfterEach
  void stop() {
    sim.stop();
    reporter.close();
    dlrIngest.stop(0);
  }

  @Test
  void theCapabilityCheckAnswersUnreachableForDigitSixAndEnabledOtherwise() throws Exception {
    JsonNode answer = post("/rcs/2/capability-check/query", """
        {"sender": "banca-agent", "phoneNumbers": ["393401230600", "393401230000"]}
        """).body();

    assertThat(answer.at("/capabilityCheckResults/0/phoneNumber").asText())
        .isEqualTo("393401230600");
    assertThat(answer.at("/capabilityCheckResults/0/code").asText()).isEqualTo("UNREACHABLE");
    assertThat(answer.at("/capabilityCheckResults/1/code").asText()).isEqualTo("ENABLED");
  }

  @Test
  void aTemplateIsAcceptedThenReportedDeliveredAndSeenInInfobipsFormat() throws Exception {
    Answer answer = post("/rcs/2/messages", message("393401230000", """
        {"type": "PROVIDER_TEMPLATE", "templateId": "txn_alert_rcs",
         "parameters": [{"name": "nome", "value": "Giulia"}]}"""));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().at("/messages/0/messageId").asText()).isEqualTo("attempt-1");
    assertThat(answer.body().at("/messages/0/status/groupName").asText()).isEqualTo("PENDING");
    await().atMost(Duration.ofSeconds(5)).until(() -> webhooks.size() == 2);
    // the two reports are posted concurrently: find each by its content, not by arrival order
    JsonNode delivered = webhooks.stream()
        .map(webhook -> webhook.at("/results/0"))
        .filter(result -> !result.hasNonNull("seenAt"))
        .findFirst()
        .orElseThrow();
    assertThat(delivered.get("messageId").asText()).isEqualTo("attempt-1");
    assertThat(delivered.at("/status/groupName").asText()).isEqualTo("DELIVERED");
    assertThat(delivered.get("sender").asText()).isEqualTo("banca-agent");
    JsonNode seen = webhooks.stream()
        .map(webhook -> webhook.at("/results/0"))
        .filter(result -> result.hasNonNull("seenAt"))
        .findFirst()
        .orElseThrow();
    assertThat(seen.get("messageId").asText()).isEqualTo("attempt-1");
    assertThat(seen.hasNonNull("seenAt")).isTrue();
    assertThat(authorizations).allSatisfy(value -> assertThat(value).startsWith("Basic "));
  }

  @Test
  void digitOneIsRejectedInTheAnswerAndNeverReported() throws Exception {
    Answer answer =
        post("/rcs/2/messages", message("393401230100", "{\"type\": \"TEXT\", \"text\": \"Hi\"}"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().at("/messages/0/status/groupName").asText()).isEqualTo("REJECTED");
    assertThat(answer.body().at("/messages/0/status/name").asText())
        .isEqualTo("REJECTED_ROUTE_NOT_AVAILABLE");
    // reports go out 20 ms after acceptance here: none arrives in 300 ms
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(webhooks::isEmpty);
  }

  @Test
  void aTemplateWithoutItsIdIsABadRequest() throws Exception {
    Answer answer =
        post("/rcs/2/messages", message("393401230000", "{\"type\": \"PROVIDER_TEMPLATE\"}"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().at("/requestError/serviceException/messageId").asText())
        .isEqualTo("BAD_REQUEST");
  }

  private static String message(String to, String content) {
    return """
        {"messages": [{"sender": "banca-agent",
                       "destinations": [{"to": "%s", "messageId": "attempt-1"}],
                       "content": %s}]}
        """.formatted(to, content);
  }

  private record Answer(int status, JsonNode body) {}

  private Answer post(String path, String body) throws Exception {
    HttpResponse<String> response = client.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + sim.port() + path))
            .header("Authorization", "App dev-key")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), Json.mapper().readTree(response.body()));
  }
}
