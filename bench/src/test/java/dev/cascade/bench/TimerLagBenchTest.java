package dev.cascade.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimerLagBenchTest {

  @Test
  void readsTheFiguresOfARunFromItsTable() {
    // given what a run in a child JVM prints
    String output = """
        all 2000 accepted by 2026-11-23T19:56:36Z; first timer due in PT9S

        Timer lag, 2000 timers pending (afterSeconds 10), 1999 fired while measuring, 1 still pending
        ms late                                   p50      p99    p99.9      max      min
        fallback-timer (command issuedAt)          31      169      170      171        0
        command consumer (after EOS commit)       219      447      448      449       67
        """;
    // when
    TimerLagBench.Lag lag = TimerLagBench.parse(output);
    // then
    assertThat(lag).isEqualTo(new TimerLagBench.Lag(1999, 31, 169, 219, 447));
  }
}
