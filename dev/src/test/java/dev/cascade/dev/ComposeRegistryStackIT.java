package dev.cascade.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * docker-compose.yml in its registry profile: the schema registry runs and every service writes
 * the Confluent wire format against it; seed 001 still goes through. Skipped without Docker.
 */
// a Docker-only test: runs under the Testcontainers switch (README, Tests), skipped otherwise
@EnabledIfSystemProperty(
    named = "cascade.kafka",
    matches = "testcontainers",
    disabledReason = "runs with -Dcascade.kafka=testcontainers (or -Ptestcontainers) and Docker")
@Testcontainers(disabledWithoutDocker = true)
class ComposeRegistryStackIT {

  @Container
  private static final ComposeContainer COMPOSE = ComposeSmoke.compose(withRegistry())
      .withEnv("COMPOSE_PROFILES", "registry")
      .withEnv("CASCADE_SERDE_MODE", "registry")
      .withExposedService("schema-registry", 8080);

  private static List<String> withRegistry() {
    List<String> services = new ArrayList<>(ComposeSmoke.PIPELINE);
    services.add("schema-registry");
    return services;
  }

  @Test
  void seed001IsDeliveredOnSmsInRegistryMode() throws Exception {
    ComposeSmoke.sendsSeed001AndItEndsDeliveredOnSms(COMPOSE, "seed001-compose-registry");

    // the services did write through the registry: the topics' subjects are there
    String subjects = "http://" + COMPOSE.getServiceHost("schema-registry", 8080) + ":"
        + COMPOSE.getServicePort("schema-registry", 8080) + "/apis/ccompat/v7/subjects";
    HttpResponse<String> answer = HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(subjects)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.body()).contains("\"send.requests-value\"", "\"message.status-value\"");
  }
}
