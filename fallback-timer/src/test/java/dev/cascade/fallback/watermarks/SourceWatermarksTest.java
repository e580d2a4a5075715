package dev.cascade.fallback.watermarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceWatermarksTest {

  private static final Instant T = Instant.parse("2026-04-09T10:00:00Z");
  private final SourceWatermarks path = new SourceWatermarks(Duration.ofSeconds(60));

  @Test
  void withNoSourceNothingIsInFlightAndNothingWaits() {
    assertThat(path.low()).isEmpty();
  }

  @Test
  void thePathIsAsFarAsItsSlowestSource() {
    path.advance("dlr-ingest-a", T.plusSeconds(3));
    path.advance("dlr-ingest-b", T.plusSeconds(1));

    assertThat(path.low()).contains(T.plusSeconds(1));
  }

  @Test
  void aSourcesWatermarkNeverGoesBack() {
    path.advance("a", T.plusSeconds(5));
    path.advance("a", T.plusSeconds(2)); // reordered beats of one source

    assertThat(path.low()).contains(T.plusSeconds(5));
  }

  @Test
  void aSilentSourceHoldsThePathUntilItIsTheMaxHoldBehindTheFreshest() {
    path.advance("crashed", T);
    path.advance("restarted", T.plusSeconds(59));
    assertThat(path.low()).as("a restart shorter than the max hold still waits").contains(T);

    path.advance("restarted", T.plusSeconds(61));

    assertThat(path.low()).contains(T.plusSeconds(61));
    assertThat(path.sources()).containsOnlyKeys("restarted");
  }

  @Test
  void aSourceThatLeftCleanlyHoldsNothing() {
    path.advance("leaving", T);
    path.advance("staying", T.plusSeconds(2));

    path.leave("leaving");

    assertThat(path.low()).contains(T.plusSeconds(2));
  }

  @Test
  void theHoldRuleReleasesWhatTheWatermarkPassedAndEverythingOnceThePathStoodStillTheMaxHold() {
    HoldRule rule = new HoldRule(Duration.ofSeconds(60));
    Instant now = T.plusSeconds(100);
    Instant movedJustNow = now.minusMillis(100);
    Instant stillSince = now.minusSeconds(60);

    assertThat(rule.releasedUpTo(now, Optional.empty(), movedJustNow)).isEqualTo(now);
    assertThat(rule.releasedUpTo(now, Optional.of(T.plusSeconds(90)), movedJustNow))
        .isEqualTo(T.plusSeconds(90));
    assertThat(rule.releasedUpTo(now, Optional.of(T.plusSeconds(120)), movedJustNow))
        .isEqualTo(now);
    // catching up: a watermark 100 s behind that moves holds what it has not passed
    assertThat(rule.releasedUpTo(now, Optional.of(T), movedJustNow)).isEqualTo(T);
    // standing still for the max hold: everything due goes
    assertThat(rule.releasedUpTo(now, Optional.of(T), stillSince)).isEqualTo(now);

    assertThat(rule.releasedByMaxHold(T.plusSeconds(40), now, Optional.of(T), stillSince))
        .isTrue();
    assertThat(rule.releasedByMaxHold(T.plusSeconds(40), now, Optional.of(T), movedJustNow))
        .isFalse();
    assertThat(rule.releasedByMaxHold(
            T.plusSeconds(40), now, Optional.of(T.plusSeconds(50)), stillSince))
        .isFalse();
  }

  @Test
  void aPathMovesWhenItsLowWatermarkChangesAndStartsMovedWhenTheTaskStarts() {
    PathProgress progress = new PathProgress(T);
    assertThat(progress.movedAt()).isEqualTo(T);

    progress.observe(Optional.of(T.minusSeconds(300)), T.plusSeconds(1));
    progress.observe(Optional.of(T.minusSeconds(300)), T.plusSeconds(2));
    assertThat(progress.movedAt()).isEqualTo(T.plusSeconds(1));

    progress.observe(Optional.of(T.minusSeconds(299)), T.plusSeconds(3));
    assertThat(progress.movedAt()).isEqualTo(T.plusSeconds(3));
  }
}
