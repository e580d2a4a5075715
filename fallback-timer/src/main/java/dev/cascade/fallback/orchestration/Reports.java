package dev.cascade.fallback.orchestration;

import dev.cascade.fallback.orchestration.Input.Report;
import dev.cascade.platform.channels.BillingPoint;
import dev.cascade.schemas.DeliveryStatus;
import dev.cascade.schemas.FallbackTrigger;
import dev.cascade.schemas.FinalStatus;
import dev.cascade.schemas.ReportStatus;
import dev.cascade.schemas.internal.Phase;

/**
 * A correlated delivery report. Per attempt the status only moves forward; reports for the step
 * in flight drive the fallback, reports for an earlier step or an ended message are recorded
 * (and a late DELIVERED/READ is a late delivery).
 */
final class Reports {

  private final Run run;

  Reports(Run run) {
    this.run = run;
  }

  void apply(Attempt attempt, Report report) {
    run.note(run.event(Event.Type.REPORT, attempt.step())
        .status(report.status().name())
        .code(report.providerCode())
        .detail(
            report.providerStatus() == null ? null : "provider status " + report.providerStatus()));
    MessageState state = run.state();
    boolean inFlight =
        !state.ended() && attempt.step() == state.currentStep() && state.phase() != Phase.HELD;
    if (inFlight) {
      current(attempt, report);
    } else {
      afterTheFact(attempt, report);
    }
  }

  private void current(Attempt attempt, Report report) {
    switch (report.status()) {
      case SENT -> {
        if (attempt.status() == DeliveryStatus.QUEUED
            || attempt.status() == DeliveryStatus.ACCEPTED) {
          run.replace(attempt.withStatus(DeliveryStatus.SENT));
          run.emitStatus(StatusValue.REPORT, attempt.step());
        }
      }
      case DELIVERED -> delivered(attempt, report);
      case READ -> {
        if (attempt.status() != DeliveryStatus.READ) {
          run.replace(billOnDelivery(attempt.read(report.occurredAt(), false), false));
          run.end(FinalStatus.READ);
        }
      }
      case FAILED ->
        failed(
            attempt,
            report,
            DeliveryStatus.FAILED,
            Reason.SEND_FAILED,
            FallbackTrigger.SEND_FAILED,
            FinalStatus.FAILED);
      case UNDELIVERED ->
        failed(
            attempt,
            report,
            DeliveryStatus.UNDELIVERED,
            Reason.UNDELIVERED,
            FallbackTrigger.UNDELIVERED,
            FinalStatus.FAILED);
      case EXPIRED ->
        failed(
            attempt,
            report,
            DeliveryStatus.UNDELIVERED,
            Reason.EXPIRED,
            FallbackTrigger.UNDELIVERED,
            FinalStatus.EXPIRED);
    }
  }

  private void delivered(Attempt attempt, Report report) {
    if (attempt.isDelivered()) {
      return; // duplicate
    }
    Attempt withPart = attempt.partDelivered(report.providerMessageId());
    if (!withPart.allPartsDelivered()) {
      // a multipart SMS is delivered only when every part is
      run.replace(withPart);
      run.emitStatus(StatusValue.REPORT, attempt.step(), "PART_DELIVERED");
      return;
    }
    run.replace(billOnDelivery(attempt.delivered(report.occurredAt(), false), false));
    if (run.rules(attempt.step()).fallsBackOn(FallbackTrigger.UNREAD)) {
      run.enterPhase(Phase.WAITING);
      run.armWaitingTimer();
      run.emitStatus(StatusValue.AWAITING_READ, attempt.step());
    } else {
      run.end(FinalStatus.DELIVERED);
    }
  }

  private void failed(
      Attempt attempt,
      Report report,
      DeliveryStatus status,
      Reason reason,
      FallbackTrigger trigger,
      FinalStatus otherwise) {
    if (attempt.isDelivered() || attempt.hasFailed()) {
      // A failure after DELIVERED (or a second failure) is recorded but changes nothing.
      run.emitStatus(StatusValue.REPORT, attempt.step(), report.status().name());
      return;
    }
    run.replace(attempt.failed(status, reason, report.providerCode()));
    run.giveWay(trigger, reason, otherwise);
  }

  private void afterTheFact(Attempt attempt, Report report) {
    boolean deliveredReport =
        report.status() == ReportStatus.DELIVERED || report.status() == ReportStatus.READ;
    if (!deliveredReport || attempt.isDelivered()) {
      recordOnly(attempt, report);
      return;
    }
    // Delivered after all: either a late delivery (the step's fallback already fired), or the
    // step that ended the message (expired by our own timer, or a trigger not in `on`) delivered.
    MessageState state = run.state();
    boolean fellBack = attempt.step() < state.currentStep();
    boolean read = report.status() == ReportStatus.READ;
    Attempt delivered = read
        ? attempt.read(report.occurredAt(), fellBack)
        : attempt.delivered(report.occurredAt(), fellBack);
    run.replace(billOnDelivery(delivered, fellBack));
    FinalStatus status = read ? FinalStatus.READ : FinalStatus.DELIVERED;
    if (fellBack) {
      run.note(run.event(Event.Type.LATE_DELIVERY, attempt.step())
          .status(report.status().name())
          .detail("after the step fell back"));
      run.emitStatus(StatusValue.LATE_DELIVERY, attempt.step(), report.status().name());
    }
    if (!state.ended() && state.phase() == Phase.HELD) {
      // The next step has not left yet (held by its delivery window): cancel it instead.
      run.end(status, attempt.channel());
    } else if (state.ended()) {
      // The outcome is amended: a message that ended without a delivery now has one.
      // a cancelled message stays cancelled: the delivery is recorded on its attempt
      boolean endedDelivered = state.ending().status() == FinalStatus.DELIVERED
          || state.ending().status() == FinalStatus.READ
          || state.ending().status() == FinalStatus.CANCELLED;
      run.amendOutcome(
          endedDelivered ? state.ending().status() : status,
          endedDelivered ? state.ending().channel() : attempt.channel());
    }
  }

  private void recordOnly(Attempt attempt, Report report) {
    Attempt updated = attempt;
    if (report.status() == ReportStatus.READ && attempt.status() == DeliveryStatus.DELIVERED) {
      updated = attempt.read(report.occurredAt(), attempt.lateDelivery());
    } else if (report.status() == ReportStatus.SENT
        && attempt.status() == DeliveryStatus.ACCEPTED) {
      updated = attempt.withStatus(DeliveryStatus.SENT);
    }
    run.replace(updated);
    run.emitStatus(StatusValue.REPORT, attempt.step(), report.status().name());
  }

  /** WhatsApp, RCS and Viber are billed on delivery; SMS was billed on submission. */
  private Attempt billOnDelivery(Attempt attempt, boolean late) {
    return run.traits(attempt).billedOn() == BillingPoint.DELIVERY
        ? run.bill(attempt, late)
        : attempt;
  }
}
