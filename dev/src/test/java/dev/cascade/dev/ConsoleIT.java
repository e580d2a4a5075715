package dev.cascade.dev;

import static dev.cascade.dev.StackClient.assertAccepted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.platform.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The message timeline, the recent-activity counts and the operator console, on the whole stack
 * over the embedded broker; the console itself in a real headless Chromium.
 */
class ConsoleIT {

  private static final String SEED_001 = "seed001-console";
  private static CascadeStack stack;
  private static StackClient client;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startStackAndPlaySeed001() {
    stack = CascadeStack.start(TestStackSettings.with(), 0, () -> {});
    client = new StackClient(stack);
    // ...1100 = WhatsApp rejects (131026), RCS rejects (AGENT_NOT_REACHABLE), SMS delivers
    assertAccepted(client.post("""
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
        """.formatted(SEED_001)));
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      StackClient.Response status = client.get(SEED_001);
      assertThat(status.status()).isEqualTo(200);
      assertThat(status.body().get("status").asText()).isEqualTo("DELIVERED");
    });
  }

  @AfterAll
  static void stopStack() {
    if (client != null) {
      client.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void seed001TimelineListsEveryStepFromAcceptanceToTheSmsOutcomeInOrder() throws Exception {
    // when
    HttpResponse<String> response = get("/v1/messages/" + SEED_001 + "/events", "dev-key");

    // then
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = Json.mapper().readTree(response.body());
    assertThat(body.get("messageId").asText()).isEqualTo(SEED_001);
    List<JsonNode> events = new ArrayList<>();
    body.get("events").forEach(events::add);
    assertThat(events)
        .extracting(e -> e.get("type").asText())
        .startsWith("ACCEPTED")
        .containsSubsequence(
            "COMMAND", "ATTEMPT", "COMMAND", "ATTEMPT", "COMMAND", "ATTEMPT", "REPORT", "OUTCOME");
    assertThat(events)
        .filteredOn(e -> e.get("type").asText().equals("ATTEMPT"))
        .extracting(
            e -> e.get("step").asInt(),
            e -> e.get("channel").asText(),
            e -> e.get("status").asText(),
            e -> e.path("code").asText(null))
        .containsExactly(
            tuple(0, "WHATSAPP", "REJECTED", "131026"),
            tuple(1, "RCS", "REJECTED", "AGENT_NOT_REACHABLE"),
            tuple(2, "SMS", "ACCEPTED", null));
    assertThat(events)
        .filteredOn(e -> e.get("type").asText().equals("REPORT"))
        .extracting(e -> e.get("channel").asText(), e -> e.get("status").asText())
        .contains(tuple("SMS", "DELIVERED"));
    JsonNode outcome = events.stream()
        .filter(e -> e.get("type").asText().equals("OUTCOME"))
        .findFirst()
        .orElseThrow();
    assertThat(outcome.get("status").asText()).isEqualTo("DELIVERED");
    assertThat(outcome.get("channel").asText()).isEqualTo("SMS");
    List<Instant> times =
        events.stream().map(e -> Instant.parse(e.get("at").asText())).toList();
    assertThat(times).isSorted();
  }

  @Test
  void anUnknownMessageIsA404ProblemAndAMissingKeyA401() throws Exception {
    HttpResponse<String> unknown = get("/v1/messages/no-such-message/events", "dev-key");
    assertProblem(unknown, 404);
    assertThat(Json.mapper().readTree(unknown.body()).get("detail").asText())
        .isEqualTo("no message no-such-message");

    assertProblem(get("/v1/messages/" + SEED_001 + "/events", "wrong-key"), 401);
    assertProblem(get("/v1/activity", "wrong-key"), 401);
  }

  @Test
  void recentActivityCountsSeed001sTwoSendFailuresAndItsSmsDelivery() {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      HttpResponse<String> response = get("/v1/activity", "dev-key");
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode body = Json.mapper().readTree(response.body());
      assertThat(body.get("windowSeconds").asLong()).isEqualTo(900);
      assertThat(body.at("/fallbacks/byReason/SEND_FAILED").asLong()).isEqualTo(2);
      assertThat(body.at("/outcomes/byChannel/SMS/DELIVERED").asLong()).isEqualTo(1);
    });
  }

  @Test
  void theConsoleIsServedFromTheJarWithAStrictContentSecurityPolicy() throws Exception {
    HttpResponse<String> page = get("/console", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp)
            .contains("script-src 'self'")
            .contains("style-src 'self'")
            .doesNotContain("unsafe-inline"));
    assertThat(page.body())
        .contains("<script src=\"/console/console.js\" defer></script>")
        .doesNotContain("onclick", "style=\"", "<script>");
    assertThat(get("/console/console.js", null).statusCode()).isEqualTo(200);
    assertThat(get("/console/console.css", null).statusCode()).isEqualTo(200);
    assertProblem(get("/console/secrets.txt", null), 404);
  }

  @Test
  void theConsoleInHeadlessChromiumShowsSeed001sThreeAttemptsAndTheSmsDelivery() throws Exception {
    Path binary = HeadlessChromium.find();
    if (binary == null) {
      System.err.println("ConsoleIT browser test skipped: no chromium on PATH and no CHROME_BIN");
    }
    assumeTrue(
        binary != null,
        "no Chromium (chromium or chromium-browser on PATH, or CHROME_BIN; Debian package"
            + " chromium, which .ci/run installs): the console's browser test is skipped");
    // the counts the console's panel shows are in (they come from Kafka, a moment after the end)
    recentActivityCountsSeed001sTwoSendFailuresAndItsSmsDelivery();

    try (HeadlessChromium browser = HeadlessChromium.open(binary, intake("/console"))) {
      // given: the console asks for the key, once
      awaitTrue(browser, "document.getElementById('key-panel').hidden === false");
      browser.evaluate("document.getElementById('api-key').value = 'dev-key';"
          + " document.getElementById('key-form').requestSubmit(); true");
      awaitTrue(browser, "document.getElementById('main-panel').hidden === false");

      // when: seed 001's message is looked up
      browser.evaluate("document.getElementById('message-id').value = '" + SEED_001 + "';"
          + " document.getElementById('lookup-form').requestSubmit(); true");

      // then: one lane per step, the three attempts and the SMS delivery on the time line
      AtomicReference<JsonNode> cards = new AtomicReference<>();
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        cards.set(browser.evaluate("""
            JSON.stringify([...document.querySelectorAll('#timeline .event')].map(e => ({
              type: e.dataset.type, lane: e.dataset.lane, channel: e.dataset.channel || null,
              status: e.dataset.status || null, text: e.textContent})))"""));
        assertThat(parse(cards.get()))
            .filteredOn(c -> c.get("type").asText().equals("ATTEMPT"))
            .hasSize(3);
      });
      List<JsonNode> shown = parse(cards.get());
      assertThat(shown)
          .filteredOn(c -> c.get("type").asText().equals("ATTEMPT"))
          .extracting(c -> c.get("lane").asText(), c -> c.get("status").asText())
          .containsExactly(
              tuple("step 1 · WHATSAPP", "REJECTED"),
              tuple("step 2 · RCS", "REJECTED"),
              tuple("step 3 · SMS", "ACCEPTED"));
      assertThat(shown)
          .filteredOn(c -> c.get("type").asText().equals("ATTEMPT"))
          .extracting(c -> c.get("text").asText())
          .satisfiesExactly(
              text -> assertThat(text).contains("code 131026"),
              text -> assertThat(text).contains("code AGENT_NOT_REACHABLE"),
              text -> assertThat(text).contains("ACCEPTED"));
      assertThat(shown)
          .filteredOn(c -> c.get("type").asText().equals("REPORT"))
          .extracting(c -> c.get("lane").asText(), c -> c.get("status").asText())
          .contains(tuple("step 3 · SMS", "DELIVERED"));
      assertThat(
              browser.evaluate("document.getElementById('summary').textContent").asText())
          .contains("DELIVERED", "channel SMS", "2 fallback(s)");
      assertThat(browser
              .evaluate("[...document.querySelectorAll('#timeline .lane-head')]"
                  + ".map(h => h.textContent).join('|')")
              .asText())
          .isEqualTo("time|message|step 1 · WHATSAPP|step 2 · RCS|step 3 · SMS");

      // and the last minutes' panel shows the two send failures and the SMS delivery
      awaitTrue(
          browser,
          "document.querySelector('#fallbacks tbody').textContent.includes('SEND_FAILED2')"
              + " && document.querySelector('#outcomes tbody').textContent"
              + ".includes('SMSDELIVERED1')");
      browser.screenshot(Path.of("target", "console-seed001.png"));
      assertThat(Files.size(Path.of("target", "console-seed001.png"))).isPositive();

      // a reload in the same tab does not ask for the key again
      browser.evaluate("location.reload(); true");
      awaitTrue(
          browser,
          "document.readyState === 'complete'"
              + " && document.getElementById('key-panel').hidden === true"
              + " && document.getElementById('main-panel').hidden === false");
      // no Content-Security-Policy violation, no script error
      assertThat(browser.log())
          .extracting(JsonNode::toString)
          .noneMatch(entry -> entry.contains("Content Security Policy"))
          .noneMatch(entry -> entry.contains("exceptionDetails"));
    }
  }

  private static void awaitTrue(HeadlessChromium browser, String condition) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> browser.evaluate(condition).asBoolean());
  }

  private static List<JsonNode> parse(JsonNode json) throws Exception {
    List<JsonNode> list = new ArrayList<>();
    Json.mapper().readTree(json.asText()).forEach(list::add);
    return list;
  }

  private HttpResponse<String> get(String path, String key) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(intake(path))).GET();
    if (key != null) {
      request.header("X-Api-Key", key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String intake(String path) {
    return "http://localhost:" + stack.intakePort() + path;
  }

  private static void assertProblem(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(Json.mapper().readTree(response.body()).get("status").asInt()).isEqualTo(status);
  }
}
