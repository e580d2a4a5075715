package dev.cascade.fallback.orchestration;

import dev.cascade.schemas.Channel;
import dev.cascade.schemas.FinalStatus;
import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.internal.Phase;
import dev.cascade.schemas.internal.TimerKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything fallback-timer knows about one message. Immutable: the state machine returns a new
 * value. {@code timerDueAt}/{@code timerKind} is the single pending timer of the message; the
 * processor keeps the time-ordered timer index in line with it.
 */
public record MessageState(
    SendRequest request,
    String requestFingerprint,
    int currentStep,
    Phase phase,
    List<Attempt> attempts,
    Instant timerDueAt,
    TimerKind timerKind,
    FinalStatus finalStatus,
    Channel finalChannel,
    int revision,
    boolean doubleDelivered,
    Instant acceptedAt,
    Instant endedAt,
    String lastStatus) {

  public MessageState {
    attempts = List.copyOf(attempts);
  }

  public String messageId() {
    return request.getMessageId();
  }

  public boolean ended() {
    return phase == Phase.ENDED;
  }

  /** The attempt of {@code step}, if one was made. */
  Attempt attemptOf(int step) {
    for (Attempt attempt : attempts) {
      if (attempt.step() == step) {
        return attempt;
      }
    }
    return null;
  }

  Attempt attemptById(String attemptId) {
    for (Attempt attempt : attempts) {
      if (attempt.attemptId().equals(attemptId)) {
        return attempt;
      }
    }
    return null;
  }

  MessageState withAttempt(Attempt updated) {
    List<Attempt> list = new ArrayList<>(attempts);
    boolean replaced = false;
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).step() == updated.step()) {
        list.set(i, updated);
        replaced = true;
      }
    }
    if (!replaced) {
      list.add(updated);
    }
    return new MessageState(request, requestFingerprint, currentStep, phase, list, timerDueAt,
        timerKind, finalStatus, finalChannel, revision, doubleDelivered, acceptedAt, endedAt, lastStatus);
  }

  MessageState atStep(int step, Phase newPhase) {
    return new MessageState(request, requestFingerprint, step, newPhase, attempts, timerDueAt,
        timerKind, finalStatus, finalChannel, revision, doubleDelivered, acceptedAt, endedAt, lastStatus);
  }

  MessageState withTimer(Instant dueAt, TimerKind kind) {
    return new MessageState(request, requestFingerprint, currentStep, phase, attempts, dueAt, kind,
        finalStatus, finalChannel, revision, doubleDelivered, acceptedAt, endedAt, lastStatus);
  }

  MessageState withoutTimer() {
    return withTimer(null, null);
  }

  MessageState withLastStatus(String status) {
    return new MessageState(request, requestFingerprint, currentStep, phase, attempts, timerDueAt,
        timerKind, finalStatus, finalChannel, revision, doubleDelivered, acceptedAt, endedAt, status);
  }

  MessageState ended(FinalStatus status, Channel channel, Instant at) {
    return new MessageState(request, requestFingerprint, currentStep, Phase.ENDED, attempts, timerDueAt,
        timerKind, status, channel, revision + 1, doubleDelivered, acceptedAt, at, lastStatus);
  }

  MessageState doubleDeliveredAmended(boolean amendRevision) {
    return new MessageState(request, requestFingerprint, currentStep, phase, attempts, timerDueAt,
        timerKind, finalStatus, finalChannel, amendRevision ? revision + 1 : revision, true, acceptedAt,
        endedAt, lastStatus);
  }

  int fallbackCount() {
    return Math.max(0, attempts.size() - 1);
  }
}
