package dev.cascade.fallback.orchestration;

import java.util.ArrayList;
import java.util.List;

/**
 * Appends to a message's timeline, which is bounded: it lives in the message's stored state, and a
 * provider that repeats a report forever must not grow that state forever. Past {@link #MAX_EVENTS}
 * the oldest REPORT that repeats an earlier report of the same step and status goes first, then
 * the oldest REPORT at all, then the oldest event after the first (ACCEPTED stays).
 */
final class Timeline {

  static final int MAX_EVENTS = 200;

  private Timeline() {}

  static List<Event> append(List<Event> events, Event event) {
    List<Event> next = new ArrayList<>(events.size() + 1);
    next.addAll(events);
    next.add(event);
    while (next.size() > MAX_EVENTS) {
      next.remove(victim(next));
    }
    return next;
  }

  private static int victim(List<Event> events) {
    for (int i = 1; i < events.size() - 1; i++) {
      if (events.get(i).is(Event.Type.REPORT) && repeatsAnEarlierReport(events, i)) {
        return i;
      }
    }
    for (int i = 1; i < events.size() - 1; i++) {
      if (events.get(i).is(Event.Type.REPORT)) {
        return i;
      }
    }
    return 1;
  }

  private static boolean repeatsAnEarlierReport(List<Event> events, int index) {
    Event report = events.get(index);
    for (int i = 0; i < index; i++) {
      Event earlier = events.get(i);
      if (earlier.is(Event.Type.REPORT)
          && java.util.Objects.equals(earlier.step(), report.step())
          && java.util.Objects.equals(earlier.status(), report.status())) {
        return true;
      }
    }
    return false;
  }
}
