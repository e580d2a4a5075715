package dev.cascade.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's Kafka clients on its registry, through Micrometer's Kafka binders: every client
 * metric, consumer lag included ({@code kafka_consumer_fetch_manager_records_lag{topic,partition}}
 * and {@code kafka_consumer_fetch_manager_records_lag_max}). A binder finds metrics a client
 * creates later (per-partition lag appears once partitions are assigned) on its next refresh:
 * every {@link #REFRESH} here, on one scheduler thread per service, instead of Micrometer's
 * default of a minute on a thread per client.
 */
public final class KafkaClientMeters implements AutoCloseable {

  /** How often the binders look for client metrics that appeared since they last looked. */
  public static final Duration REFRESH = Duration.ofSeconds(10);

  private static final Logger LOGGER = LoggerFactory.getLogger(KafkaClientMeters.class);

  private final MeterRegistry registry;
  private final ScheduledExecutorService scheduler;
  private final List<AutoCloseable> binders = new ArrayList<>();

  public KafkaClientMeters(MeterRegistry registry, String service) {
    this.registry = registry;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name(service + "-kafka-meters").factory());
  }

  public void bind(Consumer<?, ?> consumer) {
    bind(new KafkaClientMetrics(consumer, List.of(), scheduler, REFRESH));
  }

  public void bind(Producer<?, ?> producer) {
    bind(new KafkaClientMetrics(producer, List.of(), scheduler, REFRESH));
  }

  /**
   * Binds a binder built on {@link #scheduler()} with {@link #REFRESH} (Kafka Streams' binder
   * lives in the modules that use Streams); it is closed with this.
   */
  public synchronized <B extends MeterBinder & AutoCloseable> B bind(B binder) {
    binder.bindTo(registry);
    binders.add(binder);
    return binder;
  }

  /** The thread binders built elsewhere refresh on. */
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** Unbinds every client's meters; call it before closing the clients. */
  @Override
  public synchronized void close() {
    for (AutoCloseable binder : binders) {
      try {
        binder.close();
      } catch (Exception e) {
        LOGGER.atWarn().setCause(e).log("Kafka client meters did not close cleanly");
      }
    }
    binders.clear();
    scheduler.shutdownNow();
  }
}
