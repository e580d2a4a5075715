package dev.cascade.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cascade.callbacks.queue.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static final RetryPolicy POLICY =
      new RetryPolicy(Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofHours(24));
  private static final Instant READ = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void theWaitDoublesWithEachTryAndJitterTakesOffAtMostHalf() {
    Instant now = READ.plusSeconds(10);
    for (int tries = 1; tries <= 6; tries++) {
      long full = 1000L << (tries - 1);
      assertThat(POLICY.nextTry(tries, READ, now, 0.0)).contains(now.plusMillis(full));
      assertThat(POLICY.nextTry(tries, READ, now, 0.999999).orElseThrow())
          .isAfterOrEqualTo(now.plusMillis(full / 2))
          .isBefore(now.plusMillis(full / 2 + 2));
    }
  }

  @Test
  void theWaitStopsGrowingAtTheLongestInterval() {
    Instant now = READ.plusSeconds(10);
    assertThat(POLICY.nextTry(40, READ, now, 0.0)).contains(now.plus(Duration.ofHours(1)));
    assertThat(POLICY.nextTry(Integer.MAX_VALUE, READ, now, 0.0))
        .contains(now.plus(Duration.ofHours(1)));
  }

  @Test
  void theLastTryFallsAtTheEndOfTheRetryPeriodThenItGivesUp() {
    Instant deadline = READ.plus(Duration.ofHours(24));
    assertThat(POLICY.nextTry(30, READ, deadline.minusSeconds(60), 0.0)).contains(deadline);
    assertThat(POLICY.nextTry(31, READ, deadline, 0.0)).isEmpty();
    assertThat(POLICY.nextTry(31, READ, deadline.plusSeconds(1), 0.0)).isEmpty();
  }
}
