package dev.cascade.fallback.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.fallback.orchestration.Input.AttemptOutcome;
import dev.cascade.fallback.orchestration.Input.Received;
import dev.cascade.fallback.orchestration.Input.Report;
import dev.cascade.fallback.orchestration.Input.TimerFired;
import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.CommandType;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.Fallback;
import dev.cascade.schemas.FallbackTrigger;
import dev.cascade.schemas.MessageOutcome;
import dev.cascade.schemas.MessageStatus;
import dev.cascade.schemas.ReportStatus;
import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.Step;
import dev.cascade.schemas.UsageEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Drives the pure state machine through a story, collecting everything it emits. */
final class Scenario {

  static final Instant T0 = Instant.parse("2026-04-09T10:00:00Z"); // a Thursday

  private final FallbackStateMachine machine = new FallbackStateMachine(Policy.defaults());
  private final List<Effect> effects = new ArrayList<>();
  MessageState state;
  Instant now = T0;

  static Step step(Channel channel, FallbackTrigger[] on, Integer afterSeconds) {
    Step.Builder step = Step.newBuilder()
        .setChannel(channel)
        .setSender("sender-" + channel)
        .setContent(Content.newBuilder().setText("Your code is 1234").build());
    if (on != null) {
      step.setFallback(
          Fallback.newBuilder().setOn(List.of(on)).setAfterSeconds(afterSeconds).build());
    }
    return step.build();
  }

  static FallbackTrigger[] on(FallbackTrigger... triggers) {
    return triggers;
  }

  static SendRequest request(Step... steps) {
    return SendRequest.newBuilder()
        .setMessageId("msg-1")
        .setTo("+393401230000")
        .setSteps(List.of(steps))
        .build();
  }

  Scenario send(SendRequest request) {
    return apply(new Received(request, "fingerprint-" + request.hashCode()));
  }

  Scenario at(Duration sinceStart) {
    now = T0.plus(sinceStart);
    return this;
  }

  Scenario accept(int step) {
    return accept(step, null);
  }

  Scenario accept(int step, Integer parts) {
    return outcome(step, CommandType.SEND, AttemptResult.ACCEPTED, null, parts);
  }

  Scenario reject(int step, String code) {
    return outcome(step, CommandType.SEND, AttemptResult.REJECTED, code, null);
  }

  Scenario notCapable(int step) {
    return outcome(step, CommandType.SEND, AttemptResult.NOT_CAPABLE, "404", null);
  }

  Scenario revokeAnswer(int step, AttemptResult result) {
    return outcome(step, CommandType.REVOKE, result, null, null);
  }

  private Scenario outcome(
      int step, CommandType type, AttemptResult result, String code, Integer parts) {
    String attemptId = Run.attemptId("msg-1", step);
    return apply(new AttemptOutcome(
        attemptId,
        step,
        type,
        result,
        "prov",
        List.of("prov"),
        result == AttemptResult.ACCEPTED ? List.of("pm-" + step) : List.of(),
        code,
        null,
        parts == null ? null : "GSM7",
        parts,
        now));
  }

  /** The worker called {@code tried} in order; the last one accepted (the others were unavailable). */
  Scenario acceptAfterFailover(int step, List<String> tried) {
    return apply(new AttemptOutcome(
        Run.attemptId("msg-1", step),
        step,
        CommandType.SEND,
        AttemptResult.ACCEPTED,
        tried.getLast(),
        tried,
        List.of("pm-" + step),
        null,
        null,
        null,
        null,
        now));
  }

  Scenario report(int step, ReportStatus status) {
    return apply(
        new Report(Run.attemptId("msg-1", step), step, null, status, status.name(), null, now));
  }

  /** A report naming one provider id (one SMS part). */
  Scenario reportPart(int step, String providerMessageId, ReportStatus status) {
    return apply(new Report(
        Run.attemptId("msg-1", step), step, providerMessageId, status, status.name(), null, now));
  }

  /** The provider accepted a multipart SMS, one provider id per part. */
  Scenario acceptParts(int step, List<String> partIds) {
    return apply(new AttemptOutcome(
        Run.attemptId("msg-1", step),
        step,
        CommandType.SEND,
        AttemptResult.ACCEPTED,
        "smpp",
        List.of("smpp"),
        partIds,
        null,
        null,
        "UCS2",
        partIds.size(),
        now));
  }

  /** Moves the clock to the pending timer and fires it. */
  Scenario fireTimer() {
    assertThat(state.timerDueAt()).as("a pending timer").isNotNull();
    now = state.timerDueAt();
    return apply(new TimerFired(state.timerDueAt()));
  }

  Scenario apply(Input input) {
    Transition transition = machine.apply(state, input, now);
    state = transition.state();
    effects.addAll(transition.effects());
    return this;
  }

  List<ChannelCommand> commands() {
    return effects.stream()
        .filter(Effect.Command.class::isInstance)
        .map(e -> ((Effect.Command) e).command())
        .toList();
  }

  List<MessageOutcome> outcomes() {
    return effects.stream()
        .filter(Effect.Outcome.class::isInstance)
        .map(e -> ((Effect.Outcome) e).outcome())
        .toList();
  }

  List<Effect.Rejected> rejected() {
    return effects.stream()
        .filter(Effect.Rejected.class::isInstance)
        .map(Effect.Rejected.class::cast)
        .toList();
  }

  List<UsageEvent> usage() {
    return effects.stream()
        .filter(Effect.Usage.class::isInstance)
        .map(e -> ((Effect.Usage) e).usage())
        .toList();
  }

  List<MessageStatus> statuses() {
    return effects.stream()
        .filter(Effect.Status.class::isInstance)
        .map(e -> ((Effect.Status) e).status())
        .toList();
  }

  List<String> statusNames() {
    return statuses().stream().map(MessageStatus::getStatus).toList();
  }

  MessageOutcome onlyOutcome() {
    assertThat(outcomes()).hasSize(1);
    return outcomes().getFirst();
  }
}
