package dev.cascade.fallback.orchestration;

import static dev.cascade.fallback.orchestration.Scenario.on;
import static dev.cascade.fallback.orchestration.Scenario.request;
import static dev.cascade.fallback.orchestration.Scenario.step;
import static dev.cascade.schemas.FallbackTrigger.SEND_FAILED;
import static dev.cascade.schemas.FallbackTrigger.UNDELIVERED;
import static dev.cascade.schemas.FallbackTrigger.UNREAD;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.schemas.AttemptRecord;
import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.CommandType;
import dev.cascade.schemas.DeliveryStatus;
import dev.cascade.schemas.FinalStatus;
import dev.cascade.schemas.MessageOutcome;
import dev.cascade.schemas.ReportStatus;
import org.junit.jupiter.api.Test;

/** Every row of the SPEC section 4 table, on the pure state machine. */
class FallbackStateMachineTest {

  private final Scenario scenario = new Scenario();

  @Test
  void dispatchesTheFirstStepToItsChannel() {
    scenario.send(
        request(step(Channel.WHATSAPP, on(SEND_FAILED), null), step(Channel.SMS, null, null)));

    assertThat(scenario.commands()).singleElement().satisfies(command -> {
      assertThat(command.getType()).isEqualTo(CommandType.SEND);
      assertThat(command.getChannel()).isEqualTo(Channel.WHATSAPP);
      assertThat(command.getTo()).isEqualTo("+393401230000");
    });
    assertThat(scenario.statusNames()).containsExactly("ACCEPTED", "SENDING");
  }

  @Test
  void fallsBackWhenTheProviderRejectsAndSendFailedIsATrigger() {
    scenario
        .send(request(step(Channel.WHATSAPP, on(SEND_FAILED), null), step(Channel.SMS, null, null)))
        .reject(0, "131026");

    assertThat(scenario.commands())
        .extracting(c -> c.getChannel())
        .containsExactly(Channel.WHATSAPP, Channel.SMS);
    AttemptRecord whatsapp = Records.toRecord(scenario.state.attemptOf(0));
    assertThat(whatsapp.getProvider()).as("the provider that answered").isEqualTo("prov");
    assertThat(whatsapp.getDeliveryStatus()).isEqualTo(DeliveryStatus.REJECTED);
    assertThat(whatsapp.getReason()).isEqualTo("SEND_FAILED");
    assertThat(whatsapp.getProviderCode()).isEqualTo("131026");
    assertThat(scenario.statuses())
        .filteredOn(s -> s.getStatus().equals("SWITCHING_CHANNEL"))
        .singleElement()
        .satisfies(s -> {
          assertThat(s.getChannel()).isEqualTo(Channel.SMS);
          assertThat(s.getReason()).isEqualTo("SEND_FAILED");
        });
  }

  @Test
  void endsFailedWhenTheProviderRejectsAndSendFailedIsNotATrigger() {
    scenario
        .send(request(step(Channel.WHATSAPP, on(UNDELIVERED), 60), step(Channel.SMS, null, null)))
        .reject(0, "131026");

    assertThat(scenario.commands()).hasSize(1);
    assertThat(scenario.onlyOutcome().getStatus()).isEqualTo(FinalStatus.FAILED);
  }

  @Test
  void skipsAnRcsStepOnANotCapableDeviceWhateverItsTriggersAndBillsNothing() {
    scenario
        .send(request(step(Channel.RCS, on(UNREAD), null), step(Channel.SMS, null, null)))
        .notCapable(0);

    assertThat(scenario.commands())
        .extracting(c -> c.getChannel())
        .containsExactly(Channel.RCS, Channel.SMS);
    Attempt rcs = scenario.state.attemptOf(0);
    assertThat(rcs.status()).isEqualTo(DeliveryStatus.REJECTED);
    assertThat(rcs.reason()).isEqualTo("DEVICE_NOT_CAPABLE");
    assertThat(rcs.billed()).isFalse();
    assertThat(scenario.usage()).isEmpty();
  }

  @Test
  void fallsBackOnAFailedReport() {
    scenario
        .send(request(step(Channel.VIBER, on(SEND_FAILED), null), step(Channel.SMS, null, null)))
        .accept(0)
        .report(0, ReportStatus.FAILED);

    assertThat(scenario.commands()).hasSize(2);
    assertThat(scenario.state.attemptOf(0).reason()).isEqualTo("SEND_FAILED");
  }

  @Test
  void fallsBackOnUndeliveredAndRecordsExpiredForAValidityReport() {
    scenario
        .send(request(step(Channel.VIBER, on(UNDELIVERED), null), step(Channel.SMS, null, null)))
        .accept(0)
        .report(0, ReportStatus.EXPIRED);

    assertThat(scenario.commands()).hasSize(2);
    assertThat(scenario.state.attemptOf(0).status()).isEqualTo(DeliveryStatus.UNDELIVERED);
    assertThat(scenario.state.attemptOf(0).reason()).isEqualTo("EXPIRED");
  }

  @Test
  void endsTheMessageOnAnUndeliveredReportWhenUndeliveredIsNotATrigger() {
    scenario
        .send(request(step(Channel.VIBER, on(SEND_FAILED), null), step(Channel.SMS, null, null)))
        .accept(0)
        .report(0, ReportStatus.UNDELIVERED);

    assertThat(scenario.commands()).hasSize(1);
    assertThat(scenario.onlyOutcome().getStatus()).isEqualTo(FinalStatus.FAILED);
  }

  @Test
  void fallsBackWithDeliveryTimeoutWhenAfterSecondsPassWithoutDelivery() {
    scenario
        .send(request(step(Channel.WHATSAPP, on(UNDELIVERED), 60), step(Channel.SMS, null, null)))
        .at(ofSeconds(1))
        .accept(0);

    assertThat(scenario.state.timerDueAt()).isEqualTo(Scenario.T0.plusSeconds(61));
    assertThat(scenario.state.timer().kind()).isEqualTo(Timer.Kind.DELIVERY_TIMEOUT);
    scenario.fireTimer();

    assertThat(scenario.commands())
        .extracting(c -> c.getChannel())
        .containsExactly(Channel.WHATSAPP, Channel.SMS);
    assertThat(scenario.state.attemptOf(0).reason()).isEqualTo("DELIVERY_TIMEOUT");
  }

  @Test
  void fallsBackWithReadTimeoutWhenDeliveredButNotReadInTime() {
    scenario
        .send(request(
            step(Channel.WHATSAPP, on(UNDELIVERED, UNREAD), 60), step(Channel.SMS, null, null)))
        .accept(0)
        .at(ofSeconds(5))
        .report(0, ReportStatus.DELIVERED);

    assertThat(scenario.outcomes()).isEmpty();
    assertThat(scenario.state.timer().kind()).isEqualTo(Timer.Kind.READ_TIMEOUT);
    assertThat(scenario.state.timerDueAt()).isEqualTo(Scenario.T0.plusSeconds(60));
    scenario.fireTimer();

    assertThat(scenario.commands()).hasSize(2);
    assertThat(scenario.state.attemptOf(0).reason()).isEqualTo("READ_TIMEOUT");
  }

  @Test
  void fallsBackWithUnreadWhenValidityEndsDeliveredButUnreadWithoutAfterSeconds() {
    var whatsapp = step(Channel.WHATSAPP, on(UNREAD), null);
    whatsapp.setValiditySeconds(3600);
    scenario
        .send(request(whatsapp, step(Channel.SMS, null, null)))
        .accept(0)
        .report(0, ReportStatus.DELIVERED);

    assertThat(scenario.state.timer().kind()).isEqualTo(Timer.Kind.VALIDITY);
    scenario.fireTimer();

    assertThat(scenario.commands()).hasSize(2);
    assertThat(scenario.state.attemptOf(0).reason()).isEqualTo("UNREAD");
  }

  @Test
  void unreadWithoutDurationFallsBackOnlyOnAnUnreadReportNeverByTimerBeforeValidity() {
    scenario
        .send(request(step(Channel.WHATSAPP, on(UNREAD), null), step(Channel.SMS, null, null)))
        .accept(0)
        .report(0, ReportStatus.DELIVERED);

    // The only timer is the step's validity (48 h by default), not a read timer.
    assertThat(scenario.state.timerDueAt()).isEqualTo(Scenario.T0.plus(Policy.MAX_VALIDITY));
    scenario.report(0, ReportStatus.READ);

    assertThat(scenario.commands()).hasSize(1);
    assertThat(scenario.onlyOutcome().getStatus()).isEqualTo(FinalStatus.READ);
  }

  @Test
  void endsDeliveredAtOnceWhenTheStepDoesNotWatchUnread() {
    scenario
        .send(request(step(Channel.WHATSAPP, on(UNDELIVERED), 60), step(Channel.SMS, null, null)))
        .accept(0)
        .at(ofSeconds(3))
        .report(0, ReportStatus.DELIVERED);

    MessageOutcome outcome = scenario.onlyOutcome();
    assertThat(outcome.getStatus()).isEqualTo(FinalStatus.DELIVERED);
    assertThat(outcome.getChannel()).isEqualTo(Channel.WHATSAPP);
    assertThat(outcome.getFallbackCount()).isZero();
    assertThat(outcome.getTimeToFinalMillis()).isEqualTo(3000);
    assertThat(scenario.state.timer().kind()).isEqualTo(Timer.Kind.PURGE);
  }

  @Test
  void theLastStepExpiresByItsOwnTimerWithoutAProviderReport() {
    var sms = step(Channel.SMS, null, null);
    sms.setValiditySeconds(5);
    scenario
        .send(request(step(Channel.RCS, on(SEND_FAILED), null), sms))
        .reject(0, "AGENT_NOT_REACHABLE")
        .accept(1, 1)
        .fireTimer();

    MessageOutcome outcome = scenario.onlyOutcome();
    assertThat(outcome.getStatus()).isEqualTo(FinalStatus.EXPIRED);
    assertThat(outcome.getChannel()).isEqualTo(Channel.SMS);
    assertThat(outcome.getAttempts().get(1).getReason()).isEqualTo("EXPIRED");
  }

  @Test
  void duplicateAndOlderReportsNeverMoveAnAttemptBack() {
    scenario
        .send(request(
            step(Channel.WHATSAPP, on(UNDELIVERED, UNREAD), 600), step(Channel.SMS, null, null)))
        .accept(0)
        .report(0, ReportStatus.DELIVERED)
        .report(0, ReportStatus.SENT)
        .report(0, ReportStatus.DELIVERED)
        .report(0, ReportStatus.FAILED);

    assertThat(scenario.state.attemptOf(0).status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(scenario.commands()).hasSize(1);
    assertThat(scenario.usage()).hasSize(1);
    assertThat(scenario.statusNames()).endsWith("REPORT");
  }

  @Test
  void revokesAnUndeliveredRcsMessageBeforeFallingBack() {
    var rcs = step(Channel.RCS, on(UNDELIVERED), 300);
    rcs.getFallback().setRevoke(true);
    scenario.send(request(rcs, step(Channel.SMS, null, null))).accept(0).fireTimer();

    assertThat(scenario.commands())
        .extracting(c -> c.getType())
        .containsExactly(CommandType.SEND, CommandType.REVOKE);
    assertThat(scenario.commands().get(1).getProviderMessageIds()).containsExactly("pm-0");
    scenario.revokeAnswer(0, AttemptResult.REVOKED);

    assertThat(scenario.commands())
        .extracting(c -> c.getChannel())
        .containsExactly(Channel.RCS, Channel.RCS, Channel.SMS);
    assertThat(scenario.state.attemptOf(0).status()).isEqualTo(DeliveryStatus.REVOKED);
  }

  @Test
  void aRevokeAnsweredAlreadyDeliveredEndsTheMessageOnRcsWithoutFallback() {
    var rcs = step(Channel.RCS, on(UNDELIVERED), 300);
    rcs.getFallback().setRevoke(true);
    scenario
        .send(request(rcs, step(Channel.SMS, null, null)))
        .accept(0)
        .fireTimer()
        .revokeAnswer(0, AttemptResult.ALREADY_DELIVERED);

    assertThat(scenario.commands()).extracting(c -> c.getChannel()).containsOnly(Channel.RCS);
    MessageOutcome outcome = scenario.onlyOutcome();
    assertThat(outcome.getStatus()).isEqualTo(FinalStatus.DELIVERED);
    assertThat(outcome.getChannel()).isEqualTo(Channel.RCS);
    assertThat(outcome.getDoubleDelivered()).isFalse();
    assertThat(scenario.usage())
        .singleElement()
        .satisfies(u -> assertThat(u.getChannel()).isEqualTo(Channel.RCS));
  }

  @Test
  void billsSmsOnSubmissionPerPartAndOtherChannelsOnDelivery() {
    scenario
        .send(request(
            step(Channel.WHATSAPP, on(SEND_FAILED, UNDELIVERED), 60),
            step(Channel.SMS, null, null)))
        .accept(0)
        .fireTimer()
        .accept(1, 2);

    assertThat(scenario.usage()).singleElement().satisfies(usage -> {
      assertThat(usage.getChannel()).isEqualTo(Channel.SMS);
      assertThat(usage.getUnits()).isEqualTo(2);
      assertThat(usage.getPrice()).isEqualTo("0.0900");
      assertThat(usage.getOriginalChannel()).isEqualTo(Channel.WHATSAPP);
      assertThat(usage.getFallbackReason()).isEqualTo("DELIVERY_TIMEOUT");
    });
  }

  @Test
  void aSimulationIsNeverBilled() {
    var request =
        request(step(Channel.WHATSAPP, on(SEND_FAILED), null), step(Channel.SMS, null, null));
    request.setSimulation(true);
    scenario.send(request).reject(0, "131026").accept(1, 1).report(1, ReportStatus.DELIVERED);

    assertThat(scenario.usage()).isEmpty();
    assertThat(scenario.onlyOutcome().getSimulation()).isTrue();
    assertThat(scenario.onlyOutcome().getAttempts()).noneMatch(AttemptRecord::getBilled);
  }

  @Test
  void theSameRequestAgainIsIgnoredAndADifferentOneIsRejectedWithoutASecondRun() {
    var request = request(step(Channel.SMS, null, null));
    scenario.send(request);
    scenario.apply(new Input.Received(request, "fingerprint-" + request.hashCode()));
    assertThat(scenario.commands()).hasSize(1);

    scenario.apply(new Input.Received(request, "another-fingerprint"));

    assertThat(scenario.commands()).hasSize(1);
    assertThat(scenario.statusNames()).endsWith("DUPLICATE_REJECTED", "SENDING");
  }

  @Test
  void aMultipartSmsIsDeliveredOnlyWhenEveryPartIs() {
    scenario
        .send(request(step(Channel.SMS, null, null)))
        .acceptParts(0, java.util.List.of("1a", "1b", "1c"))
        .reportPart(0, "1a", ReportStatus.DELIVERED)
        .reportPart(0, "1c", ReportStatus.DELIVERED)
        .reportPart(0, "1a", ReportStatus.DELIVERED);
    assertThat(scenario.outcomes()).isEmpty();

    scenario.reportPart(0, "1b", ReportStatus.DELIVERED);

    assertThat(scenario.onlyOutcome().getStatus()).isEqualTo(FinalStatus.DELIVERED);
    assertThat(scenario.usage())
        .singleElement()
        .satisfies(u -> assertThat(u.getUnits()).isEqualTo(3));
  }

  @Test
  void aStaleTimerChangesNothingAndThePurgeTimerForgetsTheMessage() {
    scenario.send(request(step(Channel.SMS, null, null))).accept(0, 1);
    var before = scenario.state;
    scenario.apply(new Input.TimerFired(Scenario.T0.plusSeconds(1)));
    assertThat(scenario.state).isEqualTo(before);

    scenario.report(0, ReportStatus.DELIVERED).fireTimer();

    assertThat(scenario.state).isNull();
  }
}
