package dev.cascade.dev;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code bin/cascade demo --load N}: a steady N messages a second through send-intake, the seed
 * scenarios in turn (each with a fresh messageId), so the dashboards have something to show. The
 * rate is bounded ({@link #MAX_PER_SECOND}) and so is the number of requests waiting for an
 * answer: when send-intake falls behind, sends are skipped and counted rather than piled up.
 */
final class DemoLoad {

  /** The highest rate accepted: send-intake's default limit per API key. */
  static final int MAX_PER_SECOND = 500;

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http;
  private final URI messages;
  private final String apiKey;
  private final int perSecond;
  private final int maxWaiting;
  private final String runId = Long.toString(Instant.now().getEpochSecond(), 36);
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicInteger waiting = new AtomicInteger();
  private final LongAdder skipped = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final Map<Integer, LongAdder> answers = new ConcurrentHashMap<>();

  DemoLoad(HttpClient http, String intakeUrl, String apiKey, int perSecond) {
    if (perSecond < 1 || perSecond > MAX_PER_SECOND) {
      throw new IllegalArgumentException(
          "--load takes 1 to " + MAX_PER_SECOND + " messages a second, not " + perSecond);
    }
    this.http = http;
    this.messages = URI.create(intakeUrl + "/v1/messages");
    this.apiKey = apiKey;
    this.perSecond = perSecond;
    this.maxWaiting = Math.max(16, 2 * perSecond);
  }

  /**
   * Sends at the steady rate for {@code duration} ({@code null}: until the thread is interrupted,
   * e.g. by Ctrl-C), printing a line every {@code report} ({@code null}: never); then waits a
   * bounded time for the answers still due.
   */
  void run(Duration duration, Duration report) throws InterruptedException {
    ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("demo-load").factory());
    long periodNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
    Instant started = Instant.now();
    ticks.scheduleAtFixedRate(this::sendOne, 0, periodNanos, TimeUnit.NANOSECONDS);
    if (report != null) {
      ticks.scheduleAtFixedRate(
          () -> System.out.println(summary(started)),
          report.toNanos(),
          report.toNanos(),
          TimeUnit.NANOSECONDS);
    }
    try {
      if (duration == null) {
        new CountDownLatch(1).await();
      } else {
        Thread.sleep(duration);
      }
    } finally {
      ticks.shutdownNow();
      Instant deadline = Instant.now().plus(REQUEST_TIMEOUT);
      while (waiting.get() > 0 && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
      }
    }
  }

  /** What was sent and answered so far, one line. */
  String summary(Instant started) {
    return String.format(
        "load: %d/s for %ds: sent %d, answers %s, transport errors %d, skipped (intake behind) %d",
        perSecond,
        Duration.between(started, Instant.now()).toSeconds(),
        sequence.get(),
        answers(),
        failed.sum(),
        skipped.sum());
  }

  /** Answers by HTTP status (202: accepted). */
  Map<Integer, Long> answers() {
    Map<Integer, Long> byStatus = new TreeMap<>();
    answers.forEach((status, count) -> byStatus.put(status, count.sum()));
    return byStatus;
  }

  private void sendOne() {
    if (waiting.get() >= maxWaiting) {
      skipped.increment();
      return;
    }
    long n = sequence.getAndIncrement();
    List<DemoScenarios.Scenario> scenarios = DemoScenarios.all(runId + "-" + n);
    DemoScenarios.Scenario scenario = scenarios.get((int) (n % scenarios.size()));
    HttpRequest request = HttpRequest.newBuilder(messages)
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json")
        .header("X-Api-Key", apiKey)
        .POST(HttpRequest.BodyPublishers.ofString(scenario.body()))
        .build();
    waiting.incrementAndGet();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete((response, error) -> {
          waiting.decrementAndGet();
          if (error != null) {
            failed.increment();
          } else {
            answers
                .computeIfAbsent(response.statusCode(), status -> new LongAdder())
                .increment();
          }
        });
  }
}
