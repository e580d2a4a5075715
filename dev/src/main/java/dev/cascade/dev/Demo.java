package dev.cascade.dev;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.platform.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/cascade demo [--load N [--for SECONDS]] [intake URL]}: sends the seed scenarios to a
 * running stack and prints their outcomes; with {@code --load}, keeps sending them at a steady N
 * messages a second instead (until Ctrl-C, or for the given seconds).
 */
public final class Demo {

  private static final Duration PATIENCE = Duration.ofSeconds(150);

  private final HttpClient http = HttpClient.newHttpClient();
  private final String intakeUrl;
  private final String apiKey;

  private Demo(String intakeUrl, String apiKey) {
    this.intakeUrl = intakeUrl;
    this.apiKey = apiKey;
  }

  public static void main(String[] args) throws Exception {
    String url = "http://localhost:8080";
    Integer load = null;
    Duration duration = null;
    String apiKey = System.getenv().getOrDefault("CASCADE_DEMO_API_KEY", "dev-key");
    DemoLoad steady;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--load" -> load = Integer.valueOf(value(args, ++i, "--load"));
          case "--for" -> duration = Duration.ofSeconds(Long.parseLong(value(args, ++i, "--for")));
          default -> url = args[i];
        }
      }
      steady = load == null ? null : new DemoLoad(HttpClient.newHttpClient(), url, apiKey, load);
    } catch (IllegalArgumentException e) {
      System.err.println("demo: " + e.getMessage());
      System.err.println("usage: bin/cascade demo [--load N [--for SECONDS]] [intake URL]");
      System.exit(2);
      return;
    }
    if (steady == null) {
      new Demo(url, apiKey).run();
      return;
    }
    Instant started = Instant.now();
    System.out.printf(
        "Sending %d messages a second to %s (the seed scenarios in turn)%s.%n",
        load, url, duration == null ? " until Ctrl-C" : " for " + duration.toSeconds() + " s");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> System.out.println(steady.summary(started)), "demo-load-summary"));
    steady.run(duration, Duration.ofSeconds(10));
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private void run() throws Exception {
    String runId = Long.toString(Instant.now().getEpochSecond(), 36);
    Map<DemoScenarios.Scenario, String> sent = new LinkedHashMap<>();
    for (DemoScenarios.Scenario scenario : DemoScenarios.all(runId)) {
      HttpResponse<String> response =
          send(HttpRequest.newBuilder(URI.create(intakeUrl + "/v1/messages"))
              .header("Content-Type", "application/json")
              .header("X-Api-Key", apiKey)
              .POST(HttpRequest.BodyPublishers.ofString(scenario.body()))
              .build());
      if (response.statusCode() != 202) {
        System.out.printf(
            "%-56s refused: %d %s%n", scenario.name(), response.statusCode(), response.body());
        continue;
      }
      sent.put(
          scenario, Json.mapper().readTree(response.body()).get("messageId").asText());
    }
    System.out.printf(
        "Sent %d scenarios; waiting for their outcomes (seed 004 takes about 80 s)...%n",
        sent.size());
    List<String> rows = new ArrayList<>();
    for (var entry : sent.entrySet()) {
      rows.add(
          row(entry.getKey(), awaitEnd(entry.getValue(), entry.getKey().expectsLateDelivery())));
    }
    System.out.printf(
        "%n%-56s %-10s %-9s %-7s %s%n", "scenario", "status", "channel", "double", "attempts");
    rows.forEach(System.out::println);
  }

  private JsonNode awaitEnd(String messageId, boolean lateDelivery) throws Exception {
    Instant deadline = Instant.now().plus(PATIENCE);
    JsonNode state = null;
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<String> response =
          send(HttpRequest.newBuilder(URI.create(intakeUrl + "/v1/messages/" + messageId))
              .header("X-Api-Key", apiKey)
              .GET()
              .build());
      if (response.statusCode() == 200) {
        state = Json.mapper().readTree(response.body());
        boolean ended = state.path("terminal").asBoolean();
        if (ended && (!lateDelivery || state.path("doubleDelivered").asBoolean())) {
          return state;
        }
      }
      Thread.sleep(500);
    }
    return state;
  }

  private static String row(DemoScenarios.Scenario scenario, JsonNode state) {
    if (state == null) {
      return String.format("%-56s %s", scenario.name(), "no state (is the stack running?)");
    }
    List<String> attempts = new ArrayList<>();
    for (JsonNode attempt : state.path("attempts")) {
      String reason = attempt.path("reason").isMissingNode()
          ? ""
          : "/" + attempt.path("reason").asText();
      attempts.add(attempt.path("channel").asText() + ":"
          + attempt.path("deliveryStatus").asText() + reason
          + (attempt.path("billed").asBoolean() ? " $" + attempt.path("cost").asText() : ""));
    }
    return String.format(
        "%-56s %-10s %-9s %-7s %s",
        scenario.name(),
        state.path("status").asText(),
        state.path("channel").asText(),
        state.path("doubleDelivered").asBoolean(),
        String.join("  ", attempts));
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
