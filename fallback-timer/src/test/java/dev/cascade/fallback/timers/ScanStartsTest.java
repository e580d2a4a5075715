package dev.cascade.fallback.timers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.fallback.orchestration.Timer.Watch;
import java.time.Instant;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

class ScanStartsTest {

  private final ScanStarts starts = new ScanStarts();

  @Test
  void aScanStartsAtTheBottomOfItsWatchUntilOneHasGonePastDeletedEntries() {
    assertThat(starts.begin(Watch.REPORTS)).isEqualTo(TimerIndex.first(Watch.REPORTS));

    Bytes bound = TimerIndex.upperBound(Watch.REPORTS, at(100));
    starts.scanned(Watch.REPORTS, bound, null);

    assertThat(starts.begin(Watch.REPORTS)).isEqualTo(bound);
    assertThat(starts.begin(Watch.ATTEMPTS)).isEqualTo(TimerIndex.first(Watch.ATTEMPTS));
  }

  @Test
  void aTimerIndexedBelowTheStartMovesItDown() {
    starts.begin(Watch.REPORTS);
    starts.scanned(Watch.REPORTS, TimerIndex.upperBound(Watch.REPORTS, at(100)), null);

    Bytes overdue = TimerIndex.key(Watch.REPORTS, at(50), "late-attempt");
    starts.indexed(Watch.REPORTS, overdue);

    assertThat(starts.begin(Watch.REPORTS)).isEqualTo(overdue);
  }

  @Test
  void aTimerIndexedWhileAScanIsUnderWayIsNotSkippedByTheScansEnd() {
    Bytes start = starts.begin(Watch.REPORTS);
    // firing one timer armed another, due below where the scan got to
    Bytes armedMeanwhile = TimerIndex.key(Watch.REPORTS, at(80), "next-step");
    starts.indexed(Watch.REPORTS, armedMeanwhile);

    starts.scanned(Watch.REPORTS, TimerIndex.upperBound(Watch.REPORTS, at(100)), null);

    assertThat(starts.begin(Watch.REPORTS)).isEqualTo(armedMeanwhile).isNotEqualTo(start);
  }

  @Test
  void aTimerIndexedAboveTheStartLeavesItWhereItIs() {
    starts.begin(Watch.NOTHING);
    Bytes bound = TimerIndex.upperBound(Watch.NOTHING, at(100));
    starts.scanned(Watch.NOTHING, bound, null);

    starts.indexed(Watch.NOTHING, TimerIndex.key(Watch.NOTHING, at(500), "later"));

    assertThat(starts.begin(Watch.NOTHING)).isEqualTo(bound);
  }

  @Test
  void untilTheClockReachesTheFirstLiveTimerBeyondTheLastScanNoScanIsNeeded() {
    // never scanned: anything may be due
    assertThat(starts.mayHaveEntriesBelow(Watch.REPORTS, bound(100))).isTrue();

    starts.begin(Watch.REPORTS);
    Bytes nextLive = TimerIndex.key(Watch.REPORTS, at(300), "pending");
    starts.scanned(Watch.REPORTS, bound(100), nextLive);

    assertThat(starts.mayHaveEntriesBelow(Watch.REPORTS, bound(200))).isFalse();
    assertThat(starts.mayHaveEntriesBelow(Watch.REPORTS, bound(300))).isTrue();
  }

  @Test
  void aTimerIndexedBeforeTheNextLiveOneIsDueFirst() {
    starts.begin(Watch.REPORTS);
    starts.scanned(Watch.REPORTS, bound(100), TimerIndex.end(Watch.REPORTS));
    assertThat(starts.mayHaveEntriesBelow(Watch.REPORTS, bound(10_000))).isFalse();

    starts.indexed(Watch.REPORTS, TimerIndex.key(Watch.REPORTS, at(150), "new"));

    assertThat(starts.mayHaveEntriesBelow(Watch.REPORTS, bound(120))).isFalse();
    assertThat(starts.mayHaveEntriesBelow(Watch.REPORTS, bound(150))).isTrue();
  }

  @Test
  void aTimerIndexedDuringAScanIsNotHiddenBehindTheFirstLiveOneTheScanSaw() {
    starts.begin(Watch.REPORTS);
    Bytes armedMeanwhile = TimerIndex.key(Watch.REPORTS, at(120), "next-step");
    starts.indexed(Watch.REPORTS, armedMeanwhile);

    starts.scanned(Watch.REPORTS, bound(100), TimerIndex.key(Watch.REPORTS, at(300), "later"));

    assertThat(starts.mayHaveEntriesBelow(Watch.REPORTS, bound(120))).isTrue();
  }

  private static Bytes bound(long seconds) {
    return TimerIndex.upperBound(Watch.REPORTS, at(seconds));
  }

  private static Instant at(long seconds) {
    return Instant.ofEpochSecond(1_800_000_000L + seconds);
  }
}
