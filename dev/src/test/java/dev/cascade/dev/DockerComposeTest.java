package dev.cascade.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.platform.channels.ChannelCatalogue;
import dev.cascade.platform.channels.ChannelTraits;
import dev.cascade.platform.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

/**
 * The shipped docker-compose.yml, Dockerfile and Prometheus/Grafana wiring, checked without a
 * Docker engine: structure, names, ports, settings keys and files. That the images build and the
 * containers run is not checked here (no Docker on the build machines).
 */
class DockerComposeTest {

  private static final Path ROOT = DeployFiles.root();
  private static final JsonNode COMPOSE = DeployFiles.yaml(ROOT.resolve("docker-compose.yml"));
  private static final JsonNode SERVICES = COMPOSE.path("services");
  private static final Set<String> CASCADE_SERVICES = Set.of(
      "send-intake",
      "fallback-timer",
      "channel-workers",
      "dlr-ingest",
      "provider-sim",
      "callbacks");

  /** The first argument of a settings read: {@code settings.duration("timer.tick", ...)}. */
  /** A settings key kept in a constant: {@code static final String KEY = "intake.api.keys";}. */
  private static final Pattern SETTINGS_KEY_CONSTANT =
      Pattern.compile("static final String \\w*KEY = \"([a-z][a-z0-9]*(?:\\.[a-z0-9]+)*)\"");

  private static final Pattern SETTINGS_READ = Pattern.compile(
      "\\b(?:string|integer|longValue|bool|duration|optional|url|key|withPrefix)\\(\\s*\"([a-z][a-z0-9]*(?:\\.[a-z0-9]+)*)\"");

  @Test
  void composeRunsKafkaInKraftModeEveryServiceAndTheMonitoring() {
    assertThat(names(SERVICES))
        .containsExactlyInAnyOrder(
            "kafka",
            "send-intake",
            "fallback-timer",
            "channel-workers",
            "dlr-ingest",
            "provider-sim",
            "callbacks",
            "prometheus",
            "grafana",
            "schema-registry");
    JsonNode kafka = SERVICES.path("kafka");
    assertThat(kafka.path("image").asText()).isEqualTo("apache/kafka:4.3.1");
    JsonNode kafkaEnv = kafka.path("environment");
    assertThat(kafkaEnv.path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
    assertThat(Uuid.fromString(kafkaEnv.path("CLUSTER_ID").asText())).isNotNull();
    assertThat(kafkaEnv.path("KAFKA_ADVERTISED_LISTENERS").asText())
        .contains("PLAINTEXT://kafka:9092");
    assertThat(kafkaEnv.path("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR").asText()).isEqualTo("1");
  }

  @Test
  void theRegistryProfileAddsTheSchemaRegistryThatEveryKafkaServiceIsPointedAt() {
    // given
    JsonNode registry = SERVICES.path("schema-registry");

    // then: Apicurio Registry of the version the tests run, only in the registry profile
    assertThat(registry.path("image").asText()).isEqualTo("apicurio/apicurio-registry:3.3.3");
    assertThat(registry.path("profiles").valueStream().map(JsonNode::asText))
        .containsExactly("registry");
    assertThat(registry.path("ports").get(0).asText()).endsWith(":8080");
    // every service with a Kafka client takes serde.mode from CASCADE_SERDE_MODE (default
    // single-object) and knows the registry; it depends on it only when the profile is on
    for (var service : SERVICES.properties()) {
      JsonNode env = service.getValue().path("environment");
      if (!env.has("CASCADE_KAFKA_BOOTSTRAP_SERVERS")) {
        continue;
      }
      assertThat(env.path("CASCADE_SERDE_MODE").asText())
          .as(service.getKey())
          .isEqualTo("${CASCADE_SERDE_MODE:-single-object}");
      assertThat(env.path("CASCADE_SCHEMA_REGISTRY_URL").asText())
          .as(service.getKey())
          .isEqualTo("http://schema-registry:8080");
      JsonNode dependency = service.getValue().path("depends_on").path("schema-registry");
      assertThat(dependency.path("required").asBoolean(true))
          .as(service.getKey())
          .isFalse();
    }
    assertThat(SERVICES.properties().stream()
            .filter(s -> s.getValue().path("environment").has("CASCADE_SERDE_MODE"))
            .map(Map.Entry::getKey))
        .containsExactlyInAnyOrder(
            "send-intake", "fallback-timer", "channel-workers", "dlr-ingest", "callbacks");
    // the settings the services read for it (checked against the sources below as well)
    assertThat(knownSettingsKeys()).contains("serde.mode", "schema.registry.url");
  }

  @Test
  void everyServiceHasAnImageOrABuildAndEveryCascadeServiceStartsARealMain() throws Exception {
    Map<String, String> mains = entryPointMains();
    for (var service : SERVICES.properties()) {
      JsonNode spec = service.getValue();
      assertThat(spec.has("image") || spec.has("build")).as(service.getKey()).isTrue();
      if (CASCADE_SERVICES.contains(service.getKey())) {
        assertThat(spec.path("build").asText()).as(service.getKey()).isEqualTo(".");
        String name = spec.path("command").get(0).asText();
        assertThat(name).isEqualTo(service.getKey());
        assertThat(mains).containsKey(name);
        assertThat(Class.forName(mains.get(name)).getMethod("main", String[].class))
            .isNotNull();
      }
    }
    assertThat(ROOT.resolve("Dockerfile")).isRegularFile();
    assertThat(Files.readString(ROOT.resolve("Dockerfile")))
        .contains("COPY deploy/docker/cascade-service /app/cascade-service")
        .contains("ENTRYPOINT [\"/app/cascade-service\"]");
    assertThat(Files.isExecutable(ROOT.resolve("deploy/docker/cascade-service")))
        .isTrue();
  }

  @Test
  void everyCascadeVariableIsASettingTheServicesRead() {
    Set<String> known = knownSettingsKeys();
    List<String> unknown = new ArrayList<>();
    for (var service : SERVICES.properties()) {
      for (var variable : service.getValue().path("environment").properties()) {
        String name = variable.getKey();
        if (name.startsWith("CASCADE_")) {
          String key = name.substring("CASCADE_".length()).toLowerCase().replace('_', '.');
          assertThat(Settings.environmentName(key)).isEqualTo(name);
          if (!known.contains(key)) {
            unknown.add(service.getKey() + ": " + name + " (" + key + ")");
          }
        }
      }
    }
    assertThat(unknown).as("variables no service reads").isEmpty();
    // the scan finds what it should: a plain key, a provider key, a catalogue-made key
    assertThat(known)
        .contains("kafka.bootstrap.servers", "provider.meta.base.url", "channel.sms.providers");
  }

  @Test
  void hostPortsAreUniqueAndDependenciesExist() {
    Set<String> hostPorts = new HashSet<>();
    for (var service : SERVICES.properties()) {
      for (JsonNode port : service.getValue().path("ports")) {
        String hostPort = port.asText().split(":")[0];
        assertThat(hostPorts.add(hostPort))
            .as("host port %s of %s used once", hostPort, service.getKey())
            .isTrue();
      }
      JsonNode dependsOn = service.getValue().path("depends_on");
      Iterable<String> dependencies = dependsOn.isArray()
          ? dependsOn.valueStream().map(JsonNode::asText).toList()
          : names(dependsOn);
      for (String dependency : dependencies) {
        assertThat(SERVICES.has(dependency))
            .as("%s depends on %s", service.getKey(), dependency)
            .isTrue();
      }
    }
  }

  @Test
  void prometheusScrapesEachServiceOnThePortItServesAndGrafanaFindsThePrometheus() {
    JsonNode config = DeployFiles.yaml(ROOT.resolve("deploy/prometheus.yml"));
    Set<String> scraped = new TreeSet<>();
    for (JsonNode job : config.path("scrape_configs")) {
      String target = job.path("static_configs").get(0).path("targets").get(0).asText();
      String host = target.split(":")[0];
      String port = target.split(":")[1];
      scraped.add(host);
      assertThat(job.path("job_name").asText()).isEqualTo(host);
      assertThat(SERVICES.path(host).path("ports").get(0).asText()).isEqualTo(port + ":" + port);
      assertThat(SERVICES.path(host).path("environment").toString()).contains("\"" + port + "\"");
    }
    assertThat(scraped)
        .containsExactlyInAnyOrder(
            "send-intake", "dlr-ingest", "fallback-timer", "channel-workers", "callbacks");

    // every file the compose file mounts exists
    for (var service : SERVICES.properties()) {
      for (JsonNode volume : service.getValue().path("volumes")) {
        String source = volume.asText().split(":")[0];
        if (source.startsWith("./")) {
          assertThat(ROOT.resolve(source)).as(service.getKey()).exists();
        }
      }
    }
    JsonNode datasource = DeployFiles.yaml(
            ROOT.resolve("deploy/grafana/provisioning/datasources/prometheus.yml"))
        .path("datasources")
        .get(0);
    assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
    assertThat(DeployFiles.dashboards()).hasSize(4);
    for (Path dashboard : DeployFiles.dashboards()) {
      assertThat(contents(dashboard))
          .contains("\"uid\": \"" + datasource.path("uid").asText() + "\"")
          .doesNotContain("${DS_");
    }
  }

  /** service name → main class, from the image's entry point script. */
  private static Map<String, String> entryPointMains() throws IOException {
    Map<String, String> mains = new HashMap<>();
    Matcher line = Pattern.compile("(?m)^\\s*([a-z-]+)\\) main=([\\w.]+) ;;")
        .matcher(Files.readString(ROOT.resolve("deploy/docker/cascade-service")));
    while (line.find()) {
      mains.put(line.group(1), line.group(2));
    }
    return mains;
  }

  /**
   * Every settings key the services read: literal keys in the main sources, each provider's
   * {@code provider.<name>.<suffix>} keys (suffixes read through ProviderSettings), and the keys
   * made from the channel catalogue ({@code channel.<slug>.provider(s)}, {@code price.<slug>}).
   */
  private static Set<String> knownSettingsKeys() {
    Set<String> literals = new HashSet<>();
    try (Stream<Path> files = Files.walk(ROOT)) {
      for (Path file : files
          .filter(f -> f.toString().endsWith(".java"))
          .filter(f -> f.toString().contains("/src/main/java/"))
          .toList()) {
        Matcher read = SETTINGS_READ.matcher(contents(file));
        while (read.find()) {
          literals.add(read.group(1));
        }
        Matcher constant = SETTINGS_KEY_CONSTANT.matcher(contents(file));
        while (constant.find()) {
          literals.add(constant.group(1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> known = new HashSet<>(literals);
    known.add(
        dev.cascade.platform.config.DevelopmentSecrets.PROFILE_KEY); // read through a constant
    for (ChannelTraits traits : ChannelCatalogue.all()) {
      known.add("channel." + traits.slug() + ".providers");
      known.add("channel." + traits.slug() + ".provider");
      known.add("price." + traits.slug());
      for (String provider : traits.providers()) {
        for (String suffix : literals) {
          known.add("provider." + provider + "." + suffix);
        }
      }
    }
    return known;
  }

  private static String contents(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
