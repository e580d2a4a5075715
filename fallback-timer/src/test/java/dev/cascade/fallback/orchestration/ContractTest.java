package dev.cascade.fallback.orchestration;

import static dev.cascade.fallback.orchestration.Scenario.on;
import static dev.cascade.fallback.orchestration.Scenario.request;
import static dev.cascade.fallback.orchestration.Scenario.step;
import static dev.cascade.schemas.FallbackTrigger.SEND_FAILED;
import static dev.cascade.schemas.FallbackTrigger.UNDELIVERED;
import static dev.cascade.schemas.FallbackTrigger.UNREAD;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.CommandType;
import dev.cascade.schemas.DeliveryStatus;
import dev.cascade.schemas.FinalStatus;
import dev.cascade.schemas.MessageOutcome;
import dev.cascade.schemas.ReportStatus;
import dev.cascade.schemas.UsageEvent;
import org.junit.jupiter.api.Test;

/** The contract holes a new user found (issue 12), each pinned by a test that failed before its fix. */
class ContractTest {

  private final Scenario scenario = new Scenario();

  @Test
  void aDeliveredStepWatchingUnreadShowsAwaitingReadNeverAFinalWord() {
    // item 5
    scenario
        .send(request(
            step(Channel.WHATSAPP, on(UNDELIVERED, UNREAD), 60), step(Channel.SMS, null, null)))
        .accept(0)
        .at(ofSeconds(5))
        .report(0, ReportStatus.DELIVERED);

    assertThat(scenario.statusNames())
        .endsWith("SENT", "AWAITING_READ")
        .doesNotContain("DELIVERED");
    assertThat(scenario.statuses().getLast().getTerminal()).isFalse();
    assertThat(scenario.state.lastStatus()).isEqualTo(StatusValue.AWAITING_READ);
  }

  @Test
  void aRcsStepWithRevokeIsRevokedBeforeItsValidityEndFallback() {
    // item 10: revoke also when the validity timer (not only afterSeconds) gives way
    var rcs = step(Channel.RCS, on(UNDELIVERED), null);
    rcs.setValiditySeconds(600);
    rcs.getFallback().setRevoke(true);
    scenario.send(request(rcs, step(Channel.SMS, null, null))).accept(0).fireTimer();

    assertThat(scenario.commands())
        .extracting(c -> c.getType())
        .containsExactly(CommandType.SEND, CommandType.REVOKE);
    scenario.revokeAnswer(0, AttemptResult.REVOKED);

    assertThat(scenario.commands())
        .extracting(c -> c.getChannel())
        .containsExactly(Channel.RCS, Channel.RCS, Channel.SMS);
    assertThat(scenario.state.attemptOf(0).status()).isEqualTo(DeliveryStatus.REVOKED);
    assertThat(scenario.state.attemptOf(0).reason()).isEqualTo("EXPIRED");
  }

  @Test
  void aCommandCarriesTheStepsEffectiveValiditySoTheProviderGivesUpWhenCascadeDoes() {
    // item 10: an RCS step without validitySeconds got no TTL at RBM while Cascade fell back at 48
    // h
    scenario.send(request(step(Channel.RCS, on(UNDELIVERED), null), step(Channel.SMS, null, null)));

    assertThat(scenario.commands().getFirst().getValiditySeconds()).isEqualTo(172_800);
  }

  @Test
  void aDeliveryForTheStepThatEndedTheMessageIsNotLateAndAmendsTheOutcomeToDelivered() {
    // item 11: the last step expired by Cascade's own timer, then its DELIVERED report arrives
    var sms = step(Channel.SMS, null, null);
    sms.setValiditySeconds(60);
    scenario.send(request(sms)).accept(0, 1).fireTimer();
    assertThat(scenario.onlyOutcome().getStatus()).isEqualTo(FinalStatus.EXPIRED);

    scenario.at(ofSeconds(90)).report(0, ReportStatus.DELIVERED);

    assertThat(scenario.statusNames()).doesNotContain("LATE_DELIVERY").endsWith("DELIVERED");
    MessageOutcome amended = scenario.outcomes().getLast();
    assertThat(amended.getRevision()).isEqualTo(2);
    assertThat(amended.getStatus()).isEqualTo(FinalStatus.DELIVERED);
    assertThat(amended.getChannel()).isEqualTo(Channel.SMS);
    assertThat(amended.getDoubleDelivered()).isFalse();
    assertThat(amended.getAttempts().getFirst().getLateDelivery()).isFalse();
  }

  @Test
  void aLateDeliveryAfterEveryLaterStepFailedAmendsTheOutcomeToDeliveredOnThatChannel() {
    // item 11: an amended outcome kept FAILED although WhatsApp did deliver
    scenario
        .send(request(step(Channel.WHATSAPP, on(UNDELIVERED), 60), step(Channel.SMS, null, null)))
        .accept(0)
        .fireTimer()
        .reject(1, "INVALID_DESTINATION");
    assertThat(scenario.onlyOutcome().getStatus()).isEqualTo(FinalStatus.FAILED);

    scenario.at(ofSeconds(80)).report(0, ReportStatus.DELIVERED);

    MessageOutcome amended = scenario.outcomes().getLast();
    assertThat(amended.getStatus()).isEqualTo(FinalStatus.DELIVERED);
    assertThat(amended.getChannel()).isEqualTo(Channel.WHATSAPP);
    assertThat(amended.getDoubleDelivered()).isFalse();
    assertThat(scenario.usage()).extracting(UsageEvent::getLateAfterFallback).containsExactly(true);
  }

  @Test
  void aRequestProducedToKafkaThatBreaksARuleEndsFailedWithInvalidRequest() {
    // items 3 and 8: two SMS steps over the same provider (a rule intake alone checked before)
    scenario.send(request(step(Channel.SMS, null, null), step(Channel.SMS, null, null)));

    assertThat(scenario.commands()).isEmpty();
    MessageOutcome outcome = scenario.onlyOutcome();
    assertThat(outcome.getStatus()).isEqualTo(FinalStatus.FAILED);
    assertThat(outcome.getReason()).isEqualTo("INVALID_REQUEST");
    assertThat(outcome.getDetail()).contains("steps[1].channel");
    assertThat(outcome.getAttempts()).isEmpty();
    assertThat(scenario.rejected())
        .singleElement()
        .satisfies(rejected -> assertThat(rejected.problems())
            .extracting(p -> p.field())
            .contains("steps[1].channel"));
  }

  @Test
  void aMessageIdStaysTakenForTheIdempotencyRetentionThoughItsStateCouldGoEarlier() {
    // item 9: after the purge (minimum 1 h) the same messageId was accepted and sent again
    scenario
        .send(request(step(Channel.SMS, null, null)))
        .accept(0, 1)
        .report(0, ReportStatus.DELIVERED);

    assertThat(scenario.state.timerDueAt())
        .isEqualTo(Scenario.T0.plus(java.time.Duration.ofHours(24)));
    scenario.at(java.time.Duration.ofHours(2)).send(request(step(Channel.SMS, null, null)));
    assertThat(scenario.commands()).hasSize(1);
  }

  @Test
  void aSendCommandThatNeverGetsAnAttemptBackGivesWayAfterTheDispatchTimeout() {
    // issue 10 item 2: every accepted message ends, even with its channel's worker gone for good
    scenario.send(request(
        step(Channel.WHATSAPP, on(SEND_FAILED, UNDELIVERED), 60), step(Channel.SMS, null, null)));
    assertThat(scenario.state.timer().kind()).isEqualTo(Timer.Kind.DISPATCH);
    assertThat(scenario.state.timerDueAt())
        .isEqualTo(Scenario.T0.plus(java.time.Duration.ofMinutes(5)));

    scenario.fireTimer();

    assertThat(scenario.commands())
        .extracting(c -> c.getChannel())
        .containsExactly(Channel.WHATSAPP, Channel.SMS);
    assertThat(scenario.state.attemptOf(0).reason()).isEqualTo("DISPATCH_TIMEOUT");
    // the last step's worker is gone too: the message ends FAILED, never left without an outcome
    scenario.fireTimer();
    assertThat(scenario.onlyOutcome().getStatus()).isEqualTo(FinalStatus.FAILED);
  }

  @Test
  void anUnansweredRevokeFallsBackAsARevokeThatFailed() {
    var rcs = step(Channel.RCS, on(UNDELIVERED), 300);
    rcs.getFallback().setRevoke(true);
    scenario.send(request(rcs, step(Channel.SMS, null, null))).accept(0).fireTimer();
    assertThat(scenario.state.timer().kind()).isEqualTo(Timer.Kind.DISPATCH);

    scenario.fireTimer();

    assertThat(scenario.commands())
        .extracting(c -> c.getChannel())
        .containsExactly(Channel.RCS, Channel.RCS, Channel.SMS);
    assertThat(scenario.state.attemptOf(0).reason()).isEqualTo("DELIVERY_TIMEOUT");
  }
}
