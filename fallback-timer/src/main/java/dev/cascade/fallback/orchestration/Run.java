package dev.cascade.fallback.orchestration;

import dev.cascade.platform.channels.ChannelTraits;
import dev.cascade.platform.content.SmsText;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.CommandType;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.DeliveryWindow;
import dev.cascade.schemas.FallbackTrigger;
import dev.cascade.schemas.FinalStatus;
import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.Step;
import dev.cascade.schemas.internal.Phase;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One application of an input: the evolving state, the records to emit, and the moves SPEC section 4 names. */
final class Run {

  private MessageState state;
  private final Instant now;
  private final Policy policy;
  private final List<Effect> effects = new ArrayList<>();
  /** Why the step being started follows another: set by a fallback, told by the next command. */
  private Reason fallbackReason;

  Run(MessageState state, Instant now, Policy policy) {
    this.state = state;
    this.now = now;
    this.policy = policy;
  }

  Transition transition() {
    return new Transition(state, effects);
  }

  MessageState state() {
    return state;
  }

  Instant now() {
    return now;
  }

  StepRules rules(int step) {
    List<Step> steps = state.request().getSteps();
    Step planned = steps.get(step);
    return StepRules.of(planned, step == steps.size() - 1, policy.traits(planned.getChannel()));
  }

  ChannelTraits traits(Attempt attempt) {
    return policy.traits(attempt.channel());
  }

  Attempt currentAttempt() {
    return state.attemptOf(state.currentStep());
  }

  /** Appends {@code event} to the message's timeline (GET /v1/messages/{id}/events). */
  void note(Event event) {
    state = state.withEvent(event);
  }

  /** An event of the message as a whole, happening now. */
  Event event(Event.Type type) {
    return Event.of(now, type);
  }

  /** An event of {@code step}, happening now: its channel, and its provider as far as known. */
  Event event(Event.Type type, int step) {
    Step planned = state.request().getSteps().get(step);
    Attempt attempt = state.attemptOf(step);
    String provider =
        attempt != null && attempt.provider() != null ? attempt.provider() : planned.getProvider();
    return event(type).step(step).channel(planned.getChannel()).provider(provider);
  }

  void enterPhase(Phase phase) {
    state = state.atStep(state.currentStep(), phase);
  }

  void replace(Attempt attempt) {
    state = state.withAttempt(attempt);
  }

  /** Starts {@code step}: now, or when its delivery window opens. */
  void startStep(int step) {
    DeliveryWindow window = state.request().getDeliveryWindow();
    Instant opening = window == null ? now : DeliveryWindows.nextOpening(window, now);
    if (opening.isAfter(now)) {
      hold(step, opening);
      return;
    }
    dispatch(step);
  }

  /** Holds {@code step} until {@code until} (a scheduled send, a delivery window), then starts it. */
  void hold(int step, Instant until) {
    state = state.atStep(step, Phase.HELD);
    String why = fallbackNote() == null ? "" : "; " + fallbackNote();
    note(event(Event.Type.SCHEDULED, step).detail("until " + until + why));
    arm(until, Timer.Kind.WINDOW_OPEN);
    emitStatus(StatusValue.SCHEDULED, step);
  }

  /** Sends the step's command; its timers start when the provider accepts it. */
  void dispatch(int step) {
    SendRequest request = state.request();
    Step planned = request.getSteps().get(step);
    String attemptId = attemptId(request.getMessageId(), step);
    replace(Attempt.queued(step, attemptId, planned.getChannel(), planned.getProvider()));
    state = state.atStep(step, Phase.SENDING);
    note(event(Event.Type.COMMAND, step).status(CommandType.SEND.name()).detail(fallbackNote()));
    arm(now.plus(policy.dispatchTimeout()), Timer.Kind.DISPATCH);
    effects.add(new Effect.Command(Records.command(
        state,
        CommandType.SEND,
        step,
        attemptId,
        content(step),
        List.of(),
        rules(step).validity(),
        now)));
    emitStatus(StatusValue.SENDING, step);
  }

  /** Revokes the undelivered attempt before falling back; {@code reason} is why it gives way. */
  void revoke(Attempt attempt, Reason reason) {
    replace(attempt.withReason(reason));
    state = state.atStep(attempt.step(), Phase.REVOKING);
    note(event(Event.Type.REVOKE, attempt.step())
        .status("REQUESTED")
        .detail("before falling back on " + reason));
    arm(now.plus(policy.dispatchTimeout()), Timer.Kind.DISPATCH);
    effects.add(new Effect.Command(Records.command(
        state,
        CommandType.REVOKE,
        attempt.step(),
        attempt.attemptId(),
        null,
        attempt.providerMessageIds(),
        rules(attempt.step()).validity(),
        now)));
    emitStatus(StatusValue.REVOKING, attempt.step(), reason);
  }

  /** Asks the provider to revoke the attempt without waiting for the answer (a cancel). */
  void revokeOnly(Attempt attempt) {
    note(event(Event.Type.REVOKE, attempt.step()).status("REQUESTED").detail("cancelled"));
    effects.add(new Effect.Command(Records.command(
        state,
        CommandType.REVOKE,
        attempt.step(),
        attempt.attemptId(),
        null,
        attempt.providerMessageIds(),
        rules(attempt.step()).validity(),
        now)));
  }

  /** Arms the one timer the current, accepted step waits on. */
  void armWaitingTimer() {
    Attempt attempt = currentAttempt();
    StepRules rules = rules(attempt.step());
    Instant base = attempt.sendDate() == null ? now : attempt.sendDate();
    Instant validityEnd = base.plus(rules.validity());
    boolean delivered = attempt.isDelivered();
    FallbackTrigger watched = delivered ? FallbackTrigger.UNREAD : FallbackTrigger.UNDELIVERED;
    if (rules.after().isPresent() && rules.fallsBackOn(watched)) {
      Timer.Kind kind = delivered ? Timer.Kind.READ_TIMEOUT : Timer.Kind.DELIVERY_TIMEOUT;
      arm(base.plus(rules.after().get()), kind);
    } else {
      arm(validityEnd, Timer.Kind.VALIDITY);
    }
  }

  /** Makes {@code kind} due at {@code dueAt} the message's one pending timer. */
  void arm(Instant dueAt, Timer.Kind kind) {
    state = state.withTimer(dueAt, kind);
    Event armed = event(Event.Type.TIMER_ARMED).status(kind.name()).detail("due " + dueAt);
    note(
        state.phase() == Phase.ENDED
            ? armed
            : armed
                .step(state.currentStep())
                .channel(state.request().getSteps().get(state.currentStep()).getChannel()));
  }

  /** Why the step being started follows another one, if it does. */
  private String fallbackNote() {
    return fallbackReason == null ? null : "fallback after " + fallbackReason;
  }

  /**
   * The current attempt ended short of what its step waits for: fall back when {@code trigger}
   * is one of the step's triggers, else end the message as {@code otherwise}.
   */
  void giveWay(FallbackTrigger trigger, Reason reason, FinalStatus otherwise) {
    Attempt attempt = currentAttempt();
    replace(attempt.withReason(reason));
    if (rules(attempt.step()).fallsBackOn(trigger)) {
      fallBack(reason);
    } else {
      end(otherwise);
    }
  }

  /** Moves to the next step; {@code reason} is recorded on the attempt that gave way. */
  void fallBack(Reason reason) {
    int next = state.currentStep() + 1;
    replace(currentAttempt().withReason(reason));
    emitStatus(StatusValue.SWITCHING_CHANNEL, next, reason);
    fallbackReason = reason;
    startStep(next);
  }

  /** Ends the message: one outcome, then the state is kept for late reports until purged. */
  void end(FinalStatus status) {
    end(status, state.request().getSteps().get(state.currentStep()).getChannel());
  }

  /** Ends the message on {@code channel}: the channel of the step that ended it. */
  void end(FinalStatus status, Channel channel) {
    state = state.ended(status, channel, now);
    note(event(Event.Type.OUTCOME)
        .step(state.currentStep())
        .channel(channel)
        .status(status.name())
        .detail("revision " + state.revision()));
    arm(purgeAt(), Timer.Kind.PURGE);
    Attempt current = currentAttempt();
    emit(
        StatusValue.of(status),
        state.currentStep(),
        current == null ? null : current.reason(),
        true);
    effects.add(new Effect.Outcome(Records.outcome(state)));
  }

  /**
   * Amends the outcome of an ended message that a delivery reached after its end: a new revision
   * with {@code status} on {@code channel}; the final status is emitted again when it changed.
   */
  void amendOutcome(FinalStatus status, Channel channel) {
    boolean changed = state.ending().status() != status;
    state = state.amended(status, channel);
    note(event(Event.Type.OUTCOME)
        .channel(channel)
        .status(status.name())
        .detail("amended: revision " + state.revision()));
    if (changed) {
      emit(StatusValue.of(status), state.currentStep(), null, true);
    }
    effects.add(new Effect.Outcome(Records.outcome(state)));
  }

  /** Bills the attempt once (never in simulation) and emits its usage event. */
  Attempt bill(Attempt attempt, boolean lateAfterFallback) {
    if (attempt.billed() || state.request().getSimulation()) {
      return attempt;
    }
    int units = traits(attempt).billedPerPart() && attempt.parts() != null ? attempt.parts() : 1;
    BigDecimal price = policy.price(attempt.channel(), units);
    Attempt billed = attempt.billedAt(price, policy.currency());
    Attempt previous = attempt.step() == 0 ? null : state.attemptOf(attempt.step() - 1);
    effects.add(new Effect.Usage(Records.usage(
        state, attempt, previous, units, price, policy.currency(), lateAfterFallback, now)));
    return billed;
  }

  void emitStatus(StatusValue status, Integer step) {
    emit(status, step, null, false);
  }

  void emitStatus(StatusValue status, Integer step, Reason reason) {
    emit(status, step, reason.name(), false);
  }

  /** A status with a free-text detail in its reason field (a report's status, a rejection). */
  void emitStatus(StatusValue status, Integer step, String detail) {
    emit(status, step, detail, false);
  }

  /** The message's current status once more (an ended message's is terminal). */
  void repeatCurrentStatus() {
    emit(state.lastStatus(), null, null, state.ended());
  }

  private void emit(StatusValue status, Integer step, String reason, boolean terminal) {
    if (status.describesMessage()) {
      state = state.withLastStatus(status);
    }
    effects.add(new Effect.Status(Records.status(state, status, step, reason, terminal, now)));
  }

  /**
   * When an ended message's state may go: once late reports can no longer come and its messageId
   * is no longer guarded against a second run (the idempotency retention, from acceptance).
   */
  private Instant purgeAt() {
    Instant lateReportsEnd = now.plus(retention());
    Instant idempotencyEnd = state.accepted().at().plus(policy.idempotencyRetention());
    return lateReportsEnd.isAfter(idempotencyEnd) ? lateReportsEnd : idempotencyEnd;
  }

  /**
   * Late reports can come for as long as the longest validity among the steps fallen back from
   * (validation caps each at 48 h); the state stays readable at least the configured minimum.
   */
  private Duration retention() {
    Duration longest = policy.minRetention();
    for (int step = 0; step < state.currentStep(); step++) {
      Duration validity = rules(step).validity();
      if (validity.compareTo(longest) > 0) {
        longest = validity;
      }
    }
    return longest;
  }

  /** What the step's command carries: segmented-text channels get their (possibly converted) text. */
  private Content content(int step) {
    List<Step> steps = state.request().getSteps();
    if (!policy.traits(steps.get(step).getChannel()).segmentedText()) {
      return steps.get(step).getContent();
    }
    return Content.newBuilder()
        .setText(SmsText.of(steps, step, policy.smsMaxPartsForConversion()))
        .build();
  }

  /** Deterministic, so a replayed command after a crash carries the same id to the provider. */
  static String attemptId(String messageId, int step) {
    return UUID.nameUUIDFromBytes((messageId + "#" + step).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
