package dev.cascade.fallback.orchestration;

import static dev.cascade.fallback.orchestration.Scenario.on;
import static dev.cascade.fallback.orchestration.Scenario.request;
import static dev.cascade.fallback.orchestration.Scenario.step;
import static dev.cascade.schemas.FallbackTrigger.UNDELIVERED;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.schemas.Channel;
import dev.cascade.schemas.DeliveryWindow;
import dev.cascade.schemas.FinalStatus;
import dev.cascade.schemas.MessageOutcome;
import dev.cascade.schemas.ReportStatus;
import dev.cascade.schemas.UsageEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seed 004: a DELIVERED report after the fallback fired, and delivery windows. */
class LateDeliveryTest {

  private final Scenario scenario = new Scenario();

  @Test
  void whatsappDeliveredAt80sAfterTheSmsFallbackAt60sIsALateDoubleDelivery() {
    // given: WhatsApp with UNDELIVERED after 60 s, SMS after it (seed 004)
    scenario
        .send(request(step(Channel.WHATSAPP, on(UNDELIVERED), 60), step(Channel.SMS, null, null)))
        .accept(0)
        .at(ofSeconds(60))
        .fireTimer()
        .accept(1, 1)
        .at(ofSeconds(62))
        .report(1, ReportStatus.DELIVERED);
    MessageOutcome first = scenario.onlyOutcome();
    assertThat(first.getRevision()).isEqualTo(1);
    assertThat(first.getDoubleDelivered()).isFalse();

    // when: the WhatsApp DELIVERED report arrives at 80 s
    scenario.at(ofSeconds(80)).report(0, ReportStatus.DELIVERED);

    // then: recorded, billed twice visibly, and an amended outcome
    assertThat(scenario.statusNames()).contains("LATE_DELIVERY");
    assertThat(scenario.usage())
        .extracting(UsageEvent::getChannel)
        .containsExactly(Channel.SMS, Channel.WHATSAPP);
    assertThat(scenario.usage().get(1).getLateAfterFallback()).isTrue();
    List<MessageOutcome> outcomes = scenario.outcomes();
    assertThat(outcomes).hasSize(2);
    MessageOutcome amended = outcomes.get(1);
    assertThat(amended.getRevision()).isEqualTo(2);
    assertThat(amended.getDoubleDelivered()).isTrue();
    assertThat(amended.getStatus()).isEqualTo(FinalStatus.DELIVERED);
    assertThat(amended.getAttempts().getFirst().getLateDelivery()).isTrue();
    assertThat(amended.getAttempts().getFirst().getDeliveryDate())
        .isEqualTo(Scenario.T0.plusSeconds(80));
  }

  @Test
  void aLateDeliveryBeforeTheEndMarksTheComingOutcomeDoubleDelivered() {
    scenario
        .send(request(step(Channel.WHATSAPP, on(UNDELIVERED), 60), step(Channel.SMS, null, null)))
        .accept(0)
        .fireTimer()
        .accept(1, 1)
        .report(0, ReportStatus.DELIVERED)
        .report(1, ReportStatus.DELIVERED);

    MessageOutcome outcome = scenario.onlyOutcome();
    assertThat(outcome.getDoubleDelivered()).isTrue();
    assertThat(outcome.getRevision()).isEqualTo(1);
  }

  @Test
  void aReadAfterTheEndIsRecordedWithoutANewOutcome() {
    // (a channel repeats only with another provider: SPEC section 3)
    var smsOverSmpp = step(Channel.SMS, null, null);
    smsOverSmpp.setProvider("smpp");
    scenario
        .send(request(step(Channel.SMS, null, null), smsOverSmpp))
        .accept(0, 1)
        .report(0, ReportStatus.DELIVERED)
        .report(0, ReportStatus.READ);

    assertThat(scenario.outcomes()).hasSize(1);
    assertThat(scenario.state.attemptOf(0).readDate()).isNotNull();
    assertThat(scenario.statusNames()).endsWith("REPORT");
  }

  @Test
  void aStepOutsideTheDeliveryWindowIsHeldAndItsTimersStartWhenSent() {
    // given: Thursday 10:00 UTC = 12:00 in Rome, window 14:00-20:00 Rome time
    var request = request(step(Channel.RCS, on(UNDELIVERED), 5), step(Channel.SMS, null, null));
    request.setDeliveryWindow(window("14:00", "20:00"));
    scenario.send(request);

    assertThat(scenario.commands()).isEmpty();
    assertThat(scenario.statusNames()).containsExactly("ACCEPTED", "SCHEDULED");
    assertThat(scenario.state.timerDueAt()).isEqualTo(Scenario.T0.plusSeconds(2 * 3600));

    // when the window opens the RCS step leaves; its 5 s timer starts at acceptance
    scenario.fireTimer().accept(0);
    assertThat(scenario.commands()).hasSize(1);
    assertThat(scenario.state.timerDueAt()).isEqualTo(Scenario.T0.plusSeconds(2 * 3600 + 5));
    scenario.fireTimer();
    assertThat(scenario.commands())
        .extracting(c -> c.getChannel())
        .containsExactly(Channel.RCS, Channel.SMS);
  }

  @Test
  void aLateDeliveryCancelsANextStepStillHeldByItsWindow() {
    // given: sent at 11:59:50 Rome time; the window closes at 12:00, so the SMS fallback at
    // 12:00:05 is held until the window opens the next morning
    var request =
        request(step(Channel.WHATSAPP, on(UNDELIVERED), 15), step(Channel.SMS, null, null));
    request.setDeliveryWindow(window("08:00", "12:00"));
    scenario.at(ofSeconds(-10)).send(request).accept(0).fireTimer();
    assertThat(scenario.statusNames()).endsWith("SWITCHING_CHANNEL", "SCHEDULED");

    // when
    scenario.report(0, ReportStatus.DELIVERED);

    // then: no SMS was ever sent; the message ends delivered on WhatsApp
    assertThat(scenario.commands())
        .extracting(c -> c.getChannel())
        .containsExactly(Channel.WHATSAPP);
    MessageOutcome outcome = scenario.onlyOutcome();
    assertThat(outcome.getStatus()).isEqualTo(FinalStatus.DELIVERED);
    assertThat(outcome.getChannel()).isEqualTo(Channel.WHATSAPP);
    assertThat(outcome.getDoubleDelivered()).isFalse();
  }

  private static DeliveryWindow window(String from, String to) {
    return DeliveryWindow.newBuilder()
        .setDays(List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"))
        .setFrom(from)
        .setTo(to)
        .setZone("Europe/Rome")
        .build();
  }
}
