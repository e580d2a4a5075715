package dev.cascade.fallback.timers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.fallback.orchestration.Timer.Watch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

class TimerIndexTest {

  private static final Instant NOW = Instant.parse("2026-04-09T10:00:00Z");

  @Test
  void keysSortByDueTimeThenMessageIdAndTheBoundSplitsDueFromFuture() {
    // given: keys in a sorted map, as RocksDB orders them (unsigned lexicographic bytes)
    TreeMap<Bytes, String> index = new TreeMap<>();
    index.put(TimerIndex.key(Watch.REPORTS, NOW.plusMillis(1), "b"), "future");
    index.put(TimerIndex.key(Watch.REPORTS, NOW, "z"), "due-now");
    index.put(TimerIndex.key(Watch.REPORTS, NOW.minusSeconds(3600), "m"), "overdue");
    index.put(TimerIndex.key(Watch.REPORTS, Instant.ofEpochMilli(255), "x"), "old");
    index.put(TimerIndex.key(Watch.REPORTS, NOW.plusSeconds(86_400 * 365L), "a"), "next-year");

    // when
    List<String> due = dueBy(index, Watch.REPORTS, NOW);

    // then
    assertThat(due).containsExactly("old", "overdue", "due-now");
  }

  @Test
  void eachWatchIsItsOwnRangeSoTimersHeldForOnePathAreNeverScannedForAnother() {
    TreeMap<Bytes, String> index = new TreeMap<>();
    index.put(TimerIndex.key(Watch.REPORTS, NOW.minusSeconds(5), "r"), "delivery-timeout");
    index.put(TimerIndex.key(Watch.ATTEMPTS, NOW.minusSeconds(9), "a"), "dispatch");
    index.put(TimerIndex.key(Watch.NOTHING, NOW.minusSeconds(1), "n"), "window-open");

    assertThat(dueBy(index, Watch.NOTHING, NOW)).containsExactly("window-open");
    assertThat(dueBy(index, Watch.REPORTS, NOW)).containsExactly("delivery-timeout");
    assertThat(dueBy(index, Watch.ATTEMPTS, NOW)).containsExactly("dispatch");
  }

  @Test
  void keysAnEarlierVersionWroteLieBelowEveryKeyOfThisOne() {
    byte[] id = "m-1".getBytes(StandardCharsets.UTF_8);
    Bytes legacy = Bytes.wrap(ByteBuffer.allocate(Long.BYTES + id.length)
        .putLong(NOW.toEpochMilli())
        .put(id)
        .array());

    assertThat(legacy.compareTo(TimerIndex.LEGACY_FIRST)).isPositive();
    assertThat(legacy.compareTo(TimerIndex.LEGACY_END)).isNegative();
    for (Watch watch : Watch.values()) {
      assertThat(TimerIndex.first(watch).compareTo(TimerIndex.LEGACY_END)).isPositive();
    }
    assertThat(TimerIndex.legacyMessageId(legacy)).isEqualTo("m-1");
  }

  @Test
  void decodesItsOwnKeys() {
    Instant due = Instant.parse("2026-04-09T10:00:00.123Z");
    Bytes key = TimerIndex.key(Watch.ATTEMPTS, due, "txn-notifica-20260409-001");

    assertThat(TimerIndex.due(key)).isEqualTo(due);
    assertThat(TimerIndex.messageId(key)).isEqualTo("txn-notifica-20260409-001");
  }

  private static List<String> dueBy(TreeMap<Bytes, String> index, Watch watch, Instant now) {
    return new ArrayList<>(index
        .subMap(TimerIndex.first(watch), true, TimerIndex.upperBound(watch, now), true)
        .values());
  }
}
