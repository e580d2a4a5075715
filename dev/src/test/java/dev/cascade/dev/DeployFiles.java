package dev.cascade.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The shipped operator files (deploy/, docker-compose.yml) as tests read them. */
final class DeployFiles {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A comparison with a number ({@code > 1}, {@code == 0}, {@code >= bool 1}): an alert's
   * threshold. Label matchers ({@code channel!="NONE"}) compare with strings and do not match.
   */
  private static final Pattern THRESHOLD = Pattern.compile(
      "\\s*(?:==|!=|>=|<=|>|<)\\s*(?:bool\\s+)?-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?(?![\\w.])");

  /** Grafana's interval variables as Grafana would fill them for a 1 s scrape interval. */
  private static final Map<String, String> GRAFANA_VARIABLES =
      Map.of("$__rate_interval", "30s", "$__interval", "5s", "$__range", "5m");

  record Query(String where, String expr) {}

  private DeployFiles() {}

  /** The repository's root: the nearest directory up from here holding deploy/alerts.yml. */
  static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("deploy/alerts.yml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no deploy/alerts.yml above " + Path.of("").toAbsolutePath());
  }

  static JsonNode yaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Path> dashboards() {
    try (Stream<Path> files = Files.list(root().resolve("deploy/grafana/dashboards"))) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every PromQL expression of every panel of every shipped dashboard, with Grafana's interval
   * variables filled in.
   */
  static List<Query> dashboardQueries() {
    List<Query> queries = new ArrayList<>();
    for (Path file : dashboards()) {
      try {
        JsonNode dashboard = JSON.readTree(file.toFile());
        collectPanels(file.getFileName().toString(), dashboard.path("panels"), queries);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return queries;
  }

  private static void collectPanels(String dashboard, JsonNode panels, List<Query> queries) {
    for (JsonNode panel : panels) {
      collectPanels(dashboard, panel.path("panels"), queries); // panels inside a row
      for (JsonNode target : panel.path("targets")) {
        String expr = target.path("expr").asText();
        for (var variable : GRAFANA_VARIABLES.entrySet()) {
          expr = expr.replace(variable.getKey(), variable.getValue());
        }
        queries.add(new Query(
            dashboard + " / " + panel.path("title").asText() + " / "
                + target.path("refId").asText(),
            expr));
      }
    }
  }

  /** Every alert rule's expression as written. */
  static List<Query> alertRules() {
    List<Query> rules = new ArrayList<>();
    for (JsonNode group : yaml(root().resolve("deploy/alerts.yml")).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        String name = rule.has("alert")
            ? rule.path("alert").asText()
            : rule.path("record").asText();
        rules.add(new Query(name, rule.path("expr").asText().strip()));
      }
    }
    return rules;
  }

  /** {@code expr} without its comparisons with numbers: the data an alert looks at. */
  static String withoutThresholds(String expr) {
    return THRESHOLD.matcher(expr).replaceAll("").strip();
  }
}
