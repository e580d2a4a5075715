package dev.cascade.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.Channel;
import dev.cascade.workers.WorkersConfig.CallPolicy;
import dev.cascade.workers.infobip.InfobipConfig;
import dev.cascade.workers.infobip.InfobipFactory;
import dev.cascade.workers.provider.ChannelProvider;
import dev.cascade.workers.provider.Commands;
import dev.cascade.workers.provider.JsonHttp;
import dev.cascade.workers.provider.ProviderContext;
import dev.cascade.workers.provider.ProviderResult;
import dev.cascade.workers.provider.StubProvider;
import dev.cascade.workers.provider.TransientProviderException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries, pacing, the circuit and the in-flight bound around a real adapter and a stub. */
class GuardedProviderTest {

  private static final String ACCEPTED = """
      {"bulkId":"b","messages":[{"messageId":"attempt-1","status":{"groupName":"PENDING","name":"PENDING_ACCEPTED"}}]}""";

  private final StubProvider stub = new StubProvider();
  private final JsonHttp http =
      new JsonHttp(Duration.ofSeconds(1), Duration.ofSeconds(2), (p, d) -> {});
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    stub.close();
    scheduler.shutdownNow();
  }

  @Test
  void transientErrorsAreRetriedHonouringRetryAfter() {
    stub.answer(503, "{}").answer(429, "{}", Map.of("Retry-After", "1")).answer(200, ACCEPTED);
    GuardedProvider infobip = guarded(
        50,
        64,
        new CallPolicy(
            4, Duration.ofMillis(200), Duration.ofSeconds(10), 50, 20, Duration.ofSeconds(30), 5));
    List<Duration> waits = waits(infobip);

    ProviderResult result = infobip.call(Commands.text(Channel.VIBER, "hi")).join();

    assertThat(result.outcome()).isEqualTo(AttemptResult.ACCEPTED);
    assertThat(stub.requests()).hasSize(3);
    assertThat(waits).hasSize(2);
    assertThat(waits.get(0)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    assertThat(waits.get(1)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aRetryAfterLongerThanTheMaxDelayWaitsOnlyTheMaxDelay() {
    stub.answer(429, "{}", Map.of("Retry-After", "3600")).answer(200, ACCEPTED);
    GuardedProvider infobip = guarded(
        50,
        64,
        new CallPolicy(
            2, Duration.ofMillis(100), Duration.ofMillis(300), 50, 20, Duration.ofSeconds(30), 5));
    List<Duration> waits = waits(infobip);

    assertThat(infobip.call(Commands.text(Channel.SMS, "hi")).join().outcome())
        .isEqualTo(AttemptResult.ACCEPTED);
    assertThat(waits).containsExactly(Duration.ofMillis(300));
  }

  @Test
  void theCircuitOpensWhenCallsFailThroughEveryRetryAndThenNothingIsCalled() {
    stub.answer(503, "{}");
    GuardedProvider infobip = guarded(
        50,
        64,
        new CallPolicy(
            2, Duration.ofMillis(10), Duration.ofMillis(10), 50, 2, Duration.ofMinutes(1), 5));

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> infobip.call(Commands.text(Channel.SMS, "hi")).join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(TransientProviderException.class);
    }
    assertThatThrownBy(() -> infobip.call(Commands.text(Channel.SMS, "hi")).join())
        .hasCauseInstanceOf(CallNotPermittedException.class);

    assertThat(stub.requests()).hasSize(4); // two calls, two tries each, then none
  }

  @Test
  void consecutiveFailuresOpenTheCircuitBeforeTheWindowFills() {
    // given: a window of 20 calls, but 2 failures in a row are enough
    stub.answer(503, "{}");
    GuardedProvider infobip = guarded(
        50,
        64,
        new CallPolicy(
            2, Duration.ofMillis(10), Duration.ofMillis(10), 50, 20, Duration.ofMinutes(1), 2));

    // when
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> infobip.call(Commands.text(Channel.SMS, "hi")).join())
          .hasCauseInstanceOf(TransientProviderException.class);
    }

    // then
    assertThat(infobip.circuit().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThatThrownBy(() -> infobip.call(Commands.text(Channel.SMS, "hi")).join())
        .hasCauseInstanceOf(CallNotPermittedException.class);
    assertThat(stub.requests()).hasSize(4);
  }

  @Test
  void anAnswerBetweenFailuresStartsTheCountAgain() {
    stub.answer(503, "{}").answer(503, "{}").answer(400, "{}").answer(503, "{}");
    GuardedProvider infobip = guarded(
        50,
        64,
        new CallPolicy(
            2, Duration.ofMillis(10), Duration.ofMillis(10), 50, 20, Duration.ofMinutes(1), 2));

    assertThatThrownBy(() -> infobip.call(Commands.text(Channel.SMS, "hi")).join())
        .hasCauseInstanceOf(TransientProviderException.class);
    assertThat(infobip.call(Commands.text(Channel.SMS, "hi")).join().outcome())
        .isEqualTo(AttemptResult.REJECTED); // the 400: an answer, not a failure
    assertThatThrownBy(() -> infobip.call(Commands.text(Channel.SMS, "hi")).join())
        .hasCauseInstanceOf(TransientProviderException.class);

    assertThat(infobip.circuit().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void afterTheOpenWaitOneProbeCallClosesTheCircuitWhenTheProviderRecovered() {
    // given: the provider fails twice through both tries, opening the circuit, then recovers
    stub.answer(503, "{}")
        .answer(503, "{}")
        .answer(503, "{}")
        .answer(503, "{}")
        .answer(200, ACCEPTED);
    GuardedProvider infobip = guarded(
        50,
        64,
        new CallPolicy(
            2, Duration.ofMillis(10), Duration.ofMillis(10), 50, 20, Duration.ofMillis(300), 2));
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> infobip.call(Commands.text(Channel.SMS, "hi")).join())
          .hasCauseInstanceOf(TransientProviderException.class);
    }
    assertThat(infobip.circuit().getState()).isEqualTo(CircuitBreaker.State.OPEN);

    // when: calls are refused until the wait is over, then one goes through
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .untilAsserted(() -> assertThat(
                infobip.call(Commands.text(Channel.SMS, "hi")).join().outcome())
            .isEqualTo(AttemptResult.ACCEPTED));

    // then
    assertThat(infobip.circuit().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(stub.requests()).hasSize(5);
  }

  @Test
  void atMostMaxInFlightCallsAreUnderWayAtOnce() {
    stub.answer(200, ACCEPTED).delay(Duration.ofMillis(300));
    GuardedProvider infobip = guarded(1000, 3, defaultPolicy());
    List<CompletableFuture<ProviderResult>> calls = new ArrayList<>();

    for (int i = 0; i < 9; i++) {
      calls.add(infobip.call(Commands.text(Channel.SMS, "hi")));
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();

    assertThat(stub.requests()).hasSize(9);
    assertThat(stub.mostAtOnce()).isEqualTo(3);
  }

  @Test
  void callsArePacedToTheProvidersRateWithoutBlockingTheCaller() {
    stub.answer(200, ACCEPTED);
    GuardedProvider infobip = guarded(5, 64, defaultPolicy());
    List<CompletableFuture<ProviderResult>> calls = new ArrayList<>();

    long started = System.nanoTime();
    for (int i = 0; i < 10; i++) {
      calls.add(infobip.call(Commands.text(Channel.SMS, "hi")));
    }
    Duration toStart = Duration.ofNanos(System.nanoTime() - started);
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
    Duration toFinish = Duration.ofNanos(System.nanoTime() - started);

    assertThat(toStart)
        .isLessThan(Duration.ofMillis(500)); // the second five were booked, not waited for
    assertThat(toFinish)
        .isGreaterThan(Duration.ofMillis(500)); // ... and went out in the next second
    assertThat(stub.requests()).hasSize(10);
  }

  @Test
  void pacingGrantsWholePermitsAtTheConfiguredRate() {
    assertThat(GuardedProvider.pacing(50).getLimitForPeriod()).isEqualTo(50);
    assertThat(GuardedProvider.pacing(50).getLimitRefreshPeriod()).isEqualTo(Duration.ofSeconds(1));
    assertThat(GuardedProvider.pacing(0.5).getLimitForPeriod()).isEqualTo(1);
    assertThat(GuardedProvider.pacing(0.5).getLimitRefreshPeriod())
        .isEqualTo(Duration.ofSeconds(2));
  }

  private static CallPolicy defaultPolicy() {
    return new CallPolicy(
        4, Duration.ofMillis(200), Duration.ofSeconds(10), 50, 20, Duration.ofSeconds(30), 5);
  }

  private GuardedProvider guarded(double rate, int maxInFlight, CallPolicy policy) {
    ChannelProvider infobip = new InfobipFactory()
        .create(
            new InfobipConfig(URI.create(stub.url()), "k", null, rate),
            new ProviderContext(http, lookup -> {}));
    return new GuardedProvider(infobip, "infobip", rate, maxInFlight, policy, scheduler);
  }

  private static List<Duration> waits(GuardedProvider provider) {
    List<Duration> waits = new CopyOnWriteArrayList<>();
    provider.retry().getEventPublisher().onRetry(event -> waits.add(event.getWaitInterval()));
    return waits;
  }
}
