package dev.cascade.platform.kafka;

import dev.cascade.platform.config.Settings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes this instance's watermark into every partition of a topic every {@code interval},
 * through the same producer as the records it covers, so in each partition it comes after every
 * record sent before it was read. When the instance stops cleanly it says it left.
 */
public final class WatermarkBeacon implements AutoCloseable {

  private static final Logger LOGGER = LoggerFactory.getLogger(WatermarkBeacon.class);

  private final RecordSender sender;
  private final String topic;
  private final String source;
  private final Supplier<Instant> watermark;
  private final ScheduledExecutorService timer;
  private boolean silent;

  private WatermarkBeacon(
      RecordSender sender, String topic, String source, Supplier<Instant> watermark) {
    this.sender = sender;
    this.topic = topic;
    this.source = source;
    this.watermark = watermark;
    this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "watermark-" + topic);
      thread.setDaemon(true);
      return thread;
    });
  }

  /** How often watermarks are written ({@code watermark.interval}, 100 ms); zero: never. */
  public static Duration interval(Settings settings) {
    return settings.duration("watermark.interval", Duration.ofMillis(100));
  }

  /** A name for this instance of {@code service}: unique per process start. */
  public static String sourceName(String service) {
    return service + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Starts beating; with a zero {@code interval} returns a beacon that never writes. {@code watermark} must return a time before which every record for {@code
   * topic} has been handed to {@code sender} (for most callers: the clock's now).
   */
  public static WatermarkBeacon start(
      RecordSender sender,
      String topic,
      String source,
      Duration interval,
      Supplier<Instant> watermark) {
    WatermarkBeacon beacon = new WatermarkBeacon(sender, topic, source, watermark);
    if (interval.isZero()) {
      beacon.silent = true;
      return beacon;
    }
    beacon.timer.scheduleAtFixedRate(
        beacon::beatQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return beacon;
  }

  private void beatQuietly() {
    try {
      beat(new Watermarks.Beat(source, watermark.get(), false));
    } catch (RuntimeException e) {
      // a beat that did not go out only holds timers a little longer; the next one catches up
      LOGGER.atDebug().addKeyValue("topic", topic).log("watermark not written: " + e);
    }
  }

  private CompletableFuture<Void> beat(Watermarks.Beat beat) {
    List<PartitionInfo> partitions = sender.producer().partitionsFor(topic);
    byte[] key = source.getBytes(StandardCharsets.UTF_8);
    return CompletableFuture.allOf(partitions.stream()
        .map(partition -> sender.sendBytes(new ProducerRecord<>(
            topic,
            partition.partition(),
            beat.at().toEpochMilli(),
            key,
            null,
            Watermarks.headers(beat))))
        .toArray(CompletableFuture[]::new));
  }

  /** Stops beating and says this source left; call before closing the producer. */
  @Override
  public void close() {
    timer.shutdownNow();
    if (silent) {
      return;
    }
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
      beat(new Watermarks.Beat(source, Instant.now(), true)).get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOGGER.atWarn().addKeyValue("topic", topic).log("leaving watermark not written: " + e);
    }
  }
}
