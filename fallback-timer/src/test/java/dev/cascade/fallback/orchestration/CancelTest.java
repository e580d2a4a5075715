package dev.cascade.fallback.orchestration;

import static dev.cascade.fallback.orchestration.Scenario.on;
import static dev.cascade.fallback.orchestration.Scenario.request;
import static dev.cascade.fallback.orchestration.Scenario.step;
import static dev.cascade.schemas.FallbackTrigger.UNDELIVERED;
import static java.time.Duration.ofHours;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.schemas.Channel;
import dev.cascade.schemas.CommandType;
import dev.cascade.schemas.FinalStatus;
import dev.cascade.schemas.MessageOutcome;
import dev.cascade.schemas.ReportStatus;
import org.junit.jupiter.api.Test;

/** SPEC section 10, cancel: DELETE /v1/messages/{id} ends a message that has not ended. */
class CancelTest {

  private final Scenario scenario = new Scenario();

  @Test
  void aHeldSendNeverLeaves() {
    var request = request(step(Channel.SMS, null, null));
    request.setSendAt(Scenario.T0.plus(ofHours(2)));
    scenario.send(request);

    scenario.apply(new Input.Cancel(Scenario.T0.plusSeconds(5)));

    assertThat(scenario.commands()).isEmpty();
    MessageOutcome outcome = scenario.onlyOutcome();
    assertThat(outcome.getStatus()).isEqualTo(FinalStatus.CANCELLED);
    assertThat(outcome.getAttempts()).isEmpty();
    assertThat(scenario.state.timer().kind()).isEqualTo(Timer.Kind.PURGE);
  }

  @Test
  void anUndeliveredRcsAttemptIsRevokedAndNoFallbackFollows() {
    scenario
        .send(request(step(Channel.RCS, on(UNDELIVERED), 300), step(Channel.SMS, null, null)))
        .accept(0);

    scenario.apply(new Input.Cancel(Scenario.T0.plusSeconds(5)));

    assertThat(scenario.commands())
        .extracting(c -> c.getType())
        .containsExactly(CommandType.SEND, CommandType.REVOKE);
    assertThat(scenario.onlyOutcome().getStatus()).isEqualTo(FinalStatus.CANCELLED);
    assertThat(scenario.statusNames()).endsWith("CANCELLED");
    assertThat(scenario.statuses().getLast().getTerminal()).isTrue();
  }

  @Test
  void whatWasAlreadySentIsListedAndALaterDeliveryIsRecordedWithoutUndoingTheCancel() {
    scenario
        .send(request(step(Channel.WHATSAPP, on(UNDELIVERED), 300), step(Channel.SMS, null, null)))
        .accept(0);
    scenario.apply(new Input.Cancel(Scenario.T0.plusSeconds(5)));
    assertThat(scenario.onlyOutcome().getAttempts())
        .extracting(a -> a.getChannel())
        .containsExactly(Channel.WHATSAPP);

    scenario.report(0, ReportStatus.DELIVERED);

    MessageOutcome amended = scenario.outcomes().getLast();
    assertThat(amended.getStatus()).isEqualTo(FinalStatus.CANCELLED);
    assertThat(amended.getAttempts().getFirst().getDeliveryDate()).isNotNull();
    assertThat(scenario.commands()).hasSize(1); // no fallback to SMS
  }

  @Test
  void anEndedMessageIsNotCancelled() {
    scenario
        .send(request(step(Channel.SMS, null, null)))
        .accept(0, 1)
        .report(0, ReportStatus.DELIVERED);

    scenario.apply(new Input.Cancel(Scenario.T0.plusSeconds(5)));

    assertThat(scenario.onlyOutcome().getStatus()).isEqualTo(FinalStatus.DELIVERED);
  }
}
