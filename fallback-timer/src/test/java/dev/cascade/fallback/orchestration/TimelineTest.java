package dev.cascade.fallback.orchestration;

import static dev.cascade.fallback.orchestration.Scenario.on;
import static dev.cascade.fallback.orchestration.Scenario.request;
import static dev.cascade.fallback.orchestration.Scenario.step;
import static dev.cascade.schemas.FallbackTrigger.SEND_FAILED;
import static dev.cascade.schemas.FallbackTrigger.UNDELIVERED;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.CallbackDelivery;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ReportStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The message timeline (SPEC section 10) as the pure state machine records it. */
class TimelineTest {

  private final Scenario scenario = new Scenario();

  @Test
  void seed001RecordsEachCommandAttemptReportTimerAndTheOutcomeInOrder() {
    // given: WhatsApp rejects (131026), RCS rejects (AGENT_NOT_REACHABLE), SMS delivers
    scenario
        .send(request(
            step(Channel.WHATSAPP, on(SEND_FAILED, UNDELIVERED), 60),
            step(Channel.RCS, on(SEND_FAILED, UNDELIVERED), 300),
            step(Channel.SMS, null, null)))
        .reject(0, "131026")
        .reject(1, "AGENT_NOT_REACHABLE")
        .accept(2, 1)
        .at(ofSeconds(2))
        .report(2, ReportStatus.DELIVERED);

    // then
    assertThat(scenario.state.events())
        .extracting(Event::type, Event::step, Event::channel, Event::status, Event::code)
        .containsExactly(
            tuple("ACCEPTED", null, null, null, null),
            tuple("COMMAND", 0, Channel.WHATSAPP, "SEND", null),
            tuple("TIMER_ARMED", 0, Channel.WHATSAPP, "DISPATCH", null),
            tuple("ATTEMPT", 0, Channel.WHATSAPP, "REJECTED", "131026"),
            tuple("COMMAND", 1, Channel.RCS, "SEND", null),
            tuple("TIMER_ARMED", 1, Channel.RCS, "DISPATCH", null),
            tuple("ATTEMPT", 1, Channel.RCS, "REJECTED", "AGENT_NOT_REACHABLE"),
            tuple("COMMAND", 2, Channel.SMS, "SEND", null),
            tuple("TIMER_ARMED", 2, Channel.SMS, "DISPATCH", null),
            tuple("ATTEMPT", 2, Channel.SMS, "ACCEPTED", null),
            tuple("TIMER_ARMED", 2, Channel.SMS, "VALIDITY", null),
            tuple("REPORT", 2, Channel.SMS, "DELIVERED", null),
            tuple("OUTCOME", 2, Channel.SMS, "DELIVERED", null),
            tuple("TIMER_ARMED", null, null, "PURGE", null));
    List<Event> events = scenario.state.events();
    assertThat(events.getFirst().detail()).isEqualTo("WHATSAPP → RCS → SMS (from send.requests)");
    assertThat(events.get(4).detail()).isEqualTo("fallback after SEND_FAILED");
    assertThat(events.get(9).provider()).isEqualTo("prov");
    assertThat(events.get(9).detail()).isEqualTo("GSM7, 1 part(s)");
    assertThat(events.get(11).detail()).isEqualTo("provider status DELIVERED");
    assertThat(events.get(11).at()).isEqualTo(Scenario.T0.plusSeconds(2));
    assertThat(events).extracting(Event::at).isSorted();
  }

  @Test
  void aFiredTimerALateDeliveryAndTheAmendedOutcomeAreRecorded() {
    // given: seed 004, WhatsApp undelivered for 60 s, SMS delivers, WhatsApp delivers at 80 s
    scenario
        .send(request(step(Channel.WHATSAPP, on(UNDELIVERED), 60), step(Channel.SMS, null, null)))
        .accept(0)
        .at(ofSeconds(60))
        .fireTimer()
        .accept(1, 1)
        .at(ofSeconds(62))
        .report(1, ReportStatus.DELIVERED);

    // when
    scenario.at(ofSeconds(80)).report(0, ReportStatus.DELIVERED);

    // then
    assertThat(scenario.state.events())
        .extracting(Event::type, Event::step, Event::status)
        .contains(
            tuple("TIMER_ARMED", 0, "DELIVERY_TIMEOUT"),
            tuple("TIMER_FIRED", 0, "DELIVERY_TIMEOUT"),
            tuple("LATE_DELIVERY", 0, "DELIVERED"))
        .endsWith(
            tuple("REPORT", 0, "DELIVERED"),
            tuple("LATE_DELIVERY", 0, "DELIVERED"),
            tuple("OUTCOME", null, "DELIVERED"));
    assertThat(scenario.state.events().getLast().detail()).isEqualTo("amended: revision 2");
    assertThat(scenario.state.events())
        .filteredOn(e -> e.is(Event.Type.COMMAND) && e.step() == 1)
        .singleElement()
        .satisfies(e -> assertThat(e.detail()).isEqualTo("fallback after DELIVERY_TIMEOUT"));
  }

  @Test
  void aRevokeRequestAndItsAnswerAreRecorded() {
    // given: an RCS step that revokes before its fallback after 30 s
    var rcs = step(Channel.RCS, on(UNDELIVERED), 30);
    rcs.getFallback().setRevoke(true);
    scenario.send(request(rcs, step(Channel.SMS, null, null))).accept(0);

    // when
    scenario.fireTimer().revokeAnswer(0, AttemptResult.REVOKED);

    // then
    assertThat(scenario.state.events())
        .filteredOn(e -> e.is(Event.Type.REVOKE))
        .extracting(Event::status, Event::channel)
        .containsExactly(tuple("REQUESTED", Channel.RCS), tuple("REVOKED", Channel.RCS));
  }

  @Test
  void aCancelIsRecordedBeforeTheCancelledOutcome() {
    scenario
        .send(request(step(Channel.WHATSAPP, on(UNDELIVERED), 60), step(Channel.SMS, null, null)))
        .accept(0)
        .apply(new Input.Cancel(Scenario.T0));

    assertThat(scenario.state.events())
        .extracting(Event::type, Event::status)
        .endsWith(
            tuple("CANCELLED", null), tuple("OUTCOME", "CANCELLED"), tuple("TIMER_ARMED", "PURGE"));
  }

  @Test
  void aDeliveredCallbackIsRecordedWithItsOriginOnlyAndChangesNothingElse() {
    // given: a message that ended
    scenario
        .send(request(step(Channel.SMS, null, null)))
        .accept(0, 1)
        .report(0, ReportStatus.DELIVERED);
    MessageState before = scenario.state;
    int emitted = scenario.outcomes().size() + scenario.statuses().size();

    // when
    scenario.apply(Inputs.callback(CallbackDelivery.newBuilder()
        .setMessageId("msg-1")
        .setDeliveryId("d-1")
        .setEvent("OUTCOME")
        .setUrl("https://user:secret@hooks.example.com:8443/cascade?token=abc")
        .setDelivered(true)
        .setHttpStatus(204)
        .setTries(2)
        .setAt(Scenario.T0.plusSeconds(5))
        .build()));

    // then
    Event callback = scenario.state.events().getLast();
    assertThat(callback.type()).isEqualTo("CALLBACK_DELIVERED");
    assertThat(callback.status()).isEqualTo("OUTCOME");
    assertThat(callback.code()).isEqualTo("204");
    assertThat(callback.detail())
        .isEqualTo("to https://hooks.example.com:8443 after 2 tries, delivery d-1")
        .doesNotContain("secret", "token");
    assertThat(scenario.state.attempts()).isEqualTo(before.attempts());
    assertThat(scenario.state.timer()).isEqualTo(before.timer());
    assertThat(scenario.outcomes().size() + scenario.statuses().size()).isEqualTo(emitted);
  }

  @Test
  void aCallbackForAnUnknownMessageIsDropped() {
    Transition transition = new FallbackStateMachine(Policy.defaults())
        .apply(
            null,
            new Input.CallbackDelivered(Event.of(Scenario.T0, Event.Type.CALLBACK_FAILED)),
            Scenario.T0);

    assertThat(transition.state()).isNull();
    assertThat(transition.effects()).isEmpty();
  }

  @Test
  void aFullTimelineDropsRepeatedReportsFirstAndKeepsTheFirstEvent() {
    // given: a full timeline of one ACCEPTED, one distinct report, then repeated reports
    List<Event> events = new ArrayList<>();
    Instant at = Scenario.T0;
    events.add(Event.of(at, Event.Type.ACCEPTED));
    events.add(Event.of(at, Event.Type.REPORT).step(0).status("SENT"));
    while (events.size() < Timeline.MAX_EVENTS) {
      events.add(Event.of(at, Event.Type.REPORT).step(0).status("DELIVERED"));
    }

    // when
    List<Event> next = Timeline.append(events, Event.of(at, Event.Type.OUTCOME));

    // then: one repeated DELIVERED report made room; the first of each kind is kept
    assertThat(next).hasSize(Timeline.MAX_EVENTS);
    assertThat(next.getFirst().type()).isEqualTo("ACCEPTED");
    assertThat(next.get(1).status()).isEqualTo("SENT");
    assertThat(next.get(2).status()).isEqualTo("DELIVERED");
    assertThat(next.getLast().type()).isEqualTo("OUTCOME");
    assertThat(next.stream().filter(e -> "DELIVERED".equals(e.status())).count())
        .isEqualTo(Timeline.MAX_EVENTS - 3);
  }

  @Test
  void aFullTimelineWithoutReportsDropsTheOldestEventAfterTheFirst() {
    List<Event> events = new ArrayList<>();
    events.add(Event.of(Scenario.T0, Event.Type.ACCEPTED));
    for (int i = 1; i < Timeline.MAX_EVENTS; i++) {
      events.add(Event.of(Scenario.T0.plusSeconds(i), Event.Type.TIMER_ARMED));
    }

    List<Event> next = Timeline.append(events, Event.of(Scenario.T0, Event.Type.OUTCOME));

    assertThat(next).hasSize(Timeline.MAX_EVENTS);
    assertThat(next.getFirst().type()).isEqualTo("ACCEPTED");
    assertThat(next.get(1).at()).isEqualTo(Scenario.T0.plusSeconds(2));
  }
}
