package dev.cascade.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cascade.platform.kafka.NeedsKafka;
import dev.cascade.platform.kafka.TestKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped operator files against a real Prometheus: promtool accepts deploy/prometheus.yml,
 * deploy/prometheus-dev.yml and deploy/alerts.yml; a Prometheus on loopback scrapes the all-in-one
 * (as SeedScenariosIT starts it) under a short steady load, loads the alert rules, and every
 * PromQL expression of every dashboard panel and every alert rule returns at least one series.
 * Skipped, saying so, where the prometheus and promtool binaries are missing (.ci/run installs
 * Debian's prometheus package, which has both).
 */
@NeedsKafka
class PrometheusDashboardsIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  /** The shipped dev config's targets: the all-in-one's fixed ports (CascadeDev). */
  private static final Map<String, String> DEV_TARGETS = Map.of(
      "send-intake", "localhost:8080",
      "dlr-ingest", "localhost:8081",
      "fallback-timer", "localhost:8082",
      "channel-workers", "localhost:8083",
      "callbacks", "localhost:8084");

  private static Path promtool;
  private static CascadeStack stack;
  private static StackClient client;
  private static PrometheusServer prometheus;

  @BeforeAll
  static void startStackAndPrometheus() throws Exception {
    Path binary = PrometheusServer.onPath("prometheus");
    promtool = PrometheusServer.onPath("promtool");
    if (binary == null || promtool == null) {
      System.err.println("PrometheusDashboardsIT skipped: prometheus/promtool not on PATH");
    }
    assumeTrue(
        binary != null && promtool != null,
        "prometheus and promtool are not on PATH (Debian package prometheus; .ci/run installs"
            + " it): the Prometheus checks of the dashboards and alert rules are skipped");

    stack = CascadeStack.start(
        TestStackSettings.with("sim.late.delay.s", "3"), TestKafka::start, () -> {});
    client = new StackClient(stack);
    prometheus = PrometheusServer.start(binary, scrapeConfig(), freePort());
    await("Prometheus ready, log:\n" + prometheus.log())
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(prometheus::ready);

    // a short load: every seed scenario in turn, 4 a second for 6 s (seed 000's 5 s validity and
    // the RCS capability cache among them), and one WhatsApp step delivered after its 1 s
    // fallback fired: a timer firing and a late delivery within seconds
    StackClient.assertAccepted(client.post("""
        {"messageId": "late-1", "to": "+393401235000",
         "steps": [
           {"channel": "WHATSAPP", "sender": "106540352242922", "content": {"text": "Code 4821"},
            "fallback": {"on": ["UNDELIVERED"], "afterSeconds": 1}},
           {"channel": "SMS", "sender": "Cascade", "content": {"text": "Code 4821"}}]}
        """));
    DemoLoad load = new DemoLoad(
        HttpClient.newHttpClient(), "http://localhost:" + stack.intakePort(), "dev-key", 4);
    load.run(Duration.ofSeconds(6), null);
    assertThat(load.answers()).containsOnlyKeys(202);

    // then Prometheus has scraped what the load did, Kafka lag included
    await("the load seen through Prometheus")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> {
          assertThat(prometheus.value("count(up == 1)")).isEqualTo(5);
          assertThat(prometheus.value("sum(cascade_messages_accepted_total)")).isGreaterThan(20);
          assertThat(prometheus.value("sum(cascade_messages_completed_total)")).isGreaterThan(15);
          assertThat(prometheus.value("sum(cascade_fallbacks_total{reason=\"DELIVERY_TIMEOUT\"})"))
              .isGreaterThanOrEqualTo(1);
          assertThat(prometheus.value("sum(cascade_late_delivery_total)"))
              .isGreaterThanOrEqualTo(1);
          assertThat(prometheus.value("sum(cascade_timer_fire_lag_seconds_count)"))
              .isGreaterThanOrEqualTo(1);
          assertThat(prometheus.value(
                  "count(count by (service) (kafka_consumer_fetch_manager_records_lag))"))
              .as("consumer lag of channel-workers, fallback-timer and callbacks")
              .isEqualTo(3);
        });
  }

  @AfterAll
  static void stop() throws IOException {
    if (prometheus != null) {
      prometheus.close();
    }
    if (client != null) {
      client.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void promtoolAcceptsTheShippedConfigsAndRules() throws Exception {
    Path deploy = DeployFiles.root().resolve("deploy");
    for (List<String> check : List.of(
        List.of("check", "config", deploy.resolve("prometheus.yml").toString()),
        List.of("check", "config", deploy.resolve("prometheus-dev.yml").toString()),
        List.of("check", "rules", deploy.resolve("alerts.yml").toString()))) {
      List<String> command = new ArrayList<>(List.of(promtool.toString()));
      command.addAll(check);
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.exitValue()).as("promtool %s:%n%s", check, output).isZero();
    }
  }

  @Test
  void everyDashboardPanelQueryReturnsSeries() {
    List<DeployFiles.Query> queries = DeployFiles.dashboardQueries();
    assertThat(queries).hasSizeGreaterThanOrEqualTo(40);
    assertThat(queries)
        .as("no Grafana variable left unfilled")
        .allSatisfy(query -> assertThat(query.expr()).doesNotContain("$"));

    // rates need two scrapes inside their window: give the newest series a few seconds
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(() -> assertThat(withoutSeries(queries))
            .as("dashboard queries with no series")
            .isEmpty());
  }

  /**
   * An alert's full expression must be valid PromQL, but with its thresholds it rightly returns
   * nothing on a healthy stack. So the data behind each alert is checked instead: the expression
   * with its comparisons with numbers removed ({@code ... > 1} evaluates {@code ...}; {@code A >
   * 1000 and B > 0} evaluates {@code A and B}) must return at least one series.
   */
  @Test
  void everyAlertRuleIsValidAndTheDataItWatchesExists() {
    List<DeployFiles.Query> rules = DeployFiles.alertRules();
    assertThat(rules).hasSizeGreaterThanOrEqualTo(6);
    for (DeployFiles.Query rule : rules) {
      PrometheusServer.Answer full = prometheus.query(rule.expr());
      assertThat(full.status()).as("%s: %s", rule.where(), full.error()).isEqualTo("success");
    }
    List<DeployFiles.Query> watched = rules.stream()
        .map(
            rule -> new DeployFiles.Query(rule.where(), DeployFiles.withoutThresholds(rule.expr())))
        .toList();
    assertThat(watched).allSatisfy(rule -> assertThat(rule.expr()).doesNotContainPattern("[<>]"));
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(() ->
            assertThat(withoutSeries(watched)).as("alert data with no series").isEmpty());

    // Prometheus loaded every rule from the file and none failed to evaluate
    List<JsonNode> loaded = prometheus.rules();
    assertThat(loaded)
        .extracting(rule -> rule.path("name").asText())
        .containsExactlyInAnyOrderElementsOf(
            rules.stream().map(DeployFiles.Query::where).toList());
    assertThat(loaded)
        .allSatisfy(rule -> assertThat(rule.path("health").asText())
            .as("%s: %s", rule.path("name").asText(), rule.path("lastError").asText())
            .isNotEqualTo("err"));
  }

  /** Each failing query with Prometheus' answer. */
  private static Map<String, String> withoutSeries(List<DeployFiles.Query> queries) {
    Map<String, String> empty = new LinkedHashMap<>();
    for (DeployFiles.Query query : queries) {
      PrometheusServer.Answer answer = prometheus.query(query.expr());
      if (!answer.hasSeries()) {
        empty.put(
            query.where() + ": " + query.expr(),
            answer.status() + (answer.error() == null ? "" : " " + answer.error()));
      }
    }
    return empty;
  }

  /**
   * The shipped deploy/prometheus-dev.yml with its targets moved to the ports this stack got, a
   * 1 s scrape and evaluation interval, and its rule file by absolute path.
   */
  private static String scrapeConfig() throws IOException {
    Path deploy = DeployFiles.root().resolve("deploy");
    ObjectNode config = (ObjectNode) DeployFiles.yaml(deploy.resolve("prometheus-dev.yml"));
    Map<String, Integer> ports = Map.of(
        "send-intake", stack.intakePort(),
        "dlr-ingest", stack.dlrIngestPort(),
        "fallback-timer", stack.fallbackTimerPort(),
        "channel-workers", stack.workersPort(),
        "callbacks", stack.callbacksPort());
    Map<String, String> shipped = new LinkedHashMap<>();
    for (JsonNode job : config.path("scrape_configs")) {
      String name = job.path("job_name").asText();
      JsonNode targets = job.path("static_configs").get(0).path("targets");
      shipped.put(name, targets.get(0).asText());
      ((ArrayNode) targets).removeAll().add("127.0.0.1:" + ports.get(name));
    }
    assertThat(shipped).as("deploy/prometheus-dev.yml's jobs").isEqualTo(DEV_TARGETS);
    ObjectNode global = (ObjectNode) config.path("global");
    global.put("scrape_interval", "1s").put("evaluation_interval", "1s");
    config.putArray("rule_files").add(deploy.resolve("alerts.yml").toString());
    return DeployFiles.YAML.writeValueAsString(config);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
