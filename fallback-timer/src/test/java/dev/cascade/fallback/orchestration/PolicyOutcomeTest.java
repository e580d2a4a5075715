package dev.cascade.fallback.orchestration;

import static dev.cascade.fallback.orchestration.Scenario.request;
import static dev.cascade.fallback.orchestration.Scenario.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.schemas.Channel;
import dev.cascade.schemas.MessageOutcome;
import dev.cascade.schemas.PolicyRef;
import org.junit.jupiter.api.Test;

/** SPEC section 10: the outcome records the named policy (and its version) a request used. */
class PolicyOutcomeTest {

  private final Scenario scenario = new Scenario();

  @Test
  void theOutcomeCarriesThePolicyTheRequestWasExpandedFrom() {
    var request = request(step(Channel.SMS, null, null));
    request.setPolicy(
        PolicyRef.newBuilder().setName("otp-default").setVersion(4).build());

    scenario.send(request).reject(0, "EC_INVALID_DEST_ADDRESS");

    MessageOutcome outcome = scenario.onlyOutcome();
    assertThat(outcome.getPolicy().getName()).isEqualTo("otp-default");
    assertThat(outcome.getPolicy().getVersion()).isEqualTo(4);
  }

  @Test
  void aRequestWithItsOwnStepsHasNoPolicyInItsOutcome() {
    scenario.send(request(step(Channel.SMS, null, null))).reject(0, "EC_INVALID_DEST_ADDRESS");

    assertThat(scenario.onlyOutcome().getPolicy()).isNull();
  }
}
