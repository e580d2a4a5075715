package dev.cascade.bench.load;

import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.RecordSender;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load over the Kafka path: Avro {@code SendRequest}s of the {@link Mix} written straight
 * to {@code send.requests} by a Kafka producer (Cascade's own producer settings: acks=all,
 * idempotent, linger 5 ms) at a fixed rate. Message n is due at {@code start + n / rate}, whatever
 * happened to earlier ones; when the producer blocks, the load falls behind and says so.
 */
public final class KafkaLoad implements AutoCloseable {

  private static final CascadeTopics TOPICS = new CascadeTopics();

  private final RecordSender producer;
  private final AtomicLong failed = new AtomicLong();
  private long next;

  public KafkaLoad(KafkaSettings kafka) {
    this.producer = RecordSender.create(kafka, "bench-load");
  }

  /** The outcome of one load phase. */
  public record Phase(long sent, long failed, long maxBehindMillis, Duration took) {}

  /**
   * Sends {@code rate} messages a second for {@code duration}, ids {@code prefix-<n>} continuing
   * the numbering of earlier phases; returns once the last one is sent (not acknowledged).
   */
  public Phase run(String prefix, int rate, Duration duration) {
    long total = rate * duration.toMillis() / 1000;
    long first = next;
    long start = System.nanoTime();
    long maxBehind = 0;
    for (long i = 0; i < total; i++) {
      long due = start + i * 1_000_000_000L / rate;
      long now = System.nanoTime();
      if (due > now) {
        LockSupport.parkNanos(due - now);
      } else {
        maxBehind = Math.max(maxBehind, now - due);
      }
      long n = next++;
      producer
          .send(TOPICS.sendRequests, prefix + "-" + n, Mix.request(prefix, n))
          .whenComplete((metadata, error) -> {
            if (error != null) {
              failed.incrementAndGet();
            }
          });
    }
    return new Phase(
        next - first,
        failed.get(),
        maxBehind / 1_000_000,
        Duration.ofNanos(System.nanoTime() - start));
  }

  /** Waits until everything sent is acknowledged (or failed). */
  public void flush() {
    producer.producer().flush();
  }

  public long failed() {
    return failed.get();
  }

  @Override
  public void close() {
    producer.close();
  }
}
