package dev.cascade.fallback.watermarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PathProgressTest {

  private static final Instant START = Instant.parse("2026-11-24T06:00:00Z");
  private static final Optional<Instant> STUCK_AT = Optional.of(START.minusSeconds(5));

  @Test
  void aPathLookedAtOnEveryTickStandsStillFromItsLastMove() {
    PathProgress path = new PathProgress(START);
    path.observe(STUCK_AT, START.plusSeconds(1));

    for (int tick = 1; tick <= 3_000; tick++) { // 60 s of 20 ms ticks
      path.observe(STUCK_AT, START.plusSeconds(1).plusMillis(20L * tick));
    }

    assertThat(path.movedAt()).isEqualTo(START.plusSeconds(1));
  }

  @Test
  void timeTheTaskWasStalledDoesNotCountAsThePathStandingStill() {
    PathProgress path = new PathProgress(START);
    path.observe(STUCK_AT, START.plusSeconds(1));
    path.observe(STUCK_AT, START.plusSeconds(2));

    // the stream thread blocked 40 s (a broker restart), then ticks again
    path.observe(STUCK_AT, START.plusSeconds(42));
    path.observe(STUCK_AT, START.plusMillis(42_020));

    assertThat(path.movedAt()).isEqualTo(START.plusSeconds(41));
  }

  @Test
  void gapsUpToTheStallThresholdCount() {
    PathProgress path = new PathProgress(START);
    path.observe(STUCK_AT, START);

    path.observe(STUCK_AT, START.plus(PathProgress.STALL));
    path.observe(STUCK_AT, START.plus(PathProgress.STALL).plus(PathProgress.STALL));

    assertThat(path.movedAt()).isEqualTo(START);
  }

  @Test
  void aMoveAfterAStallIsTimedFromWhenItWasSeen() {
    PathProgress path = new PathProgress(START);
    path.observe(STUCK_AT, START.plusSeconds(1));

    path.observe(Optional.of(START.plusSeconds(20)), START.plus(Duration.ofSeconds(30)));

    assertThat(path.movedAt()).isEqualTo(START.plusSeconds(30));
  }

  @Test
  void aClockThatStepsBackDoesNotMoveTheLastLookBack() {
    PathProgress path = new PathProgress(START);
    path.observe(STUCK_AT, START.plusSeconds(1));

    path.observe(STUCK_AT, START.plusMillis(500));
    path.observe(STUCK_AT, START.plusMillis(1_500));

    assertThat(path.movedAt()).isEqualTo(START.plusSeconds(1));
  }
}
