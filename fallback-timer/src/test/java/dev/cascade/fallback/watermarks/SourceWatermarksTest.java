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
  void theHoldRuleReleasesWhatTheWatermarkPassedAndWhatWasHeldTheMaxHold() {
    HoldRule rule = new HoldRule(Duration.ofSeconds(60));
    Instant now = T.plusSeconds(100);

    assertThat(rule.releasedUpTo(now, Optional.empty())).isEqualTo(now);
    assertThat(rule.releasedUpTo(now, Optional.of(T.plusSeconds(90)))).isEqualTo(T.plusSeconds(90));
    assertThat(rule.releasedUpTo(now, Optional.of(T.plusSeconds(120)))).isEqualTo(now);
    assertThat(rule.releasedUpTo(now, Optional.of(T))).isEqualTo(T.plusSeconds(40));

    assertThat(rule.releasedByMaxHold(T.plusSeconds(40), now, Optional.of(T))).isTrue();
    assertThat(rule.releasedByMaxHold(T.plusSeconds(40), now, Optional.of(T.plusSeconds(50))))
        .isFalse();
  }
}
