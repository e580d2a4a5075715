package dev.cascade.intake.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentActivityTest {

  private static final Instant NOW = Instant.parse("2026-04-09T10:15:00Z");
  private final RecentActivity activity = new RecentActivity(Duration.ofMinutes(15));

  @Test
  void countsFallbacksByReasonAndOutcomesByChannelWithinTheWindow() {
    // given
    activity.fallback(NOW.minusSeconds(60), "SEND_FAILED");
    activity.fallback(NOW.minusSeconds(30), "SEND_FAILED");
    activity.fallback(NOW.minusSeconds(10), "DELIVERY_TIMEOUT");
    activity.outcome(NOW.minusSeconds(5), "SMS", "DELIVERED");
    activity.outcome(NOW.minusSeconds(4), "SMS", "DELIVERED");
    activity.outcome(NOW.minusSeconds(3), "WHATSAPP", "READ");
    activity.outcome(NOW.minusSeconds(2), null, "FAILED");

    // when
    RecentActivity.Snapshot snapshot = activity.snapshot(NOW);

    // then
    assertThat(snapshot.fallbacks()).isEqualTo(3);
    assertThat(snapshot.fallbacksByReason())
        .isEqualTo(Map.of("SEND_FAILED", 2L, "DELIVERY_TIMEOUT", 1L));
    assertThat(snapshot.outcomes()).isEqualTo(4);
    assertThat(snapshot.outcomesByChannel())
        .isEqualTo(Map.of(
            "SMS", Map.of("DELIVERED", 2L),
            "WHATSAPP", Map.of("READ", 1L),
            "NONE", Map.of("FAILED", 1L)));
  }

  @Test
  void leavesOutWhatHappenedFifteenMinutesAgoOrEarlier() {
    activity.fallback(NOW.minus(Duration.ofMinutes(15)), "EXPIRED");
    activity.fallback(NOW.minus(Duration.ofMinutes(15)).plusSeconds(1), "UNDELIVERED");
    activity.outcome(NOW.minus(Duration.ofMinutes(20)), "SMS", "DELIVERED");

    RecentActivity.Snapshot snapshot = activity.snapshot(NOW);

    assertThat(snapshot.fallbacksByReason()).isEqualTo(Map.of("UNDELIVERED", 1L));
    assertThat(snapshot.outcomes()).isZero();
    assertThat(snapshot.since()).isEqualTo(NOW.minus(Duration.ofMinutes(15)).plusSeconds(1));
  }

  @Test
  void aLaterSnapshotNoLongerCountsWhatLeftTheWindow() {
    activity.outcome(NOW, "SMS", "DELIVERED");
    assertThat(activity.snapshot(NOW).outcomes()).isEqualTo(1);

    assertThat(activity.snapshot(NOW.plus(Duration.ofMinutes(15))).outcomes()).isZero();
  }
}
