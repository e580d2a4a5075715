package dev.cascade.fallback.orchestration;

import dev.cascade.schemas.DeliveryWindow;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * When a delivery window (Infobip deliveryTimeWindow) lets a send leave. A window from 22:00 to
 * 06:00 crosses midnight and belongs to the day it opens on.
 */
final class DeliveryWindows {

  private DeliveryWindows() {}

  /** {@code now} when inside the window, else the next instant it opens. */
  static Instant nextOpening(DeliveryWindow window, Instant now) {
    ZoneId zone = ZoneId.of(window.getZone() == null ? "UTC" : window.getZone());
    LocalTime from = LocalTime.parse(window.getFrom());
    LocalTime to = LocalTime.parse(window.getTo());
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    window.getDays().forEach(day -> days.add(DayOfWeek.valueOf(day)));
    if (days.isEmpty()) {
      days.addAll(EnumSet.allOf(DayOfWeek.class));
    }
    ZonedDateTime local = now.atZone(zone);
    if (isOpen(local, from, to, days)) {
      return now;
    }
    // The next opening is at `from` on one of the next eight days (today included).
    for (int dayOffset = 0; dayOffset <= 7; dayOffset++) {
      ZonedDateTime candidate =
          local.toLocalDate().plusDays(dayOffset).atTime(from).atZone(zone);
      if (candidate.isAfter(local) && days.contains(candidate.getDayOfWeek())) {
        return candidate.toInstant();
      }
    }
    throw new IllegalStateException("delivery window never opens: " + window);
  }

  private static boolean isOpen(
      ZonedDateTime local, LocalTime from, LocalTime to, Set<DayOfWeek> days) {
    LocalTime time = local.toLocalTime();
    if (!from.isAfter(to)) {
      return days.contains(local.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(to);
    }
    // Across midnight: open from `from` until midnight on a listed day, and from midnight until
    // `to` on the day after a listed day.
    if (!time.isBefore(from)) {
      return days.contains(local.getDayOfWeek());
    }
    return time.isBefore(to) && days.contains(local.getDayOfWeek().minus(1));
  }
}
