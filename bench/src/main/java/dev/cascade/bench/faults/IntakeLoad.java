package dev.cascade.bench.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop HTTP load on send-intake, as a careful client sends: message n is first POSTed at
 * {@code start + n / rate}; any answer but 202 (a 503 while Kafka does not acknowledge, a refused
 * connection while send-intake is down) is retried with the same body every second, for at most
 * {@code retryFor} — the messageId makes the retry idempotent. Every answer is counted; the time
 * of each message's 202 is kept.
 */
final class IntakeLoad implements AutoCloseable {

  private static final Duration RETRY_EVERY = Duration.ofSeconds(1);

  /** What the client saw of one message. */
  static final class Sent {
    final long n;
    final String to;
    volatile long acceptedAt = -1;
    volatile int tries;

    Sent(long n, String to) {
      this.n = n;
      this.to = to;
    }
  }

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2))
      .executor(Executors.newVirtualThreadPerTaskExecutor())
      .build();
  private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
  private final URI messages;
  private final String prefix;
  private final int afterSeconds;
  private final Duration retryFor;
  private final Map<String, Sent> sent = new ConcurrentHashMap<>();
  /** Answers by HTTP status; "connection" for no answer at all. */
  private final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();

  private final AtomicLong problemJson503 = new AtomicLong();
  private final AtomicLong lastAcceptedAt = new AtomicLong();

  IntakeLoad(int intakePort, String prefix, int afterSeconds, Duration retryFor) {
    this.messages = URI.create("http://localhost:" + intakePort + "/v1/messages");
    this.prefix = prefix;
    this.afterSeconds = afterSeconds;
    this.retryFor = retryFor;
  }

  /** Sends {@code count} messages numbered from {@code first} at {@code rate} a second; returns when all are started. */
  void run(long first, long count, double rate) {
    long start = System.nanoTime();
    for (long i = 0; i < count; i++) {
      long due = start + (long) (i * 1e9 / rate);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      long n = first + i;
      clients.submit(() -> send(n));
    }
  }

  private void send(long n) {
    String messageId = prefix + "-" + n;
    Sent message = new Sent(n, FaultMix.to(n));
    sent.put(messageId, message);
    HttpRequest request = HttpRequest.newBuilder(messages)
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("X-Api-Key", "dev-key")
        .POST(HttpRequest.BodyPublishers.ofString(FaultMix.json(messageId, n, afterSeconds)))
        .build();
    long giveUpAt = System.currentTimeMillis() + retryFor.toMillis();
    while (true) {
      message.tries++;
      String answer;
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        answer = String.valueOf(response.statusCode());
        if (response.statusCode() == 202) {
          count(answer);
          long now = System.currentTimeMillis();
          message.acceptedAt = now;
          lastAcceptedAt.accumulateAndGet(now, Math::max);
          return;
        }
        if (response.statusCode() == 503
            && response
                .headers()
                .firstValue("Content-Type")
                .orElse("")
                .startsWith("application/problem+json")) {
          problemJson503.incrementAndGet();
        }
      } catch (IOException e) {
        answer = "connection";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      count(answer);
      if (System.currentTimeMillis() + RETRY_EVERY.toMillis() > giveUpAt) {
        return; // never accepted: the client gave up (not a lost message)
      }
      try {
        Thread.sleep(RETRY_EVERY);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void count(String answer) {
    answers.computeIfAbsent(answer, a -> new AtomicLong()).incrementAndGet();
  }

  /** Waits until every message started has been accepted or given up. */
  void awaitAnswers(Duration timeout) throws InterruptedException {
    clients.shutdown();
    clients.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  Map<String, Sent> sent() {
    return sent;
  }

  Map<String, AtomicLong> answers() {
    return answers;
  }

  long problemJson503() {
    return problemJson503.get();
  }

  /** When the last 202 was received (epoch ms), 0 before any. */
  long lastAcceptedAt() {
    return lastAcceptedAt.get();
  }

  @Override
  public void close() {
    clients.shutdownNow();
  }
}
