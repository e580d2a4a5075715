package dev.cascade.bench.pipeline;

import dev.cascade.bench.load.KafkaLoad;
import java.time.Duration;
import java.util.Map;

/** A Kafka producer writing Avro SendRequests to send.requests. */
final class ProducerLoad implements Load {

  private final KafkaLoad load;
  private final int rate;
  private long sent;
  private long maxBehindMillis;

  ProducerLoad(KafkaLoad load, int rate) {
    this.load = load;
    this.rate = rate;
  }

  @Override
  public void run(String phase, Duration duration) {
    KafkaLoad.Phase result = load.run(phase, rate, duration);
    load.flush();
    sent += result.sent();
    maxBehindMillis = Math.max(maxBehindMillis, result.maxBehindMillis());
  }

  @Override
  public long sent() {
    return sent - load.failed();
  }

  @Override
  public void figures(Map<String, Double> figures) {
    figures.put("load_failed", (double) load.failed());
    figures.put("load_max_behind_ms", (double) maxBehindMillis);
  }
}
