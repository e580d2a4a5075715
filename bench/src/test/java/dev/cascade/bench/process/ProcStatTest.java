package dev.cascade.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatTest {

  // a real /proc/<pid>/stat line of a JVM, with a space in the command name as Linux allows
  private static final String STAT =
      "4242 (java main) S 1 4242 4242 0 -1 4194560 52117 0 12 0 1234 567 89 10 20 0 41 0 1100"
          + " 4294967296 104857600 18446744073709551615 1 1 0 0 0 0 0 4096 16384 0 0 0 17 1 0 0 0 0 0";

  @Test
  void cpuIsUserPlusSystemTicksInMilliseconds() {
    // given utime 1234 and stime 567 ticks of 10 ms
    // when / then
    assertThat(ProcStat.cpuMillisOf(STAT, false)).isEqualTo((1234 + 567) * 10L);
  }

  @Test
  void cpuWithChildrenAddsTheChildrenItWaitedFor() {
    assertThat(ProcStat.cpuMillisOf(STAT, true)).isEqualTo((1234 + 567 + 89 + 10) * 10L);
  }

  @Test
  void readsResidentKilobytesFromStatus() {
    String status = "Name:\tjava\nVmHWM:\t  524288 kB\nVmRSS:\t  262144 kB\nThreads:\t41\n";
    assertThat(ProcStat.kilobytes(status, "VmRSS:")).isEqualTo(262_144);
    assertThat(ProcStat.kilobytes(status, "VmHWM:")).isEqualTo(524_288);
  }

  @Test
  void readsThisProcess() {
    assertThat(ProcStat.cpuMillis(ProcessHandle.current().pid())).isPositive();
    assertThat(ProcStat.rssBytes(ProcessHandle.current().pid())).isGreaterThan(1 << 20);
  }
}
