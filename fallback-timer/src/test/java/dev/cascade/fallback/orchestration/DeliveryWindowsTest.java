package dev.cascade.fallback.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.schemas.DeliveryWindow;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryWindowsTest {

  private static final List<String> WEEKDAYS =
      List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY");

  @Test
  void insideTheWindowASendLeavesNow() {
    Instant thursdayNoonRome = Instant.parse("2026-04-09T10:00:00Z");
    assertThat(DeliveryWindows.nextOpening(window(WEEKDAYS, "08:00", "20:00"), thursdayNoonRome))
        .isEqualTo(thursdayNoonRome);
  }

  @Test
  void afterTheWindowClosesOnFridayTheNextOpeningIsMondayMorningInTheWindowsZone() {
    Instant fridayNightRome = Instant.parse("2026-04-10T19:30:00Z"); // 21:30 in Rome (CEST)
    assertThat(DeliveryWindows.nextOpening(window(WEEKDAYS, "08:00", "20:00"), fridayNightRome))
        .isEqualTo(Instant.parse("2026-04-13T06:00:00Z"));
  }

  @Test
  void aWindowAcrossMidnightIsOpenAfterMidnightOfTheDayItOpenedOn() {
    DeliveryWindow nights = window(List.of("FRIDAY"), "22:00", "06:00");
    // Saturday 03:00 Rome belongs to Friday's night window
    Instant saturdayEarly = Instant.parse("2026-04-11T01:00:00Z");
    assertThat(DeliveryWindows.nextOpening(nights, saturdayEarly)).isEqualTo(saturdayEarly);
    // Thursday 03:00 Rome does not (Wednesday is not listed): wait for Friday 22:00
    Instant thursdayEarly = Instant.parse("2026-04-09T01:00:00Z");
    assertThat(DeliveryWindows.nextOpening(nights, thursdayEarly))
        .isEqualTo(Instant.parse("2026-04-10T20:00:00Z"));
  }

  private static DeliveryWindow window(List<String> days, String from, String to) {
    return DeliveryWindow.newBuilder()
        .setDays(days)
        .setFrom(from)
        .setTo(to)
        .setZone("Europe/Rome")
        .build();
  }
}
