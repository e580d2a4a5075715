package dev.cascade.fallback.orchestration;

import static dev.cascade.fallback.orchestration.Scenario.on;
import static dev.cascade.fallback.orchestration.Scenario.request;
import static dev.cascade.fallback.orchestration.Scenario.step;
import static dev.cascade.schemas.FallbackTrigger.UNDELIVERED;
import static java.time.Duration.ofHours;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.schemas.Channel;
import dev.cascade.schemas.DeliveryWindow;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC section 10, scheduled send: the first step leaves at sendAt, inside the delivery window. */
class ScheduledSendTest {

  private final Scenario scenario = new Scenario();

  @Test
  void theFirstStepLeavesAtSendAtAndItsTimersStartThen() {
    var request =
        request(step(Channel.WHATSAPP, on(UNDELIVERED), 60), step(Channel.SMS, null, null));
    request.setSendAt(Scenario.T0.plus(ofHours(3)));

    scenario.send(request);

    assertThat(scenario.commands()).isEmpty();
    assertThat(scenario.statusNames()).containsExactly("ACCEPTED", "SCHEDULED");
    assertThat(scenario.state.timerDueAt()).isEqualTo(Scenario.T0.plus(ofHours(3)));

    scenario.fireTimer().accept(0);

    assertThat(scenario.commands())
        .extracting(c -> c.getChannel())
        .containsExactly(Channel.WHATSAPP);
    assertThat(scenario.state.timerDueAt())
        .isEqualTo(Scenario.T0.plus(ofHours(3)).plusSeconds(60));
  }

  @Test
  void aSendAtOutsideTheDeliveryWindowWaitsForTheWindowToOpen() {
    // given: Thursday 10:00 UTC; sendAt 19:00 UTC = 21:00 in Rome, after the 08:00-20:00 window
    var request = request(step(Channel.SMS, null, null));
    request.setSendAt(Scenario.T0.plus(ofHours(9)));
    request.setDeliveryWindow(DeliveryWindow.newBuilder()
        .setDays(List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"))
        .setFrom("08:00")
        .setTo("20:00")
        .setZone("Europe/Rome")
        .build());
    scenario.send(request);

    scenario.fireTimer();

    // then: still held, until Friday 08:00 in Rome (06:00 UTC)
    assertThat(scenario.commands()).isEmpty();
    assertThat(scenario.state.timerDueAt()).isEqualTo(Scenario.T0.plus(ofHours(20)));
    scenario.fireTimer();
    assertThat(scenario.commands()).hasSize(1);
  }

  @Test
  void aSendAtAlreadyDueSendsAtOnce() {
    var request = request(step(Channel.SMS, null, null));
    request.setSendAt(Scenario.T0.minusSeconds(30));

    scenario.send(request);

    assertThat(scenario.commands()).hasSize(1);
  }
}
