package dev.cascade.fallback.orchestration;

import dev.cascade.fallback.orchestration.Input.AttemptOutcome;
import dev.cascade.fallback.orchestration.Input.CallbackDelivered;
import dev.cascade.fallback.orchestration.Input.Cancel;
import dev.cascade.fallback.orchestration.Input.Received;
import dev.cascade.fallback.orchestration.Input.Report;
import dev.cascade.fallback.orchestration.Input.TimerFired;
import dev.cascade.platform.requests.SendRequestRules;
import dev.cascade.platform.requests.Violation;
import dev.cascade.schemas.DeliveryStatus;
import dev.cascade.schemas.FallbackTrigger;
import dev.cascade.schemas.FinalStatus;
import dev.cascade.schemas.internal.Phase;
import java.time.Instant;
import java.util.List;

/**
 * The per-message fallback state machine of SPEC section 4, as a pure function:
 * {@code (state, input, now) -> (new state, records to emit)}. No Kafka, no clock, no I/O, so
 * every rule is tested directly.
 */
public final class FallbackStateMachine {

  private final Policy policy;
  private final SendRequestRules requestRules;

  public FallbackStateMachine(Policy policy) {
    this.policy = policy;
    this.requestRules = policy.requestRules();
  }

  /** Applies {@code input} to {@code state} ({@code null} when the message is unknown). */
  public Transition apply(MessageState state, Input input, Instant now) {
    return switch (input) {
      case Received received -> onReceived(state, received, now);
      case AttemptOutcome outcome ->
        state == null ? unchanged(null) : onAttempt(state, outcome, now);
      case Report report -> state == null ? unchanged(null) : onReport(state, report, now);
      case TimerFired timer -> state == null ? unchanged(null) : onTimer(state, timer, now);
      case Cancel cancel ->
        state == null || state.ended() ? unchanged(state) : onCancel(state, now);
      case CallbackDelivered callback ->
        state == null ? unchanged(null) : unchanged(state.withEvent(callback.event()));
    };
  }

  private Transition onReceived(MessageState state, Received received, Instant now) {
    if (state != null) {
      if (state.accepted().fingerprint().equals(received.fingerprint())) {
        return unchanged(state); // the same request again: idempotent, nothing new happens
      }
      // A different request under a used messageId never starts a second run. The current
      // status is repeated after the rejection so the compacted status topic keeps it.
      Run run = new Run(state, now, policy);
      run.emitStatus(
          StatusValue.DUPLICATE_REJECTED, null, "messageId already used for a different request");
      run.repeatCurrentStatus();
      return run.transition();
    }
    List<Violation> problems = requestRules.violations(received.request(), now);
    if (!problems.isEmpty()) {
      // the dead-letter record for operators, and a FAILED outcome so the producer learns it
      return new Transition(
          null,
          List.of(
              new Effect.Rejected(received.request(), problems),
              new Effect.Outcome(Records.invalidRequest(received.request(), problems, now))));
    }
    MessageState fresh = MessageState.fresh(
        new MessageState.Accepted(received.request(), received.fingerprint(), now));
    Run run = new Run(fresh, now, policy);
    run.note(run.event(Event.Type.ACCEPTED).detail(acceptedDetail(received.request())));
    run.emitStatus(StatusValue.ACCEPTED, 0);
    Instant sendAt = received.request().getSendAt();
    if (sendAt != null && sendAt.isAfter(now)) {
      run.hold(0, sendAt); // a scheduled send: the first step leaves at sendAt
    } else {
      run.startStep(0);
    }
    return run.transition();
  }

  private Transition onAttempt(MessageState state, AttemptOutcome outcome, Instant now) {
    Attempt attempt = state.attemptById(outcome.attemptId());
    if (attempt == null) {
      return unchanged(state);
    }
    Run run = new Run(state, now, policy);
    switch (outcome.commandType()) {
      case SEND -> new SendOutcomes(run).apply(attempt, outcome);
      case REVOKE -> new SendOutcomes(run).applyRevoke(attempt, outcome);
    }
    return run.transition();
  }

  private Transition onReport(MessageState state, Report report, Instant now) {
    Attempt attempt = state.attemptById(report.attemptId());
    if (attempt == null) {
      return unchanged(state);
    }
    Run run = new Run(state, now, policy);
    new Reports(run).apply(attempt, report);
    return run.transition();
  }

  /**
   * Cancel (SPEC section 10): a held send never leaves, pending timers go, an undelivered attempt
   * on a revocable channel is revoked (best effort: its answer comes after the end and changes
   * nothing), and the message ends CANCELLED listing what was already sent. An ended message
   * cannot be cancelled (send-intake answers 409; a cancel that raced the end is ignored).
   */
  private Transition onCancel(MessageState state, Instant now) {
    Run run = new Run(state.withoutTimer(), now, policy);
    run.note(run.event(Event.Type.CANCELLED).step(state.currentStep()));
    Attempt current = run.currentAttempt();
    boolean undeliveredOut = current != null
        && state.phase() == Phase.WAITING
        && !current.isDelivered()
        && run.traits(current).revocable();
    if (undeliveredOut) {
      run.revokeOnly(current);
    }
    run.end(FinalStatus.CANCELLED);
    return run.transition();
  }

  private Transition onTimer(MessageState state, TimerFired timer, Instant now) {
    if (state.timer() == null || !state.timer().dueAt().equals(timer.dueAt())) {
      return unchanged(state); // re-armed or cancelled since: a stale index entry
    }
    if (state.timer().kind() == Timer.Kind.PURGE) {
      return new Transition(null, List.of());
    }
    Run run = new Run(state.withoutTimer(), now, policy);
    run.note(run.event(Event.Type.TIMER_FIRED, state.currentStep())
        .status(state.timer().kind().name())
        .detail("due " + timer.dueAt()));
    switch (state.timer().kind()) {
      case PURGE -> throw new IllegalStateException("a purge timer ends the state above");
      case WINDOW_OPEN -> run.startStep(state.currentStep());
      case DISPATCH -> onDispatchTimeout(run);
      case DELIVERY_TIMEOUT -> onDeliveryTimeout(run);
      case READ_TIMEOUT ->
        run.giveWay(FallbackTrigger.UNREAD, Reason.READ_TIMEOUT, FinalStatus.DELIVERED);
      case VALIDITY -> onValidityEnd(run);
    }
    return run.transition();
  }

  private static void onDeliveryTimeout(Run run) {
    Attempt attempt = run.currentAttempt();
    if (attempt.isDelivered()) {
      run.armWaitingTimer();
      return;
    }
    if (run.rules(attempt.step()).revoke()) {
      run.revoke(attempt, Reason.DELIVERY_TIMEOUT);
      return;
    }
    run.giveWay(FallbackTrigger.UNDELIVERED, Reason.DELIVERY_TIMEOUT, FinalStatus.EXPIRED);
  }

  /**
   * A command got no attempt back: a SEND gives way as a send failure, an unanswered REVOKE falls
   * back as a revoke that failed. A worker that answers later is ignored; should its provider
   * deliver after all, that is a late delivery.
   */
  private static void onDispatchTimeout(Run run) {
    Attempt attempt = run.currentAttempt();
    if (run.state().phase() == Phase.REVOKING) {
      run.fallBack(Reason.valueOf(attempt.reason()));
      return;
    }
    run.replace(attempt.failed(DeliveryStatus.FAILED, Reason.DISPATCH_TIMEOUT, null));
    run.giveWay(FallbackTrigger.SEND_FAILED, Reason.DISPATCH_TIMEOUT, FinalStatus.FAILED);
  }

  private static void onValidityEnd(Run run) {
    Attempt attempt = run.currentAttempt();
    if (attempt.isDelivered()) {
      run.giveWay(FallbackTrigger.UNREAD, Reason.UNREAD, FinalStatus.DELIVERED);
      return;
    }
    StepRules rules = run.rules(attempt.step());
    if (rules.revoke() && rules.fallsBackOn(FallbackTrigger.UNDELIVERED)) {
      run.revoke(
          attempt, Reason.EXPIRED); // the provider may still hold it: revoke before the fallback
      return;
    }
    run.replace(attempt.failed(DeliveryStatus.UNDELIVERED, Reason.EXPIRED, null));
    run.giveWay(FallbackTrigger.UNDELIVERED, Reason.EXPIRED, FinalStatus.EXPIRED);
  }

  /** The ACCEPTED event's detail: where the request came from and its chain of channels. */
  private static String acceptedDetail(dev.cascade.schemas.SendRequest request) {
    String chain = String.join(
        " → ", request.getSteps().stream().map(step -> step.getChannel().name()).toList());
    String source = request.getApiKeyId() == null ? "send.requests" : "HTTP";
    return chain + " (from " + source + ")";
  }

  private static Transition unchanged(MessageState state) {
    return new Transition(state, List.of());
  }
}
