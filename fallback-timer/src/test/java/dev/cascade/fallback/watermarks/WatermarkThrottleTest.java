package dev.cascade.fallback.watermarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WatermarkThrottleTest {

  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private final WatermarkThrottle<Long> throttle = new WatermarkThrottle<>(Duration.ofMillis(50));

  @Test
  void beaconsAtTheirOwnPacePassAtOnce() {
    assertThat(throttle.offer("dlr-ingest-1@0", 1L, false, T0)).isTrue();
    assertThat(throttle.offer("dlr-ingest-1@0", 2L, false, T0.plusMillis(100))).isTrue();
    assertThat(throttle.offer("dlr-ingest-1@0", 3L, false, T0.plusMillis(200))).isTrue();
    assertThat(throttle.due(T0.plusMillis(1_000))).isEmpty();
  }

  @Test
  void aBacklogReadInABurstLeavesAsItsNewestWatermarkOnceTheGapIsOver() {
    assertThat(throttle.offer("w@1", 1L, false, T0)).isTrue();
    for (long beat = 2; beat <= 1_000; beat++) {
      assertThat(throttle.offer("w@1", beat, false, T0.plusMillis(10))).isFalse();
    }

    assertThat(throttle.due(T0.plusMillis(49))).isEmpty();
    assertThat(throttle.due(T0.plusMillis(50))).containsExactly(1_000L);
    assertThat(throttle.due(T0.plusMillis(200))).isEmpty();
  }

  @Test
  void sourcesAreThrottledEachOnItsOwn() {
    assertThat(throttle.offer("w@1", 1L, false, T0)).isTrue();
    assertThat(throttle.offer("w@2", 5L, false, T0.plusMillis(1))).isTrue();
    assertThat(throttle.offer("w@1", 2L, false, T0.plusMillis(20))).isFalse();
    assertThat(throttle.offer("w@2", 6L, false, T0.plusMillis(30))).isFalse();

    assertThat(throttle.due(T0.plusMillis(50))).containsExactly(2L);
    assertThat(throttle.due(T0.plusMillis(51))).containsExactly(6L);
  }

  @Test
  void aLeavingSourceIsSentAtOnceAndDropsWhatWasHeldForIt() {
    assertThat(throttle.offer("w@1", 1L, false, T0)).isTrue();
    assertThat(throttle.offer("w@1", 2L, false, T0.plusMillis(10))).isFalse();

    assertThat(throttle.offer("w@1", 3L, true, T0.plusMillis(11))).isTrue();
    assertThat(throttle.due(T0.plusMillis(100))).isEmpty();
  }

  @Test
  void aZeroGapLetsEveryWatermarkThrough() {
    WatermarkThrottle<Long> none = new WatermarkThrottle<>(Duration.ZERO);
    assertThat(none.offer("w@1", 1L, false, T0)).isTrue();
    assertThat(none.offer("w@1", 2L, false, T0)).isTrue();
  }
}
