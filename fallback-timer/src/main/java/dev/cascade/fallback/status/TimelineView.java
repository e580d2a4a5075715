package dev.cascade.fallback.status;

import dev.cascade.fallback.orchestration.Event;
import dev.cascade.fallback.orchestration.MessageState;
import java.time.Instant;
import java.util.List;

/** What {@code GET /v1/messages/{id}/events} answers: the message's timeline, oldest first. */
public record TimelineView(String messageId, List<EventView> events) {

  /** One event, its time as an ISO-8601 instant; absent fields are null. */
  public record EventView(
      Instant at,
      String type,
      Integer step,
      String channel,
      String provider,
      String status,
      String code,
      String detail) {

    static EventView of(Event e) {
      return new EventView(
          e.at(),
          e.type(),
          e.step(),
          e.channel() == null ? null : e.channel().name(),
          e.provider(),
          e.status(),
          e.code(),
          e.detail());
    }
  }

  public static TimelineView of(MessageState state) {
    return new TimelineView(
        state.messageId(), state.events().stream().map(EventView::of).toList());
  }
}
