package dev.cascade.fallback.orchestration;

import dev.cascade.schemas.Channel;
import dev.cascade.schemas.FinalStatus;
import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.internal.Phase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything fallback-timer knows about one message. Immutable: the state machine returns a new
 * value. {@code timer} is the single pending timer of the message (null: none); the processor
 * keeps the time-ordered timer index in line with it. {@code ending} is null until it ended.
 *
 * @param revision the outcome's revision: 1 once ended, one more per amended outcome
 * @param lastStatus the status the message shows while it has not ended
 * @param events the message's timeline, oldest first (bounded, see {@link Timeline})
 */
public record MessageState(
    Accepted accepted,
    int currentStep,
    Phase phase,
    List<Attempt> attempts,
    Timer timer,
    Ending ending,
    int revision,
    StatusValue lastStatus,
    List<Event> events) {

  /** The request as it was taken in: what never changes. */
  public record Accepted(SendRequest request, String fingerprint, Instant at) {}

  public MessageState {
    attempts = List.copyOf(attempts);
    events = List.copyOf(events);
  }

  static MessageState fresh(Accepted accepted) {
    return new MessageState(
        accepted, 0, Phase.HELD, List.of(), null, null, 0, StatusValue.ACCEPTED, List.of());
  }

  public SendRequest request() {
    return accepted.request();
  }

  public String messageId() {
    return request().getMessageId();
  }

  public boolean ended() {
    return phase == Phase.ENDED;
  }

  /** Delivered on two channels: a late delivery after a fallback that delivered too. */
  public boolean doubleDelivered() {
    return attempts.stream().filter(Attempt::isDelivered).count() > 1;
  }

  /** When the pending timer is due; null when none is pending. */
  public Instant timerDueAt() {
    return timer == null ? null : timer.dueAt();
  }

  /** The attempt of {@code step}, if one was made. */
  Attempt attemptOf(int step) {
    return attempts.stream()
        .filter(attempt -> attempt.step() == step)
        .findFirst()
        .orElse(null);
  }

  Attempt attemptById(String attemptId) {
    return attempts.stream()
        .filter(attempt -> attempt.attemptId().equals(attemptId))
        .findFirst()
        .orElse(null);
  }

  MessageState withAttempt(Attempt updated) {
    List<Attempt> list = new ArrayList<>(attempts);
    int index = list.indexOf(attemptOf(updated.step()));
    if (index >= 0) {
      list.set(index, updated);
    } else {
      list.add(updated);
    }
    return new MessageState(
        accepted, currentStep, phase, list, timer, ending, revision, lastStatus, events);
  }

  MessageState atStep(int step, Phase newPhase) {
    return new MessageState(
        accepted, step, newPhase, attempts, timer, ending, revision, lastStatus, events);
  }

  MessageState withTimer(Instant dueAt, Timer.Kind kind) {
    Timer next = dueAt == null ? null : new Timer(dueAt, kind);
    return new MessageState(
        accepted, currentStep, phase, attempts, next, ending, revision, lastStatus, events);
  }

  MessageState withoutTimer() {
    return withTimer(null, null);
  }

  MessageState withLastStatus(StatusValue status) {
    return new MessageState(
        accepted, currentStep, phase, attempts, timer, ending, revision, status, events);
  }

  MessageState ended(FinalStatus status, Channel channel, Instant at) {
    return new MessageState(
        accepted,
        currentStep,
        Phase.ENDED,
        attempts,
        timer,
        new Ending(status, channel, at),
        revision + 1,
        lastStatus,
        events);
  }

  /** The outcome amended after the end (a delivery came late): a new revision, the same end time. */
  MessageState amended(FinalStatus status, Channel channel) {
    return new MessageState(
        accepted,
        currentStep,
        phase,
        attempts,
        timer,
        new Ending(status, channel, ending.at()),
        revision + 1,
        lastStatus,
        events);
  }

  /** The state with {@code event} appended to its timeline: the one way to record an event. */
  public MessageState withEvent(Event event) {
    return new MessageState(
        accepted,
        currentStep,
        phase,
        attempts,
        timer,
        ending,
        revision,
        lastStatus,
        Timeline.append(events, event));
  }

  int fallbackCount() {
    return Math.max(0, attempts.size() - 1);
  }
}
