package dev.cascade.fallback.orchestration;

import dev.cascade.fallback.orchestration.Input.AttemptOutcome;
import dev.cascade.platform.channels.BillingPoint;
import dev.cascade.schemas.DeliveryStatus;
import dev.cascade.schemas.FallbackTrigger;
import dev.cascade.schemas.FinalStatus;
import dev.cascade.schemas.internal.Phase;

/** What the provider answered to a SEND or REVOKE command. */
final class SendOutcomes {

  private final Run run;

  SendOutcomes(Run run) {
    this.run = run;
  }

  void apply(Attempt attempt, AttemptOutcome outcome) {
    boolean current =
        attempt.step() == run.state().currentStep() && run.state().phase() == Phase.SENDING;
    if (attempt.status() != DeliveryStatus.QUEUED || !current) {
      return; // a duplicate answer for a command already answered
    }
    attempt = attempt.handledBy(outcome.provider());
    run.note(answered(Event.Type.ATTEMPT, attempt, outcome));
    switch (outcome.result()) {
      case ACCEPTED -> accepted(attempt, outcome);
      case REJECTED -> {
        run.replace(
            attempt.failed(DeliveryStatus.REJECTED, Reason.SEND_FAILED, outcome.providerCode()));
        run.giveWay(FallbackTrigger.SEND_FAILED, Reason.SEND_FAILED, FinalStatus.FAILED);
      }
      case NOT_CAPABLE -> notCapable(attempt, outcome);
      default -> {} // revoke answers never come for a SEND
    }
  }

  private void accepted(Attempt attempt, AttemptOutcome outcome) {
    Attempt accepted = attempt.accepted(
        outcome.providerMessageIds(), outcome.at(), outcome.encoding(), outcome.parts());
    if (run.traits(attempt).billedOn() == BillingPoint.SUBMISSION) {
      accepted = run.bill(accepted, false); // SMS is billed on submission, per part
    }
    run.replace(accepted);
    run.enterPhase(Phase.WAITING);
    run.armWaitingTimer();
    run.emitStatus(StatusValue.SENT, attempt.step());
  }

  /** A device that cannot receive RCS is skipped whatever the step's triggers: it cannot be reached. */
  private void notCapable(Attempt attempt, AttemptOutcome outcome) {
    run.replace(
        attempt.failed(DeliveryStatus.REJECTED, Reason.DEVICE_NOT_CAPABLE, outcome.providerCode()));
    if (run.rules(attempt.step()).last()) {
      run.end(FinalStatus.FAILED);
    } else {
      run.fallBack(Reason.DEVICE_NOT_CAPABLE);
    }
  }

  /** The provider's answer as a timeline event: its result, code and the worker's reason. */
  private Event answered(Event.Type type, Attempt attempt, AttemptOutcome outcome) {
    String detail = outcome.reason();
    if (outcome.encoding() != null) {
      String parts = outcome.encoding() + ", " + outcome.parts() + " part(s)";
      detail = detail == null ? parts : detail + "; " + parts;
    }
    return run.event(type, attempt.step())
        .provider(outcome.provider() != null ? outcome.provider() : attempt.provider())
        .status(outcome.result().name())
        .code(outcome.providerCode())
        .detail(detail);
  }

  /** Why a revoked attempt gives way: the timer that asked for the revoke recorded it. */
  private static Reason givingWay(Attempt attempt) {
    return attempt.reason() == null ? Reason.DELIVERY_TIMEOUT : Reason.valueOf(attempt.reason());
  }

  void applyRevoke(Attempt attempt, AttemptOutcome outcome) {
    if (run.state().phase() != Phase.REVOKING || attempt.step() != run.state().currentStep()) {
      return;
    }
    run.note(answered(Event.Type.REVOKE, attempt, outcome));
    switch (outcome.result()) {
      case ALREADY_DELIVERED -> {
        // The provider delivered it after all: no fallback, no second delivery or bill.
        run.replace(run.bill(attempt.delivered(run.now(), false), false));
        run.end(FinalStatus.DELIVERED);
      }
      case REVOKED -> {
        run.replace(attempt.failed(DeliveryStatus.REVOKED, givingWay(attempt), null));
        run.fallBack(givingWay(attempt));
      }
      default -> run.fallBack(givingWay(attempt)); // revoke failed: fall back as without revoke
    }
  }
}
