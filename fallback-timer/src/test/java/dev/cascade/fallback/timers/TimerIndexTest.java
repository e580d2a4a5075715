package dev.cascade.fallback.timers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

class TimerIndexTest {

  @Test
  void keysSortByDueTimeThenMessageIdAndTheBoundSplitsDueFromFuture() {
    // given: keys in a sorted map, as RocksDB orders them (unsigned lexicographic bytes)
    Instant now = Instant.parse("2026-04-09T10:00:00Z");
    TreeMap<Bytes, String> index = new TreeMap<>();
    index.put(TimerIndex.key(now.plusMillis(1), "b"), "future");
    index.put(TimerIndex.key(now, "z"), "due-now");
    index.put(TimerIndex.key(now.minusSeconds(3600), "m"), "overdue");
    index.put(TimerIndex.key(Instant.ofEpochMilli(255), "x"), "old");
    index.put(TimerIndex.key(now.plusSeconds(86_400 * 365L), "a"), "next-year");

    // when
    List<String> due = new ArrayList<>(
        index.subMap(TimerIndex.FIRST, true, TimerIndex.upperBound(now), true).values());

    // then
    assertThat(due).containsExactly("old", "overdue", "due-now");
  }

  @Test
  void decodesItsOwnKeys() {
    Instant due = Instant.parse("2026-04-09T10:00:00.123Z");
    Bytes key = TimerIndex.key(due, "txn-notifica-20260409-001");

    assertThat(TimerIndex.due(key)).isEqualTo(due);
    assertThat(TimerIndex.messageId(key)).isEqualTo("txn-notifica-20260409-001");
  }
}
