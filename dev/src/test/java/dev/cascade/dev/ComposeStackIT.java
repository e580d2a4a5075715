package dev.cascade.dev;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Smoke test of docker-compose.yml as shipped: the stack starts and seed 001 goes through. Needs a
 * Docker engine with compose and the Testcontainers switch; otherwise the class is skipped, and
 * JUnit says so.
 */
// a Docker-only test: runs under the Testcontainers switch (README, Tests), skipped otherwise
@EnabledIfSystemProperty(
    named = "cascade.kafka",
    matches = "testcontainers",
    disabledReason = "runs with -Dcascade.kafka=testcontainers (or -Ptestcontainers) and Docker")
@Testcontainers(disabledWithoutDocker = true)
class ComposeStackIT {

  @Container
  private static final ComposeContainer COMPOSE = ComposeSmoke.compose(ComposeSmoke.PIPELINE);

  @Test
  void seed001IsDeliveredOnSmsAfterTwoFallbacks() throws Exception {
    ComposeSmoke.sendsSeed001AndItEndsDeliveredOnSms(COMPOSE, "seed001-compose");
  }
}
