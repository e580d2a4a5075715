package dev.cascade.callbacks.queue;

import dev.cascade.platform.json.Json;
import dev.cascade.platform.messages.MessageView;
import dev.cascade.platform.messages.MessageView.AttemptView;
import dev.cascade.schemas.MessageOutcome;
import dev.cascade.schemas.MessageStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JSON a callback POSTs: the message as {@code GET /v1/messages/{id}} shows it ({@link
 * MessageView}), as of the event. The records say what changed; the request's own fields
 * (simulation, campaign reference, acceptance time) come from the {@link Target}.
 */
public final class CallbackBodies {

  private CallbackBodies() {}

  /** The message as its outcome (or a late delivery's amended outcome) leaves it. */
  public static String of(Target target, MessageOutcome outcome) {
    List<AttemptView> attempts = MessageView.attempts(outcome.getAttempts());
    return json(new MessageView(
        outcome.getMessageId(),
        outcome.getStatus().name(),
        true,
        outcome.getChannel() == null ? null : outcome.getChannel().name(),
        attempts.isEmpty() ? 0 : attempts.getLast().step(),
        outcome.getFallbackCount(),
        attempts.stream().anyMatch(AttemptView::lateDelivery),
        outcome.getDoubleDelivered(),
        outcome.getRevision(),
        outcome.getSimulation(),
        outcome.getCampaignReferenceId(),
        outcome.getPolicy() == null
            ? null
            : new MessageView.PolicyUsed(
                outcome.getPolicy().getName(), outcome.getPolicy().getVersion()),
        outcome.getAcceptedAt(),
        outcome.getEndedAt(),
        attempts));
  }

  /**
   * The message as a state change leaves it; {@code status} is the change's (a REPORT or
   * LATE_DELIVERY names the event, as on message.status).
   */
  public static String of(Target target, MessageStatus status) {
    List<AttemptView> attempts = MessageView.attempts(status.getAttempts());
    return json(new MessageView(
        status.getMessageId(),
        status.getStatus(),
        status.getTerminal(),
        status.getChannel() == null ? null : status.getChannel().name(),
        status.getStep() == null ? 0 : status.getStep(),
        Math.max(0, attempts.size() - 1),
        attempts.stream().anyMatch(AttemptView::lateDelivery),
        false,
        1,
        target.simulation(),
        target.campaignReferenceId(),
        target.policy(),
        target.acceptedAt(),
        status.getTerminal() ? status.getUpdatedAt() : null,
        attempts));
  }

  private static String json(MessageView view) {
    return new String(Json.bytes(view), StandardCharsets.UTF_8);
  }
}
