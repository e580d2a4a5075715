package dev.cascade.fallback;

import dev.cascade.fallback.metrics.FallbackTimerMetrics;
import dev.cascade.fallback.status.StatusQueries;
import dev.cascade.fallback.status.StatusRoutes;
import dev.cascade.platform.config.Settings;
import dev.cascade.platform.http.HttpServer;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.ClientProperties;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.metrics.KafkaClientMeters;
import dev.cascade.platform.metrics.MetricsSetup;
import dev.cascade.platform.serde.RecordSerdes;
import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** fallback-timer running: the Streams app, its status endpoint, /metrics and /health. */
public final class FallbackTimerService implements AutoCloseable {

  private static final Logger LOGGER = LoggerFactory.getLogger(FallbackTimerService.class);

  private final KafkaStreams streams;
  private final Javalin http;
  private final KafkaClientMeters kafkaMeters;

  private FallbackTimerService(KafkaStreams streams, Javalin http, KafkaClientMeters kafkaMeters) {
    this.streams = streams;
    this.http = http;
    this.kafkaMeters = kafkaMeters;
  }

  /**
   * Starts the service; {@code onFatalError} runs when the Streams client dies of an unexpected
   * exception (the app exits non-zero).
   */
  public static FallbackTimerService start(Settings settings, Runnable onFatalError) {
    KafkaSettings kafka = KafkaSettings.from(settings);
    FallbackTimerConfig config = FallbackTimerConfig.from(settings);
    CascadeTopics topics = new CascadeTopics(RecordSerdes.from(settings));
    PrometheusMeterRegistry registry = MetricsSetup.prometheus("fallback-timer");
    FallbackTimerMetrics metrics = new FallbackTimerMetrics(registry);

    // The HTTP port is bound first so that the advertised application.server is the real one.
    AtomicReference<KafkaStreams> running = new AtomicReference<>();
    Javalin http = HttpServer.create(
        registry,
        () -> running.get() != null && running.get().state() == KafkaStreams.State.RUNNING);
    http.start(config.httpPort());
    HostInfo self = new HostInfo(config.advertisedHost(), http.port());

    KafkaStreams streams = new KafkaStreams(
        FallbackTopology.build(config, topics, metrics),
        streamsProperties(kafka, config, self, metrics));
    streams.setUncaughtExceptionHandler(error -> {
      LOGGER.atError().setCause(error).log("fallback-timer stopped on an unexpected error");
      onFatalError.run();
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    // every client of the Streams app, its consumers' lag included
    KafkaClientMeters kafkaMeters = new KafkaClientMeters(registry, "fallback-timer");
    kafkaMeters.bind(new KafkaStreamsMetrics(
        streams, List.of(), kafkaMeters.scheduler(), KafkaClientMeters.REFRESH));
    new StatusRoutes(new StatusQueries(streams, self)).register(http);
    running.set(streams);
    streams.start();
    LOGGER.atInfo().addKeyValue("port", http.port()).log("fallback-timer started");
    return new FallbackTimerService(streams, http, kafkaMeters);
  }

  static Properties streamsProperties(
      KafkaSettings kafka,
      FallbackTimerConfig config,
      HostInfo self,
      FallbackTimerMetrics metrics) {
    Properties props = ClientProperties.common(kafka, config.applicationId());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    // a crashed instance's timers fire elsewhere once the group drops it
    props.putAll(ClientProperties.groupMembership(kafka));
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir());
    props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) kafka.replicationFactor());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
    // Wall-clock punctuation runs between polls: a short poll keeps timers firing on time when
    // no records arrive (the default 100 ms poll alone would add up to 100 ms of lag).
    props.put(StreamsConfig.POLL_MS_CONFIG, config.timerTick().toMillis());
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    props.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ProcessingDeadLetterHandler.class);
    props.put(DeadLetterHandler.METRICS_CONFIG, metrics);
    props.put(StreamsConfig.consumerPrefix("max.poll.records"), 500);
    // a warm copy of each task's stores on another instance: a failover restores nothing
    props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
    return props;
  }

  public int port() {
    return http.port();
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  @Override
  public void close() {
    // Leaving the group on a clean stop hands this instance's partitions to the others at once,
    // instead of after the session timeout.
    streams.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(30)));
    kafkaMeters.close();
    http.stop();
  }
}
