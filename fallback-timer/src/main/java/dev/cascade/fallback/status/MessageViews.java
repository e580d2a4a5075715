package dev.cascade.fallback.status;

import dev.cascade.fallback.orchestration.MessageState;
import dev.cascade.fallback.orchestration.Records;
import dev.cascade.platform.messages.MessageView;
import dev.cascade.platform.messages.MessageView.AttemptView;
import java.util.List;

/** A message's state as {@code GET /v1/messages/{id}} shows it. */
final class MessageViews {

  private MessageViews() {}

  static MessageView of(MessageState state) {
    List<AttemptView> attempts = MessageView.attempts(Records.attempts(state));
    boolean ended = state.ended();
    String channel = ended && state.ending().channel() != null
        ? state.ending().channel().name()
        : state.request().getSteps().get(state.currentStep()).getChannel().name();
    return new MessageView(
        state.messageId(),
        ended ? state.ending().status().name() : state.lastStatus().name(),
        ended,
        channel,
        state.currentStep(),
        Math.max(0, attempts.size() - 1),
        attempts.stream().anyMatch(AttemptView::lateDelivery),
        state.doubleDelivered(),
        state.revision(),
        state.request().getSimulation(),
        state.request().getCampaignReferenceId(),
        state.request().getPolicy() == null
            ? null
            : new MessageView.PolicyUsed(
                state.request().getPolicy().getName(),
                state.request().getPolicy().getVersion()),
        state.accepted().at(),
        ended ? state.ending().at() : null,
        attempts);
  }
}
