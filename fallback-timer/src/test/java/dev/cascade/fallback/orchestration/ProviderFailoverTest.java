package dev.cascade.fallback.orchestration;

import static dev.cascade.fallback.orchestration.Scenario.on;
import static dev.cascade.fallback.orchestration.Scenario.request;
import static dev.cascade.fallback.orchestration.Scenario.step;
import static dev.cascade.schemas.FallbackTrigger.UNDELIVERED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.schemas.AttemptRecord;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.CommandType;
import dev.cascade.schemas.FinalStatus;
import dev.cascade.schemas.ReportStatus;
import dev.cascade.schemas.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Provider failover on one channel (SPEC section 10) as fallback-timer sees it: the SEND command
 * carries the step's ordered providers, and the attempt records which ones the worker tried.
 */
class ProviderFailoverTest {

  private final Scenario scenario = new Scenario();

  @Test
  void theSendCommandCarriesTheStepsProvidersInOrderWithTheFirstAsProvider() {
    Step sms = step(Channel.SMS, null, null);
    sms.setProviders(List.of("smpp", "infobip"));

    scenario.send(request(sms));

    ChannelCommand send = scenario.commands().getFirst();
    assertThat(send.getProviders()).containsExactly("smpp", "infobip");
    assertThat(send.getProvider()).isEqualTo("smpp");
  }

  @Test
  void aStepWithoutProvidersTakesTheChannelsConfiguredList() {
    Step one = step(Channel.SMS, null, null);
    one.setProvider("smpp");

    assertThat(new Scenario().send(request(one)).commands().getFirst().getProviders())
        .containsExactly("smpp");
    // the catalogue's SMS list, unconfigured: Infobip first, then SMPP
    assertThat(scenario.send(request(step(Channel.SMS, null, null))).commands().getFirst())
        .satisfies(send -> {
          assertThat(send.getProviders()).containsExactly("infobip", "smpp");
          assertThat(send.getProvider()).isEqualTo("infobip");
        });
  }

  @Test
  void theOutcomeListsEveryProviderTriedAndTheOneThatAccepted() {
    Step sms = step(Channel.SMS, null, null);
    sms.setProviders(List.of("smpp", "infobip"));

    scenario
        .send(request(sms))
        .acceptAfterFailover(0, List.of("smpp", "infobip"))
        .report(0, ReportStatus.DELIVERED);

    AttemptRecord attempt = scenario.onlyOutcome().getAttempts().getFirst();
    assertThat(scenario.onlyOutcome().getStatus()).isEqualTo(FinalStatus.DELIVERED);
    assertThat(attempt.getProvider()).isEqualTo("infobip");
    assertThat(attempt.getProvidersTried()).containsExactly("smpp", "infobip");
    assertThat(Records.fromRecord(attempt).providersTried()).containsExactly("smpp", "infobip");
  }

  @Test
  void aRevokeGoesToTheProviderThatAcceptedNotTheFirstListed() {
    Step rcs = step(Channel.RCS, on(UNDELIVERED), 300);
    rcs.setProviders(List.of("rbm", "infobip"));
    rcs.getFallback().setRevoke(true);

    scenario
        .send(request(rcs, step(Channel.SMS, null, null)))
        .acceptAfterFailover(0, List.of("rbm", "infobip"))
        .fireTimer();

    ChannelCommand revoke = scenario.commands().getLast();
    assertThat(revoke.getType()).isEqualTo(CommandType.REVOKE);
    assertThat(revoke.getProvider()).isEqualTo("infobip");
    assertThat(revoke.getProviders()).isEmpty();
  }
}
