package dev.cascade.workers;

import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.CommandType;
import dev.cascade.workers.WorkersConfig.CallPolicy;
import dev.cascade.workers.provider.ChannelProvider;
import dev.cascade.workers.provider.ProviderResult;
import dev.cascade.workers.provider.TransientProviderException;
import dev.cascade.workers.provider.UnsupportedContentException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider behind Resilience4j: at most {@code maxInFlight} calls at once, paced to the
 * provider's rate, transient failures retried with backoff, and a circuit that opens while the
 * provider keeps failing. Waits are scheduled, never slept, so no thread is held by a retry.
 */
final class GuardedProvider implements AutoCloseable {

  private static final Logger LOGGER = LoggerFactory.getLogger(GuardedProvider.class);

  /**
   * How long a worker's poll loop waits for a free slot before it gives up (and stops, not
   * ready). Longer would outlast the consumer's {@code max.poll.interval.ms} (5 min), after which
   * the group has handed the partition on and the batch could not be committed anyway.
   */
  static final Duration MAX_SLOT_WAIT = Duration.ofMinutes(4);

  /** How far ahead a call may book its turn at the provider's rate before it counts as refused. */
  private static final Duration MAX_PACING_WAIT = Duration.ofMinutes(1);

  private final ChannelProvider provider;
  private final ScheduledExecutorService scheduler;
  private final Bulkhead inFlight;
  private final RateLimiter pace;
  private final Retry retry;
  private final CircuitBreaker circuit;
  private final int openAfterConsecutiveFailures;
  /** Calls in a row that failed through every retry; an answer (even a rejection) resets it. */
  private final AtomicInteger consecutiveFailures = new AtomicInteger();

  GuardedProvider(
      ChannelProvider provider,
      String instance,
      double ratePerSecond,
      int maxInFlight,
      CallPolicy policy,
      ScheduledExecutorService scheduler) {
    this.provider = provider;
    this.scheduler = scheduler;
    this.inFlight = Bulkhead.of(
        instance,
        BulkheadConfig.custom()
            .maxConcurrentCalls(maxInFlight)
            .maxWaitDuration(MAX_SLOT_WAIT)
            .build());
    this.pace = RateLimiter.of(instance, pacing(ratePerSecond));
    this.retry = Retry.of(
        instance,
        RetryConfig.<ProviderResult>custom()
            .maxAttempts(policy.maxAttempts())
            .retryExceptions(TransientProviderException.class, RequestNotPermitted.class)
            .intervalBiFunction(backoff(policy.baseDelay(), policy.maxDelay()))
            .build());
    // A failure is a call that stayed transient through every retry; rejections are answers.
    // The circuit opens on a failure ratio over the window (here) or on consecutive failures
    // (see countFailure); after openDuration one probe call is let through (half-open): its
    // success closes the circuit, its failure opens it again.
    this.openAfterConsecutiveFailures = policy.consecutiveFailures();
    this.circuit = CircuitBreaker.of(
        instance,
        CircuitBreakerConfig.custom()
            .slidingWindow(policy.window(), policy.window(), SlidingWindowType.COUNT_BASED)
            .failureRateThreshold(policy.failureRatePercent())
            .permittedNumberOfCallsInHalfOpenState(1)
            .waitDurationInOpenState(policy.openDuration())
            .recordExceptions(TransientProviderException.class)
            .ignoreExceptions(UnsupportedContentException.class, RequestNotPermitted.class)
            .build());
    circuit
        .getEventPublisher()
        .onStateTransition(event -> LOGGER
            .atWarn()
            .addKeyValue("provider", instance)
            .addKeyValue("transition", event.getStateTransition())
            .log("provider circuit changed state"));
  }

  ChannelProvider provider() {
    return provider;
  }

  /** For tests that watch the waits between tries. */
  Retry retry() {
    return retry;
  }

  /** The provider's circuit, whose state {@code cascade_provider_circuit_state} shows. */
  CircuitBreaker circuit() {
    return circuit;
  }

  /**
   * Starts the command's call. Blocks the caller while {@code maxInFlight} calls to this provider
   * are already under way: the worker's poll loop slows down instead of queueing without bound.
   */
  CompletableFuture<ProviderResult> call(ChannelCommand command) {
    inFlight.acquirePermission();
    CompletableFuture<ProviderResult> result;
    try {
      result = circuit
          .decorateCompletionStage(
              () -> retry.executeCompletionStage(scheduler, () -> paced(() -> invoke(command))))
          .get()
          .toCompletableFuture();
    } catch (RuntimeException e) {
      inFlight.onComplete();
      throw e;
    }
    return result.whenComplete((answer, error) -> {
      inFlight.onComplete();
      countFailure(error);
    });
  }

  /**
   * Opens the circuit once {@code openAfterConsecutiveFailures} calls in a row failed through
   * every retry: a provider that is down is usually down for every call, and waiting for the
   * window's ratio would send a whole window of commands through the full retry sequence first.
   */
  private void countFailure(Throwable error) {
    if (error == null) {
      consecutiveFailures.set(0);
    } else if (unwrap(error) instanceof TransientProviderException
        && consecutiveFailures.incrementAndGet() >= openAfterConsecutiveFailures
        && circuit.getState() == CircuitBreaker.State.CLOSED) {
      circuit.transitionToOpenState();
    }
  }

  private CompletionStage<ProviderResult> invoke(ChannelCommand command) {
    try {
      return command.getType() == CommandType.SEND
          ? provider.send(command)
          : provider.revoke(command);
    } catch (RuntimeException e) {
      // the SPI lets a provider throw UnsupportedContentException before it starts a call
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Runs the call at the provider's rate: now when a permit is free, else scheduled for its turn. */
  private CompletionStage<ProviderResult> paced(Supplier<CompletionStage<ProviderResult>> call) {
    long waitNanos = pace.reservePermission();
    if (waitNanos < 0) {
      return CompletableFuture.failedFuture(RequestNotPermitted.createRequestNotPermitted(pace));
    }
    if (waitNanos == 0) {
      return call.get();
    }
    CompletableFuture<ProviderResult> later = new CompletableFuture<>();
    scheduler.schedule(
        () -> call.get().whenComplete((answer, error) -> {
          if (error != null) {
            later.completeExceptionally(error);
          } else {
            later.complete(answer);
          }
        }),
        waitNanos,
        TimeUnit.NANOSECONDS);
    return later;
  }

  /**
   * {@code ratePerSecond} permits a second, granted in whole permits: 50/s is 50 per second,
   * 0.5/s is one every two seconds.
   */
  static RateLimiterConfig pacing(double ratePerSecond) {
    int permits = Math.max(1, (int) Math.floor(ratePerSecond));
    return RateLimiterConfig.custom()
        .limitForPeriod(permits)
        .limitRefreshPeriod(Duration.ofNanos(Math.round(permits / ratePerSecond * 1e9)))
        .timeoutDuration(MAX_PACING_WAIT)
        .build();
  }

  /**
   * Exponential backoff with jitter (the n-th wait uniformly within ½ to 1 of base·2ⁿ⁻¹), or the
   * provider's Retry-After when it gave one; either never longer than {@code maxDelay}.
   */
  static IntervalBiFunction<ProviderResult> backoff(Duration baseDelay, Duration maxDelay) {
    // Resilience4j randomizes ± a factor around its interval: ±⅓ around ¾ of the ceiling is ½..1.
    IntervalFunction exponential = IntervalFunction.ofExponentialRandomBackoff(
        Math.max(1, baseDelay.toMillis() * 3 / 4), 2.0, 1.0 / 3, maxDelay.toMillis());
    return (attempt, outcome) -> {
      Throwable error = outcome.isLeft() ? unwrap(outcome.getLeft()) : null;
      if (error instanceof TransientProviderException transientError
          && transientError.retryAfter().isPresent()) {
        return Math.min(transientError.retryAfter().get().toMillis(), maxDelay.toMillis());
      }
      return exponential.apply(attempt);
    };
  }

  static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  @Override
  public void close() {
    provider.close();
  }
}
